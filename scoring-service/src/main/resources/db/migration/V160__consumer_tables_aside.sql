-- The consumer's bookkeeping moves to the schema shared with query-service (infra/event-consumer,
-- db/consumer/V161). Its older tables are moved aside here and copied in by V162, so no progress is lost.
ALTER TABLE aggregate_progress RENAME TO legacy_aggregate_progress;
ALTER TABLE held_event RENAME TO legacy_held_event;
ALTER TABLE consumer_gap RENAME TO legacy_consumer_gap;
ALTER INDEX consumer_gap_open RENAME TO legacy_consumer_gap_open;
ALTER TABLE dead_letter RENAME TO legacy_dead_letter;
-- the highest position applied is replaced by the smallest log watermark over all partitions
DROP TABLE consumer_position;
