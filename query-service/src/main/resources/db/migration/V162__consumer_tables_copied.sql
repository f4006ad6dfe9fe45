-- Copies the progress kept before the shared consumer schema (V160 moved the tables aside) and drops them.
insert into consumer_sequence (aggregate_id, last_sequence)
select aggregate_id, last_sequence from legacy_applied_sequence;

insert into consumer_held_event (aggregate_id, sequence_number, position, event_id, event_type, payload, recorded_at,
                                 recorded_by, correlation_id, on_behalf_of, event_hash, prev_hash, held_at)
select aggregate_id, sequence_number, position, event_id, event_type, payload, recorded_at,
       recorded_by, correlation_id, on_behalf_of, event_hash, prev_hash, held_at
from legacy_held_event;

insert into consumer_gap (aggregate_id, expected_sequence, received_sequence, event_id, detected_at, resolved_at,
                          resolution)
select aggregate_id, expected_sequence, received_sequence, event_id, detected_at, resolved_at,
       case when resolved_at is not null then 'filled' end
from legacy_consumer_gap;

insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, event_id, event_type, aggregate_id,
                         sequence_number, payload, error, parked_at)
select topic, kafka_partition, kafka_offset, record_key, event_id, event_type, aggregate_id,
       sequence_number, convert_to(payload, 'UTF8'), error, parked_at
from legacy_dead_letter order by id;

drop table legacy_applied_sequence, legacy_held_event, legacy_consumer_gap, legacy_dead_letter;
