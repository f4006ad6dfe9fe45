-- Copies the progress kept before the shared consumer schema (V160 moved the tables aside) and drops them.
INSERT INTO consumer_sequence (aggregate_id, last_sequence)
SELECT aggregate_id, last_sequence FROM legacy_aggregate_progress;

INSERT INTO consumer_held_event (aggregate_id, sequence_number, position, event_id, event_type, payload, recorded_at,
                                 recorded_by, correlation_id, held_at)
SELECT aggregate_id, sequence_number, position, event_id, event_type, payload::jsonb, recorded_at,
       recorded_by, correlation_id, held_at
FROM legacy_held_event;

INSERT INTO consumer_gap (aggregate_id, expected_sequence, received_sequence, event_id, position, detected_at,
                          resolved_at, resolution)
SELECT aggregate_id, expected_sequence, received_sequence, event_id, position, detected_at, resolved_at,
       CASE WHEN resolved_at IS NOT NULL THEN 'filled' END
FROM legacy_consumer_gap;

INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, record_key, event_id, event_type, aggregate_id,
                         sequence_number, position, payload, headers, error, parked_at)
SELECT topic, kafka_partition, kafka_offset, kafka_key, event_id, event_type, aggregate_id,
       sequence_number, position, payload, headers, error, parked_at
FROM legacy_dead_letter ORDER BY id;

DROP TABLE legacy_aggregate_progress, legacy_held_event, legacy_consumer_gap, legacy_dead_letter;
