-- The dashboard counts patients added per day: by kind and creation time without scanning every record.
CREATE INDEX records_kind_created ON records(kind, created_at);
