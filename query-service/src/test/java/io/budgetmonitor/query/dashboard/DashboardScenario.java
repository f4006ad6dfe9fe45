package io.budgetmonitor.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A small district in fiscal year 2019 (a year no other test uses), seen on 30 June 2019 (序时进度 50%):
 * <ul>
 *   <li>BY-SJ 石井街道: 600,000.00 general public budget (personnel) and 400,000.00 government fund
 *       (project); 250,000.00 executed (a 10,000.00 payment reversed in May) → 25.00%, 25 points behind;
 *       four KPIs, one target adjusted;</li>
 *   <li>DASH-B 测试一街道: 200,000.00 public expense, 70,000.00 executed → 35.00%, 15 points behind;</li>
 *   <li>DASH-C 测试二街道: 1,000.00 project, 100.00 executed → 10.00%, 40 points behind.</li>
 * </ul>
 */
final class DashboardScenario {
    static final int YEAR = 2019;
    static final LocalDate ON = LocalDate.of(2019, 6, 30);
    static final String SJ = "BY-SJ";
    static final String B = "DASH-B";
    static final String C = "DASH-C";

    private DashboardScenario() {}

    static List<RecordedEvent> events(ScenarioEvents s) {
        List<RecordedEvent> events = new ArrayList<>();
        for (String line : List.of(
                "{'type':'OpenFiscalYear','department':'BY-SJ','departmentName':'石井街道','occurredOn':'2019-01-01'}",
                "{'type':'AllocateBudget','department':'BY-SJ','line':'L1','name':'工资福利','fundSource':'GENERAL_PUBLIC_BUDGET','expenditureType':'PERSONNEL','amount':'600000.00','occurredOn':'2019-01-01'}",
                "{'type':'AllocateBudget','department':'BY-SJ','line':'L2','name':'基础设施','fundSource':'GOVERNMENT_FUND','expenditureType':'PROJECT','amount':'400000.00','occurredOn':'2019-01-01'}",
                "{'type':'RecordDisbursement','department':'BY-SJ','line':'L1','voucher':'V1','amount':'100000.00','occurredOn':'2019-01-15'}",
                "{'type':'RecordDisbursement','department':'BY-SJ','line':'L1','voucher':'V2','amount':'10000.00','occurredOn':'2019-02-01'}",
                "{'type':'RecordDisbursement','department':'BY-SJ','line':'L1','voucher':'V3','amount':'100000.00','occurredOn':'2019-03-10'}",
                "{'type':'RecordDisbursement','department':'BY-SJ','line':'L2','voucher':'V4','amount':'50000.00','occurredOn':'2019-04-20'}",
                "{'type':'ReverseDisbursement','department':'BY-SJ','line':'L1','voucher':'V2','reason':'重复支付','occurredOn':'2019-05-05'}",
                "{'type':'SetPerformanceTarget','department':'BY-SJ','kpi':'B1.1','task':'B1','name':'培训次数','direction':'HIGHER_IS_BETTER','target':'20','targetDescription':'≥20次','unit':'次','points':'2','occurredOn':'2019-01-01'}",
                "{'type':'SetPerformanceTarget','department':'BY-SJ','kpi':'B2.1','task':'B2','name':'有效投诉','direction':'LOWER_IS_BETTER','target':'5','targetDescription':'≤5宗','unit':'宗','points':'2','occurredOn':'2019-01-01'}",
                "{'type':'SetPerformanceTarget','department':'BY-SJ','kpi':'B3.1','task':'B3','name':'群众满意','direction':'QUALITATIVE','targetDescription':'基本满意','points':'2','occurredOn':'2019-01-01'}",
                "{'type':'SetPerformanceTarget','department':'BY-SJ','kpi':'B4.1','task':'B4','name':'道路维修','direction':'HIGHER_IS_BETTER','target':'100','targetDescription':'≥100米','unit':'米','points':'2','occurredOn':'2019-01-01'}",
                "{'type':'ReportPerformanceProgress','department':'BY-SJ','kpi':'B1.1','actual':'18','occurredOn':'2019-06-20'}",
                "{'type':'ReportPerformanceProgress','department':'BY-SJ','kpi':'B2.1','actual':'7','occurredOn':'2019-06-20'}",
                "{'type':'ReportPerformanceProgress','department':'BY-SJ','kpi':'B3.1','met':true,'occurredOn':'2019-06-20'}",
                "{'type':'OpenFiscalYear','department':'DASH-B','departmentName':'测试一街道','occurredOn':'2019-01-01'}",
                "{'type':'AllocateBudget','department':'DASH-B','line':'P1','name':'公用经费','fundSource':'GENERAL_PUBLIC_BUDGET','expenditureType':'PUBLIC_EXPENSE','amount':'200000.00','occurredOn':'2019-01-01'}",
                "{'type':'RecordDisbursement','department':'DASH-B','line':'P1','voucher':'B1','amount':'70000.00','occurredOn':'2019-06-01'}",
                "{'type':'OpenFiscalYear','department':'DASH-C','departmentName':'测试二街道','occurredOn':'2019-01-01'}",
                "{'type':'AllocateBudget','department':'DASH-C','line':'X1','name':'项目','fundSource':'GENERAL_PUBLIC_BUDGET','expenditureType':'PROJECT','amount':'1000.00','occurredOn':'2019-01-01'}",
                "{'type':'RecordDisbursement','department':'DASH-C','line':'X1','voucher':'C1','amount':'100.00','occurredOn':'2019-02-01'}")) {
            events.addAll(s.command(
                    json(line.replace('\'', '"').replace("{\"type\"", "{\"fiscalYear\":2019,\"type\"")), null));
            if (line.contains("'kpi':'B4.1'") && line.contains("SetPerformanceTarget")) {
                // 年中调整: B1.1's target raised from 20 to 30 on 10 May
                events.add(s.record(new PerformanceTargetAdjusted(
                        SJ, YEAR, "B1.1", new BigDecimal("30"), "≥30次", "上级追加培训任务", LocalDate.of(2019, 5, 10))));
            }
        }
        return events;
    }

    private static JsonNode json(String line) {
        try {
            return BudgetJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
