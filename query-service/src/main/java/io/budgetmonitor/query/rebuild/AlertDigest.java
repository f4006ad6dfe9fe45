package io.budgetmonitor.query.rebuild;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * SHA-256 of what the monitor says now (预警): the active alerts and the latest transition of each,
 * in a form that a clean rebuild from the log must reproduce exactly.
 *
 * <p>Only what the log determines is digested. Ids, timestamps and the path an alert took are left
 * out: a live monitor that saw a line go WARNING then CRITICAL holds an ESCALATED alert and two
 * transitions, a rebuild that evaluates once at the end holds an OPEN one and one transition, and both
 * are right. So OPEN, ESCALATED and ACKNOWLEDGED (an acknowledgement is the monitor's own state, not
 * an event) are all {@code ACTIVE}; resolved alerts, which a rebuild never opens, are left out; and
 * of the transitions only the latest of each active alert counts, by its rule, subject, status and
 * severity. Not by its message and evidence: an evaluation that only changes an alert's figures
 * updates the alert without a transition, so the latest transition's text is of the day it was made
 * (found by the fault suite: a live monitor's and a rebuild's differed there, and only there).
 */
@Component
public class AlertDigest {
    private static final String ACTIVE = "case when status = 'RESOLVED' then status else 'ACTIVE' end";
    private static final String ORDER = " order by rule, subject, department, fiscal_year";

    private final ReadModelDigest digest;

    public AlertDigest(ReadModelDigest digest) {
        this.digest = digest;
    }

    public Map<String, String> digest() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put(
                "alert",
                "select rule, subject, department, fiscal_year, " + ACTIVE + ", severity, message, evidence"
                        + " from alert where status <> 'RESOLVED'" + ORDER);
        queries.put(
                "alert_transition",
                "select rule, subject, department, fiscal_year, " + ACTIVE + ", severity"
                        + " from (select distinct on (t.alert_id) t.* from alert_transition t"
                        + " join alert a on a.id = t.alert_id where a.status <> 'RESOLVED'"
                        + " order by t.alert_id, t.id desc) latest" + ORDER);
        return digest.digestOf(queries);
    }
}
