-- Evaluation snapshots announced by scoring-service on budget.evaluations.v1 (绩效自评快照): the figures
-- a dashboard shows beside execution, without a call to scoring-service. One row per snapshot id, so a
-- redelivered message changes nothing; the latest per department-year is the one shown.
create table evaluation (
    id          uuid        primary key,
    department  text        not null,
    fiscal_year int         not null,
    total       numeric     not null,
    grade       text,
    taken_at    timestamptz not null,
    taken_by    text,
    position    bigint      not null,
    received_at timestamptz not null default now()
);
create index evaluation_latest on evaluation (department, fiscal_year, taken_at desc, id desc);
