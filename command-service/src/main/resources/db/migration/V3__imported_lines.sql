-- lines stored by an import sent with an Idempotency-Key: a re-sent import skips them
CREATE TABLE imported_line (
    import_key  VARCHAR(255) NOT NULL,
    line_number BIGINT       NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT imported_line_pk PRIMARY KEY (import_key, line_number)
);
CREATE INDEX imported_line_created_at ON imported_line (created_at);
