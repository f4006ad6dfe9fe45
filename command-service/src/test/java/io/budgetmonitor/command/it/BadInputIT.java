package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every class of bad input: 400 problem+json naming the field, and nothing stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT extends IntegrationTest {

    private String department;

    @BeforeAll
    void line() {
        department = newDepartment("BAD");
        openYearWithLine(department, "GP-PUB-01", "10000.00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "malformed JSON     | {\"voucher\":\"B-1\",\"amount\":                                                                              | ",
                "negative amount    | {\"voucher\":\"B-2\",\"amount\":\"-5.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}   | amount",
                "3 decimals         | {\"voucher\":\"B-3\",\"amount\":\"1.005\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}   | amount",
                "impossible date    | {\"voucher\":\"B-4\",\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-30\"}    | occurredOn",
                "missing field      | {\"voucher\":\"B-5\",\"amount\":\"1.00\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}                   | payee",
                "amount not decimal | {\"voucher\":\"B-6\",\"amount\":\"ten\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}     | amount",
                "department vs path | {\"department\":\"OTHER\",\"voucher\":\"B-7\",\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"} | department"
            })
    void disbursementInputIsRefusedAndNothingIsStored(String label, String body, String field) {
        long before = eventCount();
        Response response = post(yearPath(department, 2021) + "/lines/GP-PUB-01/disbursements", body, as("recorder"));
        assertBadRequest(response, field);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        long before = eventCount();
        Response response = post(yearPath(department, 2021) + "/lines", """
                {"line":"X","name":"n","fundSource":"LOTTERY","expenditureType":"PROJECT","appropriation":true,"amount":"1.00","occurredOn":"2021-01-05"}""", as("budget-office"));
        JsonNode error = assertBadRequest(response, "fundSource");
        assertThat(error.get("message").asText())
                .contains("LOTTERY")
                .contains("GENERAL_PUBLIC_BUDGET")
                .contains("SPECIAL_ACCOUNT");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void everyMissingFieldIsListed() {
        Response response = post(yearPath(department, 2021) + "/lines", "{}", as("budget-office"));
        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields)
                .contains("line", "name", "fundSource", "expenditureType", "appropriation", "amount", "occurredOn");
    }

    private JsonNode assertBadRequest(Response response, String field) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("title").asText()).isNotBlank();
        if (field == null || field.isBlank()) {
            return null;
        }
        JsonNode errors = response.body().get("errors");
        assertThat(errors).as(String.valueOf(response.body())).isNotEmpty();
        for (JsonNode error : errors) {
            if (error.get("field").asText().equals(field)) {
                assertThat(error.get("message").asText()).isNotBlank();
                return error;
            }
        }
        throw new AssertionError("no error for field " + field + " in " + response.body());
    }
}
