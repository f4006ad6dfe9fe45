-- The projected year-end score (预计得分) of each department-year, as scoring-service last announced it
-- on budget.evaluations.v1 (ProjectedScoreChanged). One row per department-year holding the announcement
-- computed last: a redelivered message (same computed_at) or an older one arriving late replaces nothing.
create table projected_score (
    department  text        not null,
    fiscal_year int         not null,
    total       numeric     not null,
    grade       text,
    as_of       date        not null,
    rubric      text,
    position    bigint      not null,
    computed_at timestamptz not null,
    received_at timestamptz not null default now(),
    primary key (department, fiscal_year)
);
