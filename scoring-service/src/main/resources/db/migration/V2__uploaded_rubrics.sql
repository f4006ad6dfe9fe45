-- 上传的评价方案: rubrics uploaded through POST /api/v1/rubrics, seen by every replica and kept across
-- restarts. An id and version, once stored, keeps its rules: a changed rubric is a new version.
CREATE TABLE uploaded_rubric (
    rubric_id   text        NOT NULL,
    version     integer     NOT NULL,
    yaml        bytea       NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rubric_id, version)
);
