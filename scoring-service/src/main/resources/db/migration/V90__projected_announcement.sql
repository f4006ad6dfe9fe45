-- The projected score (预计得分) of each department-year as last announced on budget.evaluations.v1
-- (ProjectedScoreChanged). Written in the transaction of the event batch that changed it, so a batch
-- announces only what differs from this row, and a redelivered batch (which changes no input) nothing.
CREATE TABLE projected_announcement (
    department  text        NOT NULL,
    fiscal_year integer     NOT NULL,
    total       numeric     NOT NULL,
    grade       text,
    as_of       date        NOT NULL,
    rubric      text        NOT NULL,
    position    bigint      NOT NULL,
    computed_at timestamptz NOT NULL,
    PRIMARY KEY (department, fiscal_year)
);
