-- Who did it, and which rubric version a year is scored with (docs/design/SECURITY.md, issue 9).
-- A high version number: other branches add their own migrations without colliding.

-- 评价人: the authenticated principal who took a snapshot; snapshots taken before keep null
ALTER TABLE evaluation ADD COLUMN taken_by text;

-- who uploaded a rubric (uploaded_at already says when); earlier uploads keep null
ALTER TABLE uploaded_rubric ADD COLUMN uploaded_by text;

-- the rubric version a department-year was opened with: set once, when its FiscalYearOpened is
-- applied (the version the event names, else the version current then), and never moved by a later
-- upload. Null: not opened yet, or its rubric was unknown then (scored with the latest version).
ALTER TABLE department_year ADD COLUMN rubric_version integer;
