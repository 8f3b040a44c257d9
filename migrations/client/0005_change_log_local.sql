-- The PC's own changes (not those that arrived by sync), by sequence: what `pending_changes` counts
-- and what a push reads. Without it both walk every change that came from the other PCs, which on a
-- bootstrapped PC is nearly the whole log. Never edit a shipped migration: add the next file.
CREATE INDEX change_log_local ON change_log(seq) WHERE source <> 'sync';
