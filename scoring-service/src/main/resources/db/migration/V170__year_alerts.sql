-- 年内预警: the alerts query-service published on budget.alerts.v1 (AlertTransitioned), kept per department-year
-- so the self-evaluation report's 三 and 四 can cite them. Numbered V170: above the consumer module's V160–V162.

-- one row per CloudEvents id seen: a redelivered transition finds its id here and changes nothing; written in the
-- transaction that applies the transition, so "seen" and "applied" cannot disagree
CREATE TABLE alert_transition_received (
    cloud_event_id text PRIMARY KEY,
    transition_id bigint NOT NULL,
    department text NOT NULL,
    fiscal_year integer NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- one row per alert: what it is about, how bad it got, when it opened and how (if) it ended
CREATE TABLE year_alert (
    alert_id bigint PRIMARY KEY,
    department text NOT NULL,
    fiscal_year integer NOT NULL,
    rule text NOT NULL,
    subject text NOT NULL,
    severity text NOT NULL,
    worst_severity text NOT NULL,
    message text,
    opened_at timestamptz NOT NULL,
    closed_at timestamptz,
    -- RESOLVED (解除) or CLOSED_WITH_YEAR (随年度结账关闭); null while open
    closed_by text,
    reopened integer NOT NULL DEFAULT 0,
    last_transition_id bigint NOT NULL
);

CREATE INDEX year_alert_department_year ON year_alert (department, fiscal_year);

-- a record on budget.alerts.v1 that is not a readable AlertTransitioned: parked with its bytes and error, never
-- silently skipped (one row per topic-partition-offset, so a redelivery parks nothing twice)
CREATE TABLE alert_transition_parked (
    topic text NOT NULL,
    kafka_partition integer NOT NULL,
    kafka_offset bigint NOT NULL,
    record_key text,
    payload bytea,
    error text NOT NULL,
    parked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);
