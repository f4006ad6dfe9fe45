-- Department-years whose events are applied but whose alert evaluation has not committed yet (待评估).
-- The consumer's transaction adds a row per batch and department-year (the lowest position of its events
-- there); the evaluation's reconcile transaction deletes the rows its judgement covered. So the evaluation
-- runs off the consumer's thread without the reported position (/api/v1/position, read-your-writes) ever
-- claiming an event whose alerts are not committed, and a crash in between leaves the work here, not lost.
create table evaluation_due (
    id          bigserial primary key,
    department  text   not null,
    fiscal_year int    not null,
    position    bigint not null
);

create index evaluation_due_department_year on evaluation_due (department, fiscal_year, id);
create index evaluation_due_position on evaluation_due (position);
