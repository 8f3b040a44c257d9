-- Failed logins in a row per username typed (existing or not, so the lockout does not reveal which
-- usernames exist). Device-local security state: never synced. A successful login removes the row.
-- locked_until: RFC 3339 time until which logins for this username are refused, or NULL.
CREATE TABLE login_failures (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until TEXT
) STRICT;
