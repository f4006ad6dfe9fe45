-- Execution read models (执行进度读模型). Kept in their own schema so a rebuild can fill a fresh copy
-- (rm_next) from the event log and swap it in with two renames in one transaction.
create schema if not exists rm;

create table rm.dept_year (
    department      text   not null,
    fiscal_year     int    not null,
    department_name text,
    rubric          text,
    quarter_targets text,
    opened_on       date,
    closed_on       date,
    last_position   bigint not null,
    primary key (department, fiscal_year)
);

create table rm.budget_line (
    department              text          not null,
    fiscal_year             int           not null,
    line                    text          not null,
    name                    text,
    fund_source             text,
    expenditure_type        text,
    three_public            text,
    appropriation           boolean       not null,
    allocated               numeric(18,2) not null,
    supplements             numeric(18,2) not null,
    reductions              numeric(18,2) not null,
    transfers_in            numeric(18,2) not null,
    transfers_out           numeric(18,2) not null,
    disbursed               numeric(18,2) not null,
    reversed                numeric(18,2) not null,
    reclaimed               numeric(18,2) not null,
    carried_over            numeric(18,2) not null,
    rejected_count          int           not null,
    last_rejected_amount    numeric(18,2),
    last_rejected_available numeric(18,2),
    last_rejected_on        date,
    last_rejected_position  bigint,
    last_rejected_event     text,
    last_position           bigint        not null,
    last_event_id           text,
    primary key (department, fiscal_year, line)
);

-- Net disbursements per line by the quarter of their business date (for quarterly cumulative rates).
create table rm.line_quarter (
    department  text          not null,
    fiscal_year int           not null,
    line        text          not null,
    quarter     int           not null,
    disbursed   numeric(18,2) not null,
    reversed    numeric(18,2) not null,
    primary key (department, fiscal_year, line, quarter)
);

-- The latest close of each quarter with the department's reported YTD execution per fund source.
create table rm.quarter_close (
    department  text   not null,
    fiscal_year int    not null,
    quarter     int    not null,
    closed_on   date   not null,
    position    bigint not null,
    event_id    text   not null,
    reported    text   not null,
    primary key (department, fiscal_year, quarter)
);

create table rm.kpi (
    department         text    not null,
    fiscal_year        int     not null,
    kpi                text    not null,
    task               text,
    name               text,
    direction          text,
    target             numeric,
    target_description text,
    unit               text,
    points             numeric,
    set_on             date,
    actual             numeric,
    met                boolean,
    reported_on        date,
    report_event_id    text,
    reported_quarters  int     not null,
    primary key (department, fiscal_year, kpi)
);
