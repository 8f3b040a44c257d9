-- Sync issues gain the kind `negative_stock` (a pharmacy stock batch below zero after two PCs
-- dispensed it offline); their record_ids are the batch. Never edit a shipped migration: add the next file.
ALTER TABLE sync_issues DROP CONSTRAINT IF EXISTS sync_issues_kind_check;
ALTER TABLE sync_issues ADD CONSTRAINT sync_issues_kind_check
    CHECK (kind IN ('field_conflict', 'likely_duplicate', 'double_booking', 'negative_stock'));
