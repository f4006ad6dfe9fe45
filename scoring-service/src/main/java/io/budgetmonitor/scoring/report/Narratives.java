package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/** The narrative of a report: the latest edit, or the draft from the findings while there is none. */
@Component
public class Narratives {

    private final NarrativeRepository repository;
    private final Clock clock;

    public Narratives(NarrativeRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Narrative current(EvaluationSnapshot snapshot) {
        return repository.latest(snapshot.id()).orElseGet(() -> draft(snapshot));
    }

    public static Narrative draft(EvaluationSnapshot snapshot) {
        return new Narrative(
                snapshot.id(), NarrativeDraft.problems(snapshot), NarrativeDraft.measures(snapshot), 0, null, null);
    }

    /** A new version by {@code editor}; line breaks are kept, trailing blanks of lines are not. */
    public Narrative edit(EvaluationSnapshot snapshot, NarrativeRequest request, String editor) {
        // microseconds: what PostgreSQL keeps, so the answer equals what a later read returns
        return repository.append(
                snapshot.id(),
                tidy(request.problems()),
                tidy(request.measures()),
                editor,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static String tidy(String text) {
        return text.lines()
                .map(String::stripTrailing)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("")
                .strip();
    }
}
