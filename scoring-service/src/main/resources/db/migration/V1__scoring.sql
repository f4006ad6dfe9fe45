-- scoring-service: the indicator inputs of every department-year, maintained incrementally from
-- budget.events.v1, and the immutable evaluation snapshots taken from them.

-- 部门年度: one row per department-year, with the per-year running totals
CREATE TABLE department_year (
    department          text          NOT NULL,
    fiscal_year         integer       NOT NULL,
    department_name     text,
    rubric              text,
    quarter_targets     text,                       -- "0.25,0.50,0.75,1.00" as stated by FiscalYearOpened
    gpb_q1              numeric(20,2) NOT NULL DEFAULT 0, -- net general-public-budget disbursements dated in Q1
    gpb_q2              numeric(20,2) NOT NULL DEFAULT 0,
    gpb_q3              numeric(20,2) NOT NULL DEFAULT 0,
    gpb_q4              numeric(20,2) NOT NULL DEFAULT 0,
    procurement_actual  numeric(20,2) NOT NULL DEFAULT 0,
    procurement_plan    numeric(20,2) NOT NULL DEFAULT 0,
    assets_in_use       numeric(20,2),
    assets_total        numeric(20,2),
    closed              boolean       NOT NULL DEFAULT false,
    last_position       bigint        NOT NULL DEFAULT 0,
    events_applied      bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (department, fiscal_year)
);

-- 预算项目: running totals of one line
CREATE TABLE budget_line (
    department        text          NOT NULL,
    fiscal_year       integer       NOT NULL,
    line              text          NOT NULL,
    name              text,
    fund_source       text          NOT NULL,
    expenditure_type  text          NOT NULL,
    three_public      text          NOT NULL,
    appropriation     boolean       NOT NULL,
    allocated         numeric(20,2) NOT NULL DEFAULT 0,
    supplements       numeric(20,2) NOT NULL DEFAULT 0,
    reductions        numeric(20,2) NOT NULL DEFAULT 0,
    transfers_in      numeric(20,2) NOT NULL DEFAULT 0,
    transfers_out     numeric(20,2) NOT NULL DEFAULT 0,
    disbursed         numeric(20,2) NOT NULL DEFAULT 0,
    reversed          numeric(20,2) NOT NULL DEFAULT 0,
    reclaimed         numeric(20,2) NOT NULL DEFAULT 0,
    carried_over      numeric(20,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (department, fiscal_year, line)
);

-- 凭证: needed only to net a reversal's procurement flag (the reversal does not carry it)
CREATE TABLE voucher (
    department   text          NOT NULL,
    fiscal_year  integer       NOT NULL,
    voucher      text          NOT NULL,
    line         text          NOT NULL,
    amount       numeric(20,2) NOT NULL,
    procurement  boolean       NOT NULL,
    occurred_on  date          NOT NULL,
    reversed     boolean       NOT NULL DEFAULT false,
    PRIMARY KEY (department, fiscal_year, voucher)
);

-- 绩效指标
CREATE TABLE kpi (
    department          text    NOT NULL,
    fiscal_year         integer NOT NULL,
    kpi                 text    NOT NULL,
    task                text    NOT NULL,
    name                text    NOT NULL,
    direction           text    NOT NULL,
    target              numeric,
    target_description  text,
    unit                text,
    points              numeric(10,2) NOT NULL,
    actual              numeric,
    met                 boolean,
    reported_on         date,
    PRIMARY KEY (department, fiscal_year, kpi)
);

-- 定性评价扣分
CREATE TABLE qualitative_deduction (
    id           bigserial PRIMARY KEY,
    event_id     text          NOT NULL UNIQUE,
    department   text          NOT NULL,
    fiscal_year  integer       NOT NULL,
    indicator    text          NOT NULL,
    deduction    numeric(10,2) NOT NULL,
    reason       text,
    evaluator    text,
    occurred_on  date
);
CREATE INDEX qualitative_deduction_year ON qualitative_deduction (department, fiscal_year);

-- 工作表现加减分
CREATE TABLE bonus_penalty (
    id           bigserial PRIMARY KEY,
    event_id     text          NOT NULL UNIQUE,
    department   text          NOT NULL,
    fiscal_year  integer       NOT NULL,
    points       numeric(10,2) NOT NULL,
    reason       text,
    occurred_on  date
);
CREATE INDEX bonus_penalty_year ON bonus_penalty (department, fiscal_year);

-- exactly-once effect: the last sequence number applied per aggregate, written with the input change
CREATE TABLE aggregate_progress (
    aggregate_id   text   PRIMARY KEY,
    last_sequence  bigint NOT NULL
);

-- the highest event-log position applied (GET /api/v1/position)
CREATE TABLE consumer_position (
    id        integer PRIMARY KEY CHECK (id = 1),
    position  bigint  NOT NULL
);
INSERT INTO consumer_position (id, position) VALUES (1, 0);

-- events that arrived after a gap in their aggregate's stream, waiting for the missing ones
CREATE TABLE held_event (
    aggregate_id     text        NOT NULL,
    sequence_number  bigint      NOT NULL,
    event_id         text        NOT NULL,
    position         bigint      NOT NULL,
    event_type       text        NOT NULL,
    payload          text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    recorded_by      text,
    correlation_id   text,
    held_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (aggregate_id, sequence_number)
);

-- a detected gap: expected sequence N, received M > N
CREATE TABLE consumer_gap (
    id                 bigserial PRIMARY KEY,
    aggregate_id       text        NOT NULL,
    expected_sequence  bigint      NOT NULL,
    received_sequence  bigint      NOT NULL,
    event_id           text        NOT NULL,
    position           bigint      NOT NULL,
    detected_at        timestamptz NOT NULL DEFAULT now(),
    resolved_at        timestamptz
);
CREATE INDEX consumer_gap_open ON consumer_gap (aggregate_id) WHERE resolved_at IS NULL;

-- poison messages: unreadable, or refused by a handler; the stream goes on without them
CREATE TABLE dead_letter (
    id               bigserial PRIMARY KEY,
    topic            text        NOT NULL,
    kafka_partition  integer     NOT NULL,
    kafka_offset     bigint      NOT NULL,
    kafka_key        text,
    event_id         text,
    event_type       text,
    aggregate_id     text,
    sequence_number  bigint,
    position         bigint,
    payload          bytea,
    headers          text,
    error            text        NOT NULL,
    parked_at        timestamptz NOT NULL DEFAULT now()
);

-- 评价快照: immutable once written
CREATE TABLE evaluation (
    id              uuid          PRIMARY KEY,
    department      text          NOT NULL,
    fiscal_year     integer       NOT NULL,
    rubric_id       text          NOT NULL,
    rubric_version  integer       NOT NULL,
    position        bigint        NOT NULL,
    total           numeric(7,2)  NOT NULL,
    grade           text          NOT NULL,
    created_at      timestamptz   NOT NULL,
    document        jsonb         NOT NULL
);
CREATE INDEX evaluation_year ON evaluation (department, fiscal_year, created_at);

CREATE FUNCTION evaluation_is_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'evaluation snapshots are immutable (% of %)', TG_OP, OLD.id;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER evaluation_immutable BEFORE UPDATE OR DELETE ON evaluation
    FOR EACH ROW EXECUTE FUNCTION evaluation_is_immutable();
