-- Axon's event store, token store and the command side's own tables. Axon creates no tables;
-- names are snake_case and configured via the EventSchema/TokenSchema beans (EventStoreConfiguration).
-- Payloads, metadata and tokens are TEXT holding JSON, so an auditor can read them directly:
--   SELECT global_index, payload_type, payload::jsonb, meta_data::jsonb FROM domain_event_entry;

-- The event log. global_index is the log position; a rolled-back append leaves a gap, which the
-- GapAwareTrackingToken of streaming processors tolerates.
CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              TEXT         NOT NULL,
    meta_data            TEXT,
    CONSTRAINT domain_event_entry_pk PRIMARY KEY (global_index),
    -- two writers deciding on the same aggregate version: one of them fails and is retried
    CONSTRAINT domain_event_entry_aggregate_seq_uk UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_id_uk UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              TEXT         NOT NULL,
    meta_data            TEXT,
    CONSTRAINT snapshot_event_entry_pk PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_id_uk UNIQUE (event_identifier)
);

-- JdbcTokenStore: where each streaming processor (e.g. kafka-publisher) has got to, and who owns the claim
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          TEXT,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    CONSTRAINT token_entry_pk PRIMARY KEY (processor_name, segment)
);

-- Set-based validation (written by a subscribing processor in the command's transaction):
-- is a department-year open? (年度状态)
CREATE TABLE fiscal_year_register (
    department  VARCHAR(255) NOT NULL,
    fiscal_year INTEGER      NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    CONSTRAINT fiscal_year_register_pk PRIMARY KEY (department, fiscal_year),
    CONSTRAINT fiscal_year_register_status_ck CHECK (status IN ('OPEN', 'CLOSED'))
);

-- every voucher (凭证号) of a department-year, across its lines: the key makes a voucher unique
CREATE TABLE voucher_book (
    department  VARCHAR(255)   NOT NULL,
    fiscal_year INTEGER        NOT NULL,
    voucher     VARCHAR(255)   NOT NULL,
    line        VARCHAR(255)   NOT NULL,
    amount      NUMERIC(20, 2) NOT NULL,
    reversed    BOOLEAN        NOT NULL DEFAULT FALSE,
    event_id    VARCHAR(255)   NOT NULL,
    CONSTRAINT voucher_book_pk PRIMARY KEY (department, fiscal_year, voucher)
);

-- Idempotency-Key of REST requests: a replay returns the stored response and stores no event.
-- status is the HTTP status of the stored response, NULL while the first request is in progress.
CREATE TABLE idempotency_key (
    key                 VARCHAR(255) NOT NULL,
    request_fingerprint VARCHAR(64)  NOT NULL,
    status              INTEGER,
    response_body       TEXT,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_key_pk PRIMARY KEY (key)
);
