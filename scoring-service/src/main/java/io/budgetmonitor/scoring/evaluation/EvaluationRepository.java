package io.budgetmonitor.scoring.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Snapshots are inserted and read, never updated (a trigger refuses UPDATE and DELETE as well). */
@Repository
public class EvaluationRepository {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EvaluationRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(EvaluationSnapshot snapshot) {
        jdbc.update(
                """
                INSERT INTO evaluation (id, department, fiscal_year, rubric_id, rubric_version, position, total, grade, created_at,
                  taken_by, document)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                snapshot.id(),
                snapshot.department(),
                snapshot.fiscalYear(),
                snapshot.rubric().id(),
                snapshot.rubric().version(),
                snapshot.position(),
                snapshot.total(),
                snapshot.grade(),
                Timestamp.from(snapshot.createdAt()),
                snapshot.takenBy(),
                write(snapshot));
    }

    public Optional<EvaluationSnapshot> find(UUID id) {
        return jdbc
                .query("SELECT document::text FROM evaluation WHERE id = ?", (rs, i) -> read(rs.getString(1)), id)
                .stream()
                .findFirst();
    }

    /**
     * Snapshots, oldest first, optionally of one department and/or year, and only of {@code departments}
     * when a set is given (the caller's scope).
     */
    public List<EvaluationSnapshot> list(String department, Integer fiscalYear, Optional<Set<String>> departments) {
        String[] within = departments.map(set -> set.toArray(String[]::new)).orElse(null);
        return jdbc.query(
                """
                SELECT document::text FROM evaluation
                WHERE (?::text IS NULL OR department = ?) AND (?::int IS NULL OR fiscal_year = ?)
                  AND (?::text[] IS NULL OR department = ANY(?::text[]))
                ORDER BY created_at, id""", (rs, i) -> read(rs.getString(1)), department, department, fiscalYear, fiscalYear, within, within);
    }

    String write(EvaluationSnapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write snapshot " + snapshot.id(), e);
        }
    }

    private EvaluationSnapshot read(String document) {
        try {
            return json.readValue(document, EvaluationSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot does not parse", e);
        }
    }
}
