-- Sessions of the central admin report pages. The cookie holds a random 32-byte token; only its
-- SHA-256 is kept here. Never edit a shipped migration: add the next file.
CREATE TABLE admin_sessions (
    token_hash  bytea PRIMARY KEY,
    admin_id    uuid NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
    -- per-session CSRF token, echoed in a hidden field of every form
    csrf_token  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);

-- Failed logins, for rate limiting across every server instance (kept for a day).
CREATE TABLE admin_login_failures (
    username    text NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_login_failures_by_name ON admin_login_failures (username, failed_at);
