-- Sync issues gain the kind `double_booking` (two overlapping appointments booked offline on two
-- PCs); their record_ids are the two appointments. Never edit a shipped migration: add the next file.
ALTER TABLE sync_issues DROP CONSTRAINT IF EXISTS sync_issues_kind_check;
ALTER TABLE sync_issues ADD CONSTRAINT sync_issues_kind_check
    CHECK (kind IN ('field_conflict', 'likely_duplicate', 'double_booking'));
