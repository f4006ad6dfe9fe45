package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 偏差原因及纠偏措施 over HTTP (issue 14 part 3): who may explain, what is refused as problem+json
 * without storing anything, and that a resent explanation is recorded once.
 */
class DeviationExplanationIT extends IntegrationTest {

    static final String EXPLANATION = """
            {"subject":"B1.1","cause":"培训场地未落实","measure":"三季度集中培训","occurredOn":"2021-06-30"}""";

    @Test
    void evaluatorsAndTheBudgetOfficeExplainOnceOthersAndUnknownSubjectsAreRefused() {
        String department = newDepartment("DEV");
        openYearWithLine(department, "L1", "1000.00");
        String year = yearPath(department, 2021);
        assertThat(post(year + "/kpis", """
                {"kpi":"B1.1","task":"B1","name":"培训次数","direction":"HIGHER_IS_BETTER","target":"10","unit":"次","points":"2","occurredOn":"2021-01-05"}""", as("evaluator")).status()).isEqualTo(201);
        String path = year + "/deviation-explanations";

        Response first = post(path, EXPLANATION, as("evaluator"));
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(201);
        assertThat(first.body().get("recorded")).hasSize(1);
        assertThat(eventCount(department + ":", "DeviationExplained")).isEqualTo(1);

        // the same form again, without a key: nothing new; under a key: the first answer replayed
        Response again = post(path, EXPLANATION, as("budget-office"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("recorded")).isEmpty();
        String measured = EXPLANATION.replace("三季度集中培训", "九月底前完成两次培训");
        Map<String, String> keyed = as("budget-office", Map.of("Idempotency-Key", "dev-" + department));
        Response keyedFirst = post(path, measured, keyed);
        Response keyedAgain = post(path, measured, keyed);
        assertThat(keyedFirst.status()).isEqualTo(201);
        assertThat(keyedAgain.status()).isEqualTo(201);
        assertThat(keyedAgain.body()).isEqualTo(keyedFirst.body());
        assertThat(eventCount(department + ":", "DeviationExplained")).isEqualTo(2);

        Response unknown = post(path, EXPLANATION.replace("B1.1", "B9.9"), as("evaluator"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("field").asText()).isEqualTo("subject");
        Response blank = post(path, EXPLANATION.replace("培训场地未落实", " "), as("evaluator"));
        assertThat(blank.status()).isIn(400, 422);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(post(path, EXPLANATION, as("recorder")).status()).isEqualTo(403);
        assertThat(post(path, EXPLANATION, as("viewer")).status()).isEqualTo(403);
        assertThat(eventCount(department + ":", "DeviationExplained")).isEqualTo(2);
    }
}
