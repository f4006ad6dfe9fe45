-- 三、存在的主要问题 and 四、下一步改进措施 as an evaluator edited them before export (issue 14 part 6).
-- The snapshot stays immutable: every edit is a new version here, with who made it and when; a report
-- uses the latest version, or the text drafted from the findings while there is none.
CREATE TABLE report_narrative (
    evaluation_id  uuid        NOT NULL REFERENCES evaluation (id),
    version        integer     NOT NULL CHECK (version > 0),
    problems       text        NOT NULL,
    measures       text        NOT NULL,
    edited_by      text        NOT NULL,
    edited_at      timestamptz NOT NULL,
    PRIMARY KEY (evaluation_id, version)
);

-- versions are kept, never rewritten
CREATE FUNCTION report_narrative_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'report narratives are versioned, not changed (% of %)', TG_OP, OLD.evaluation_id;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_narrative_append_only BEFORE UPDATE OR DELETE ON report_narrative
    FOR EACH ROW EXECUTE FUNCTION report_narrative_is_append_only();
