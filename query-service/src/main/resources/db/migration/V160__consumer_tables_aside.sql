-- The consumer's bookkeeping moves to the schema shared with scoring-service (infra/event-consumer,
-- db/consumer/V161). Its older tables are moved aside here and copied in by V162, so no progress is lost.
alter table applied_sequence rename to legacy_applied_sequence;
alter table held_event rename to legacy_held_event;
alter table consumer_gap rename to legacy_consumer_gap;
alter table dead_letter rename to legacy_dead_letter;
-- the highest position applied is replaced by the smallest log watermark over all partitions
drop table consumer_position;
