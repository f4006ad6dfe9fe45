package io.budgetmonitor.scoring.rubric;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code uploaded_rubric} table: uploaded rubric files as sent, shared by all replicas. */
@Component
public class UploadedRubrics {

    private final JdbcTemplate jdbc;

    public UploadedRubrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the file unless this id and version is stored already; returns whether it stored it. The
     * first upload keeps its uploader: sending the same file again records nothing.
     */
    public boolean store(String id, int version, byte[] yaml, String uploadedBy) {
        return jdbc.update(
                        "INSERT INTO uploaded_rubric (rubric_id, version, yaml, uploaded_by) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (rubric_id, version) DO NOTHING",
                        id,
                        version,
                        yaml,
                        uploadedBy)
                == 1;
    }

    /** The highest uploaded version of a rubric, whichever replica received it. */
    public OptionalInt latestVersion(String id) {
        Integer latest =
                jdbc.queryForObject("SELECT max(version) FROM uploaded_rubric WHERE rubric_id = ?", Integer.class, id);
        return latest == null ? OptionalInt.empty() : OptionalInt.of(latest);
    }

    /** The highest version of {@code id} uploaded at or before {@code instant}. */
    public OptionalInt latestVersionAt(String id, Instant instant) {
        Integer latest = jdbc.queryForObject(
                "SELECT max(version) FROM uploaded_rubric WHERE rubric_id = ? AND uploaded_at <= ?",
                Integer.class,
                id,
                java.sql.Timestamp.from(instant));
        return latest == null ? OptionalInt.empty() : OptionalInt.of(latest);
    }

    /** Who uploaded a rubric version, and when (uploadedBy is null for uploads made before it was recorded). */
    public record Provenance(String uploadedBy, Instant uploadedAt) {}

    public Optional<Provenance> provenanceOf(String id, int version) {
        return jdbc
                .query(
                        "SELECT uploaded_by, uploaded_at FROM uploaded_rubric WHERE rubric_id = ? AND version = ?",
                        (rs, row) -> new Provenance(
                                rs.getString(1), rs.getTimestamp(2).toInstant()),
                        id,
                        version)
                .stream()
                .findFirst();
    }

    public Optional<byte[]> yamlOf(String id, int version) {
        return jdbc
                .query(
                        "SELECT yaml FROM uploaded_rubric WHERE rubric_id = ? AND version = ?",
                        (rs, row) -> rs.getBytes(1),
                        id,
                        version)
                .stream()
                .findFirst();
    }

    /** An uploaded file and the id and version it declares. */
    public record Upload(String id, int version, byte[] yaml) {}

    /** Every uploaded file, oldest first. */
    public List<Upload> all() {
        return jdbc.query(
                "SELECT rubric_id, version, yaml FROM uploaded_rubric ORDER BY uploaded_at, rubric_id, version",
                (rs, row) -> new Upload(rs.getString(1), rs.getInt(2), rs.getBytes(3)));
    }
}
