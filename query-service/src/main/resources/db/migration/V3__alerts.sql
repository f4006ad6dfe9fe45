-- Alerts (预警) with their lifecycle; one row per (rule, subject, department, fiscal year).
create table alert (
    id              bigserial primary key,
    rule            text        not null,
    subject         text        not null,
    department      text        not null,
    fiscal_year     int         not null,
    severity        text        not null,
    status          text        not null,
    message         text        not null,
    evidence        text        not null,
    opened_at       timestamptz not null,
    updated_at      timestamptz not null,
    acknowledged_by text,
    acknowledged_at timestamptz,
    ack_comment     text,
    resolved_at     timestamptz,
    unique (rule, subject, department, fiscal_year)
);

-- Every transition, kept forever: the SSE stream (id = transition id), the Kafka topic (outbox) and
-- alert history as of a date all read it.
create table alert_transition (
    id           bigserial primary key,
    alert_id     bigint      not null references alert (id),
    rule         text        not null,
    subject      text        not null,
    department   text        not null,
    fiscal_year  int         not null,
    transition   text        not null,
    status       text        not null,
    severity     text        not null,
    message      text        not null,
    evidence     text        not null,
    actor        text,
    comment      text,
    at           timestamptz not null,
    published_at timestamptz
);
create index alert_transition_unpublished on alert_transition (id) where published_at is null;

-- Peak projected score of the execution-based indicators (PROJECTED_SCORE_DROP baseline).
create table score_projection (
    department  text    not null,
    fiscal_year int     not null,
    peak        numeric not null,
    latest      numeric not null,
    primary key (department, fiscal_year)
);
