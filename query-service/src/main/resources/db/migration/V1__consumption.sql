-- The service's own copy of the event log (事件日志副本): history, as-of queries and rebuilds read it.
create table event_log (
    position        bigint primary key,
    event_id        text        not null unique,
    aggregate_id    text        not null,
    sequence_number bigint      not null,
    event_type      text        not null,
    department      text        not null,
    fiscal_year     int         not null,
    occurred_on     date        not null,
    recorded_at     timestamptz not null,
    recorded_by     text,
    correlation_id  text,
    payload         jsonb       not null,
    unique (aggregate_id, sequence_number)
);
create index event_log_department_year on event_log (department, fiscal_year, position);

-- Last applied sequence per aggregate: written in the same transaction as the read models it guards.
create table applied_sequence (
    aggregate_id  text primary key,
    last_sequence bigint not null
);

-- Highest log position applied (GET /api/v1/position).
create table consumer_position (
    id       int primary key,
    position bigint not null
);
insert into consumer_position (id, position) values (1, -1);

-- Events that arrived ahead of a missing predecessor: held until the gap is filled, never skipped.
create table held_event (
    aggregate_id    text        not null,
    sequence_number bigint      not null,
    position        bigint      not null,
    event_id        text        not null,
    event_type      text        not null,
    department      text        not null,
    fiscal_year     int         not null,
    occurred_on     date        not null,
    recorded_at     timestamptz not null,
    recorded_by     text,
    correlation_id  text,
    payload         jsonb       not null,
    held_at         timestamptz not null default now(),
    primary key (aggregate_id, sequence_number)
);

create table consumer_gap (
    id                bigserial primary key,
    aggregate_id      text        not null,
    expected_sequence bigint      not null,
    received_sequence bigint      not null,
    event_id          text        not null,
    detected_at       timestamptz not null default now(),
    resolved_at       timestamptz
);

-- Poison messages (unreadable, or a handler refused them): parked with the error; the stream goes on.
create table dead_letter (
    id              bigserial primary key,
    topic           text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    record_key      text,
    event_id        text,
    event_type      text,
    aggregate_id    text,
    sequence_number bigint,
    payload         text,
    error           text        not null,
    parked_at       timestamptz not null default now()
);
