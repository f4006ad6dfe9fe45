package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.scoring.inputs.UnpinnedYears;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * 评价方案锁定: a year is scored with the rubric version it was opened with. A later upload of a higher
 * version changes nothing for it (not its snapshots, not its projected score, not a redelivery of its
 * opening) until an evaluator asks for that version by number; years opened afterwards take it.
 * Only ADMIN uploads, and the upload records who did.
 */
class RubricPinningTest extends RunningScoringService {

    /** Version 2 grades far more kindly: the small year's 43.12 points are 优 instead of 差. */
    private static String version2(String version1) {
        String kinder = version1.replace("version: 1\n", "version: 2\n")
                .replace(
                        "  - {grade: 优, min: 90}\n  - {grade: 良, min: 80}\n  - {grade: 中, min: 60}\n",
                        "  - {grade: 优, min: 40}\n  - {grade: 良, min: 30}\n  - {grade: 中, min: 20}\n");
        assertThat(kinder).isNotEqualTo(version1).contains("version: 2\n").contains("{grade: 优, min: 40}");
        return kinder;
    }

    @Test
    void aYearKeepsTheVersionItWasOpenedWithUntilAnEvaluatorAsksForAnother() throws IOException {
        // a rubric of this test's own, so the other tests' years (baiyun-2022) are not re-pinned
        String rubric = "pin-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = bundled().replace("id: baiyun-2022\n", "id: " + rubric + "\n");
        TestRestTemplate admin = as("admin");
        TestRestTemplate evaluator = as("evaluator");
        assertThat(upload(admin, v1).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        String before = "PIN-A";
        RecordedEvent opening = EVENTS.record(opened(before, rubric)); // names no version: pinned to 1 when applied
        publish(opening);
        publishAll(
                smallYear(before, rubric).subList(1, smallYear(before, rubric).size()));
        waitForPosition(EVENTS.lastPosition());
        JsonNode first = evaluate(evaluator, before, null);
        JsonNode projectedFirst = projected(evaluator, before);
        assertThat(first.get("rubric").get("version").asInt()).isEqualTo(1);
        assertThat(first.get("total").decimalValue()).isEqualByComparingTo("43.12");
        assertThat(first.get("grade").asText()).isEqualTo("差");
        assertThat(projectedFirst.get("rubric").get("version").asInt()).isEqualTo(1);

        // version 2 arrives: only ADMIN may upload it
        String v2 = version2(v1);
        assertThat(upload(evaluator, v2).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(upload(as("budget-office"), v2).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(upload(anonymous, v2).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(count("SELECT count(*) FROM uploaded_rubric WHERE rubric_id = ? AND version = 2", rubric))
                .isZero();
        Instant uploadedFrom = Instant.now().minusSeconds(60);
        ResponseEntity<String> uploaded = upload(admin, v2);
        assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode summary = read(uploaded.getBody());
        assertThat(summary.get("version").asInt()).isEqualTo(2);
        assertThat(summary.get("uploadedBy").asText()).isEqualTo("admin");
        assertThat(Instant.parse(summary.get("uploadedAt").asText())).isAfter(uploadedFrom);
        assertThat(jdbc.queryForObject(
                        "SELECT uploaded_by FROM uploaded_rubric WHERE rubric_id = ? AND version = 2",
                        String.class,
                        rubric))
                .isEqualTo("admin");
        JsonNode listed = null;
        for (JsonNode r : read(evaluator.getForObject("/api/v1/rubrics", String.class))) {
            if (r.get("id").asText().equals(rubric) && r.get("version").asInt() == 2) {
                listed = r;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("uploadedBy").asText()).isEqualTo("admin");

        // the year opened under version 1 scores the same: by default, by the rubric's bare id, projected, and
        // after its opening event is delivered again
        publish(opening);
        RecordedEvent marker = EVENTS.record(paid(before, "L1", "V9", "0.01", "2021-12-30"));
        publish(marker);
        waitForPosition(marker.position());
        JsonNode again = evaluate(evaluator, before, null);
        assertThat(again.get("rubric").get("version").asInt()).isEqualTo(1);
        assertThat(again.get("grade").asText()).isEqualTo("差");
        assertThat(evaluate(evaluator, before, rubric)
                        .get("rubric")
                        .get("version")
                        .asInt())
                .isEqualTo(1);
        JsonNode projectedAgain = projected(evaluator, before);
        assertThat(projectedAgain.get("rubric").get("version").asInt()).isEqualTo(1);
        assertThat(projectedAgain.get("projectedGrade")).isEqualTo(projectedFirst.get("projectedGrade"));
        assertThat(jdbc.queryForObject(
                        "SELECT rubric_version FROM department_year WHERE department = ? AND fiscal_year = 2021",
                        Integer.class,
                        before))
                .isEqualTo(1);

        // only an explicit request scores it with version 2
        JsonNode asked = evaluate(evaluator, before, rubric + "@2");
        assertThat(asked.get("rubric").get("version").asInt()).isEqualTo(2);
        assertThat(asked.get("grade").asText()).isEqualTo("优");
        assertThat(asked.get("total").decimalValue())
                .isEqualByComparingTo(again.get("total").decimalValue());

        // a year opened from now on takes the current version
        String after = "PIN-B";
        applySmallYear(after, rubric);
        JsonNode later = evaluate(evaluator, after, null);
        assertThat(later.get("rubric").get("version").asInt()).isEqualTo(2);
        assertThat(later.get("grade").asText()).isEqualTo("优");
        assertThat(evaluate(evaluator, after, rubric + "@1").get("grade").asText())
                .isEqualTo("差");
    }

    @Test
    void aYearOpenedWithAVersionIsScoredWithThatVersion() throws IOException {
        String rubric = "pin-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = bundled().replace("id: baiyun-2022\n", "id: " + rubric + "\n");
        TestRestTemplate admin = as("admin");
        assertThat(upload(admin, v1).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(upload(admin, version2(v1)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        applySmallYear("PIN-C", rubric + "@1");
        JsonNode snapshot = evaluate(as("evaluator"), "PIN-C", null);
        assertThat(snapshot.get("rubric").get("id").asText()).isEqualTo(rubric);
        assertThat(snapshot.get("rubric").get("version").asInt()).isEqualTo(1);
        assertThat(post(as("evaluator"), evaluationRequest("PIN-C", rubric + "@x"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(as("evaluator"), evaluationRequest("PIN-C", rubric + "@3"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void yearsOpenedBeforePinsWereRecordedArePinnedAtStartToTheVersionTheyWereScoredWith(
            @Autowired UnpinnedYears unpinned) throws IOException {
        String rubric = "pin-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = bundled().replace("id: baiyun-2022\n", "id: " + rubric + "\n");
        TestRestTemplate admin = as("admin");
        assertThat(upload(admin, v1).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // a year as an earlier release stored it: the rubric named, no version
        applySmallYear("PIN-OLD", rubric);
        jdbc.update("UPDATE department_year SET rubric_version = NULL WHERE department = 'PIN-OLD'");

        unpinned.pinAll();
        unpinned.pinAll();
        assertThat(upload(admin, version2(v1)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        unpinned.pinAll(); // a restart after the upload: the year is pinned already

        assertThat(jdbc.queryForObject(
                        "SELECT rubric_version FROM department_year WHERE department = 'PIN-OLD'", Integer.class))
                .isEqualTo(1);
        assertThat(evaluate(as("evaluator"), "PIN-OLD", null)
                        .get("rubric")
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    private JsonNode projected(TestRestTemplate user, String department) {
        ResponseEntity<String> response = user.getForEntity(
                "/api/v1/departments/" + department + "/years/2021/projected-score?asOf=2021-06-30", String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return read(response.getBody());
    }

    private static ResponseEntity<String> upload(TestRestTemplate user, String yaml) {
        return user.postForEntity("/api/v1/rubrics", new HttpEntity<>(yaml, yamlHeaders()), String.class);
    }

    private static String bundled() throws IOException {
        try (InputStream in = RubricPinningTest.class.getResourceAsStream("/rubrics/baiyun-2022.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
