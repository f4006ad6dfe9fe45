-- The exactly-once consumer's bookkeeping (infra/event-consumer), one schema for every reader of
-- budget.events.v1. Everything here is written in the same transaction as the read-model change it guards.
-- A reader's own migrations V160 (moves its older tables aside) and V162 (copies their rows in) run around this.

-- Last applied (or parked) sequence number per aggregate.
create table consumer_sequence (
    aggregate_id  text   primary key,
    last_sequence bigint not null
);

-- Per partition of budget.events.v1: the highest log watermark handled ("every event ≤ published_through was
-- published before it"). The reader's position is the smallest over all partitions (GET /api/v1/position).
create table consumer_partition (
    topic             text   not null,
    kafka_partition   int    not null,
    published_through bigint not null,
    partitions        int    not null,
    primary key (topic, kafka_partition)
);

-- Events that arrived ahead of a missing predecessor: held (never skipped) until the gap is filled, or
-- parked / released after budget.consumer.hold-timeout.
create table consumer_held_event (
    aggregate_id    text        not null,
    sequence_number bigint      not null,
    position        bigint      not null,
    event_id        text        not null,
    event_type      text        not null,
    payload         jsonb       not null,
    recorded_at     timestamptz not null,
    recorded_by     text,
    correlation_id  text,
    on_behalf_of    text,
    event_hash      text,
    prev_hash       text,
    kafka_partition int,
    kafka_offset    bigint,
    held_at         timestamptz not null default now(),
    primary key (aggregate_id, sequence_number)
);
create index consumer_held_event_age on consumer_held_event (held_at);

-- A detected gap: expected sequence N, received M > N; resolved when no held event of the aggregate is left.
create table consumer_gap (
    id                bigserial   primary key,
    aggregate_id      text        not null,
    expected_sequence bigint      not null,
    received_sequence bigint      not null,
    event_id          text        not null,
    position          bigint,
    detected_at       timestamptz not null default now(),
    resolved_at       timestamptz,
    resolution        text
);
create index consumer_gap_open on consumer_gap (aggregate_id) where resolved_at is null;

-- Poison messages (unreadable, refused by the projection, or held too long): parked with the error and the
-- record exactly as it came, so an operator can inspect and replay it; the stream goes on.
create table dead_letter (
    id              bigserial   primary key,
    topic           text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    record_key      text,
    event_id        text,
    event_type      text,
    aggregate_id    text,
    sequence_number bigint,
    position        bigint,
    payload         bytea,
    headers         text,
    error           text        not null,
    parked_at       timestamptz not null default now()
);
create index dead_letter_event on dead_letter (event_id);
