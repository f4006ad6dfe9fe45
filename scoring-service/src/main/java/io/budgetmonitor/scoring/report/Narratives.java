package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.alerts.YearAlert;
import io.budgetmonitor.scoring.alerts.YearAlertRepository;
import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;

/** The narrative of a report: the latest edit, or the draft from the findings while there is none. */
@Component
public class Narratives {

    private final NarrativeRepository repository;
    private final YearAlertRepository alerts;
    private final Clock clock;

    public Narratives(NarrativeRepository repository, YearAlertRepository alerts, Clock clock) {
        this.repository = repository;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * The latest edit, else the draft: from the snapshot's findings and the alerts of its department-year
     * known now (the draft is not stored, so it cites alerts that arrive after the snapshot was taken).
     */
    public Narrative current(EvaluationSnapshot snapshot) {
        return repository
                .latest(snapshot.id())
                .orElseGet(() -> draft(snapshot, alerts.of(snapshot.department(), snapshot.fiscalYear())));
    }

    public static Narrative draft(EvaluationSnapshot snapshot, List<YearAlert> alerts) {
        return new Narrative(
                snapshot.id(),
                NarrativeDraft.problems(snapshot, alerts),
                NarrativeDraft.measures(snapshot, alerts),
                0,
                null,
                null);
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
