package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.web.ConflictException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Edited narratives: each edit a new version, never an update (a trigger refuses UPDATE and DELETE). */
@Repository
public class NarrativeRepository {

    private final JdbcTemplate jdbc;

    public NarrativeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Narrative> latest(UUID evaluation) {
        return jdbc
                .query(
                        """
                SELECT version, problems, measures, edited_by, edited_at FROM report_narrative
                WHERE evaluation_id = ? ORDER BY version DESC LIMIT 1""",
                        (rs, i) -> new Narrative(
                                evaluation,
                                rs.getString("problems"),
                                rs.getString("measures"),
                                rs.getInt("version"),
                                rs.getString("edited_by"),
                                rs.getTimestamp("edited_at").toInstant()),
                        evaluation)
                .stream()
                .findFirst();
    }

    /**
     * Stores the next version. Two edits racing for the same version: the second is refused by the key
     * and answered as a conflict rather than silently overwriting the first.
     */
    public Narrative append(UUID evaluation, String problems, String measures, String editedBy, Instant editedAt) {
        Integer next = jdbc.queryForObject(
                "SELECT coalesce(max(version), 0) + 1 FROM report_narrative WHERE evaluation_id = ?",
                Integer.class,
                evaluation);
        int version = next == null ? 1 : next;
        try {
            jdbc.update("""
                    INSERT INTO report_narrative (evaluation_id, version, problems, measures, edited_by, edited_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", evaluation, version, problems, measures, editedBy, Timestamp.from(editedAt));
        } catch (DuplicateKeyException raced) {
            throw new ConflictException("the narrative of evaluation " + evaluation
                    + " was edited at the same moment by someone else; read it again and resend");
        }
        return new Narrative(evaluation, problems, measures, version, editedBy, editedAt);
    }
}
