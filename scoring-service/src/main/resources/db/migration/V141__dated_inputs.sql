-- issue 14: the inputs by business date (occurredOn), so that a report or a projection "as of" a day
-- uses no event dated after it. Written by the batch path next to the running totals, in the same
-- transaction; read only for as-of cuts (InputsAsOf).

-- 按业务日期的发生额: what each running total of a line gained on one business date
CREATE TABLE line_day (
    department     text          NOT NULL,
    fiscal_year    integer       NOT NULL,
    line           text          NOT NULL,
    occurred_on    date          NOT NULL,
    allocated      numeric(20,2) NOT NULL DEFAULT 0,
    supplements    numeric(20,2) NOT NULL DEFAULT 0,
    reductions     numeric(20,2) NOT NULL DEFAULT 0,
    transfers_in   numeric(20,2) NOT NULL DEFAULT 0,
    transfers_out  numeric(20,2) NOT NULL DEFAULT 0,
    disbursed      numeric(20,2) NOT NULL DEFAULT 0,
    reversed       numeric(20,2) NOT NULL DEFAULT 0,
    reclaimed      numeric(20,2) NOT NULL DEFAULT 0,
    carried_over   numeric(20,2) NOT NULL DEFAULT 0,
    procurement    numeric(20,2) NOT NULL DEFAULT 0, -- procurement disbursements net of their reversals
    PRIMARY KEY (department, fiscal_year, line, occurred_on)
);

-- the year's "latest wins" and additive facts, one row per event (few per year)
CREATE TABLE year_fact (
    event_id     text          PRIMARY KEY,
    department   text          NOT NULL,
    fiscal_year  integer       NOT NULL,
    occurred_on  date          NOT NULL,
    position     bigint        NOT NULL,
    kind         text          NOT NULL CHECK (kind IN ('PROCUREMENT_PLAN', 'ASSETS', 'CLOSED')),
    amount       numeric(20,2),
    total        numeric(20,2)
);
CREATE INDEX year_fact_year ON year_fact (department, fiscal_year, occurred_on);

-- a KPI's history: its target set, adjusted, and progress reports, one row per event
CREATE TABLE kpi_fact (
    event_id            text    PRIMARY KEY,
    department          text    NOT NULL,
    fiscal_year         integer NOT NULL,
    kpi                 text    NOT NULL,
    occurred_on         date    NOT NULL,
    position            bigint  NOT NULL,
    kind                text    NOT NULL CHECK (kind IN ('SET', 'ADJUSTED', 'PROGRESS')),
    task                text,
    name                text,
    direction           text,
    target              numeric,
    target_description  text,
    unit                text,
    points              numeric(10,2),
    actual              numeric,
    met                 boolean
);
CREATE INDEX kpi_fact_year ON kpi_fact (department, fiscal_year, occurred_on);

-- 偏差原因 / 纠偏措施 an evaluator gave for a deviation of the monitoring report; the latest per subject counts
CREATE TABLE deviation_explanation (
    event_id     text    PRIMARY KEY,
    department   text    NOT NULL,
    fiscal_year  integer NOT NULL,
    subject      text    NOT NULL,
    cause        text    NOT NULL,
    measure      text    NOT NULL,
    explained_by text    NOT NULL,
    occurred_on  date    NOT NULL,
    position     bigint  NOT NULL
);
CREATE INDEX deviation_explanation_year ON deviation_explanation (department, fiscal_year, occurred_on);
