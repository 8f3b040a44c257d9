-- Two-factor sign-in (TOTP). The secret is in the user's document; the login projection carries it
-- so a login reads one row. `totp_last_step` remembers, per user, the newest time step whose code this
-- PC accepted, so a code seen over a shoulder cannot be used again here (RFC 6238 §5.2).
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';

CREATE TABLE totp_last_step (
    user_id TEXT PRIMARY KEY,
    step    INTEGER NOT NULL
) STRICT;
