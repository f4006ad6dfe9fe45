package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.alerts.YearAlert;
import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import io.budgetmonitor.scoring.report.Findings.Finding;
import io.budgetmonitor.scoring.report.Findings.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The draft of 三、存在的主要问题 and 四、下一步改进措施, written from the findings of a snapshot: one
 * numbered paragraph per finding, and one measure per kind of finding, in the seed's words where the
 * seed has them (提高预算编制合理性与准确性, 提升绩效管理业务工作水平), and the year's alerts from the
 * monitor ({@link AlertCitation}). An evaluator edits it before export;
 * the draft is what a report says until then.
 */
final class NarrativeDraft {

    static final String[] ORDINALS = {
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"
    };

    private NarrativeDraft() {}

    /** 三: one paragraph per finding, then one citing the year's alerts (if it raised any). */
    static String problems(EvaluationSnapshot snapshot, List<YearAlert> alerts) {
        List<Finding> findings = Findings.of(snapshot);
        String citation = AlertCitation.problem(alerts);
        if (findings.isEmpty() && citation == null) {
            return "各项评价指标均得满分，未发现扣分事项。";
        }
        List<String> paragraphs = new ArrayList<>();
        for (Finding finding : findings) {
            paragraphs.add(finding.text());
        }
        if (findings.isEmpty()) {
            paragraphs.add("各项评价指标均得满分，未发现扣分事项。");
        }
        if (citation != null) {
            paragraphs.add(citation);
        }
        return numbered(paragraphs);
    }

    /** 四: one measure per kind of finding, then one answering the year's alerts (if it raised any). */
    static String measures(EvaluationSnapshot snapshot, List<YearAlert> alerts) {
        List<Finding> findings = Findings.of(snapshot);
        List<String> measures = new ArrayList<>();
        List<Finding> rates = of(findings, Kind.RATE, Kind.LOST);
        if (!rates.isEmpty()) {
            measures.add("提高预算编制合理性与准确性。针对" + names(rates) + "未得满分的问题，合理测算所需财政资金，促进预算编制及调整精细化，"
                    + "按时间进度加快资金使用，在年中绩效运行监控中及时纠偏，提升资金使用效率。");
        }
        for (Finding deduction : of(findings, Kind.DEDUCTION)) {
            measures.add("完善" + deduction.name() + "。针对评价中扣分的事项逐项整改，明确责任分工和完成时限，确保同类问题不再发生。");
        }
        List<Finding> missed = of(findings, Kind.KPI_NOT_MET);
        List<Finding> loose = of(findings, Kind.KPI_TOO_LOOSE);
        if (!missed.isEmpty() || !loose.isEmpty()) {
            StringBuilder kpis = new StringBuilder("提升绩效管理业务工作水平。");
            if (!missed.isEmpty()) {
                kpis.append("对").append(quoted(missed)).append("等未实现目标值的绩效指标分析原因，在年中绩效运行监控时按实际情况及时调整绩效目标；");
            }
            if (!loose.isEmpty()) {
                kpis.append("对").append(quoted(loose)).append("等完成率远超目标值的指标，结合实际科学设定目标值；");
            }
            kpis.append("设置具体、可衡量、可达到的绩效指标，尽量设置定量指标，并明确评分细则。");
            measures.add(kpis.toString());
        }
        String answer = AlertCitation.measure(alerts);
        if (answer != null) {
            measures.add(answer);
        }
        if (measures.isEmpty()) {
            measures.add("继续保持预算执行和绩效管理水平，按时间进度执行预算，做好年中绩效运行监控。");
        }
        return numbered(measures);
    }

    private static List<Finding> of(List<Finding> findings, Kind... kinds) {
        List<Kind> wanted = List.of(kinds);
        return findings.stream().filter(f -> wanted.contains(f.kind())).toList();
    }

    private static String names(List<Finding> findings) {
        return findings.stream().map(Finding::name).distinct().collect(Collectors.joining("、"));
    }

    private static String quoted(List<Finding> findings) {
        return findings.stream().map(f -> "“" + f.name() + "”").distinct().collect(Collectors.joining("、"));
    }

    /** （一）… （二）…, one paragraph a line, as the seed numbers the items of 三 and 四. */
    static String numbered(List<String> paragraphs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < paragraphs.size(); i++) {
            String ordinal = i < ORDINALS.length ? ORDINALS[i] : Integer.toString(i + 1);
            text.append(i == 0 ? "" : "\n")
                    .append("（")
                    .append(ordinal)
                    .append("）")
                    .append(paragraphs.get(i));
        }
        return text.toString();
    }
}
