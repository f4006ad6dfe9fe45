package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.testkit.TestInfrastructure;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md "Who recorded it": {@code recordedBy} is the authenticated principal wherever it is
 * kept (the event's metadata in the store, the CloudEvent on Kafka, the response); the client's
 * {@code X-Recorded-By} survives only as {@code onBehalfOf}, in UTF-8 however it was sent.
 */
class RecordedByIT extends IntegrationTest {

    private static final String FINANCE_OFFICE = "财务室";

    @Test
    void theRecorderIsThePrincipalAndTheHeaderOnlyItsClaimInTheStoreOnKafkaAndInTheAnswer() {
        String department = newDepartment("WHO");
        openYearWithLine(department, "L1", "1000.00");

        Response response = post(
                disbursements(department),
                disbursement("M-1", "10.00"),
                as("recorder", Map.of("X-Recorded-By", "mallory")));

        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        assertThat(response.body().get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(response.body().get("onBehalfOf").asText()).isEqualTo("mallory");
        String eventId = response.body().get("recorded").get(0).get("eventId").asText();
        JsonNode stored = storedMetadata(eventId);
        assertThat(stored.get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(stored.get("onBehalfOf").asText()).isEqualTo("mallory");
        CloudEvent published = published(eventId);
        assertThat(published.getExtension(CloudEventCodec.RECORDED_BY)).isEqualTo("recorder");
        assertThat(published.getExtension(CloudEventCodec.ON_BEHALF_OF)).isEqualTo("mallory");
        assertThat(new CloudEventCodec().decode(published).onBehalfOf()).isEqualTo("mallory");
    }

    @Test
    void withoutTheHeaderThereIsNoClaimAnywhere() {
        String department = newDepartment("NOCLAIM");
        openYearWithLine(department, "L1", "1000.00");

        Response response = post(disbursements(department), disbursement("N-1", "10.00"), as("recorder"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().has("onBehalfOf")).isFalse();
        String eventId = response.body().get("recorded").get(0).get("eventId").asText();
        assertThat(storedMetadata(eventId).has("onBehalfOf")).isFalse();
        CloudEvent published = published(eventId);
        assertThat(published.getExtension(CloudEventCodec.RECORDED_BY)).isEqualTo("recorder");
        assertThat(published.getExtension(CloudEventCodec.ON_BEHALF_OF)).isNull();
    }

    /** curl and most clients send a header's UTF-8 bytes as they are; java.net.http refuses to, hence the socket. */
    @Test
    void aClaimSentAsRawUtf8BytesSurvivesIntact() throws IOException {
        String department = newDepartment("RAW");
        openYearWithLine(department, "L1", "1000.00");
        byte[] body = disbursement("R-1", "10.00").getBytes(StandardCharsets.UTF_8);

        RawResponse response = rawPost(
                disbursements(department),
                List.of(
                        "Authorization: " + basic("recorder"),
                        "Content-Type: application/json",
                        "X-Recorded-By: " + FINANCE_OFFICE),
                body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode answer = json(response.body());
        assertThat(answer.get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(answer.get("onBehalfOf").asText()).isEqualTo(FINANCE_OFFICE);
        String eventId = answer.get("recorded").get(0).get("eventId").asText();
        assertThat(storedMetadata(eventId).get("onBehalfOf").asText()).isEqualTo(FINANCE_OFFICE);
        ConsumerRecord<String, CloudEvent> published = publishedRecord(eventId);
        assertThat(published
                        .headers()
                        .lastHeader("ce_" + CloudEventCodec.ON_BEHALF_OF)
                        .value())
                .as("the Kafka header carries the name's UTF-8 bytes")
                .isEqualTo(FINANCE_OFFICE.getBytes(StandardCharsets.UTF_8));
        assertThat(published.value().getExtension(CloudEventCodec.ON_BEHALF_OF)).isEqualTo(FINANCE_OFFICE);
    }

    @Test
    void percentEncodedAndRfc8187ClaimsAreDecoded() {
        String department = newDepartment("PCT");
        openYearWithLine(department, "L1", "1000.00");
        String encoded = "%E8%B4%A2%E5%8A%A1%E5%AE%A4";

        Response percent = post(
                disbursements(department),
                disbursement("P-1", "10.00"),
                as("recorder", Map.of("X-Recorded-By", encoded)));
        Response extended = post(
                disbursements(department),
                disbursement("P-2", "10.00"),
                as(
                        "recorder",
                        Map.of(
                                "X-Recorded-By",
                                "ignored when the extended form is sent",
                                "X-Recorded-By*",
                                "UTF-8''" + encoded)));

        assertThat(percent.body().get("onBehalfOf").asText()).isEqualTo(FINANCE_OFFICE);
        assertThat(extended.body().get("onBehalfOf").asText()).isEqualTo(FINANCE_OFFICE);
        assertThat(storedMetadata(extended.body()
                                .get("recorded")
                                .get(0)
                                .get("eventId")
                                .asText())
                        .get("onBehalfOf")
                        .asText())
                .isEqualTo(FINANCE_OFFICE);
    }

    @Test
    void aClaimThatDoesNotDecodeIsA400AndNothingIsStored() {
        String department = newDepartment("BADCLAIM");
        openYearWithLine(department, "L1", "1000.00");
        long before = eventCount();

        Response notUtf8 = post(
                disbursements(department),
                disbursement("B-1", "10.00"),
                as("recorder", Map.of("X-Recorded-By", "%FF%FE")));
        Response tooLong = post(
                disbursements(department),
                disbursement("B-2", "10.00"),
                as("recorder", Map.of("X-Recorded-By", "x".repeat(101))));
        Response imported = importNdjson("""
                {"type":"RecordDisbursement","department":"%s","fiscalYear":2021,"line":"L1","voucher":"B-3","amount":"1.00","payee":"p","purpose":"q","occurredOn":"2021-02-01"}
                """.formatted(department), as("recorder", Map.of("X-Recorded-By", "a%0Ab")));

        for (Response refused : List.of(notUtf8, tooLong, imported)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("errors").get(0).get("field").asText())
                    .isEqualTo("X-Recorded-By");
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM voucher_book WHERE department = ?", Long.class, department))
                .isZero();
    }

    @Test
    void importedEventsAreRecordedByTheImporterOnBehalfOfItsClaim() {
        String department = newDepartment("IMPWHO");
        openYearWithLine(department, "L1", "1000.00");

        Response response = importNdjson(
                """
                {"type":"RecordDisbursement","department":"%s","fiscalYear":2021,"line":"L1","voucher":"I-1","amount":"1.00","payee":"p","purpose":"q","occurredOn":"2021-02-01"}
                """.formatted(department), as("recorder", Map.of("X-Recorded-By", "%E8%B4%A2%E5%8A%A1%E5%AE%A4")));

        assertThat(response.body().get("accepted").asLong())
                .as(response.body().toString())
                .isEqualTo(1);
        JsonNode stored = json(jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%DisbursementRecorded'",
                String.class, department + ":2021:L1"));
        assertThat(stored.get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(stored.get("onBehalfOf").asText()).isEqualTo(FINANCE_OFFICE);
    }

    private String disbursements(String department) {
        return yearPath(department, 2021) + "/lines/L1/disbursements";
    }

    private JsonNode storedMetadata(String eventId) {
        return json(jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE event_identifier = ?", String.class, eventId));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException unreadable) {
            throw new AssertionError("not JSON: " + text, unreadable);
        }
    }

    private CloudEvent published(String eventId) {
        return publishedRecord(eventId).value();
    }

    private ConsumerRecord<String, CloudEvent> publishedRecord(String eventId) {
        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers())) {
            return reader
                    .readUntil(
                            all -> all.stream()
                                    .anyMatch(r -> eventId.equals(r.value().getId())),
                            Duration.ofSeconds(60))
                    .stream()
                    .filter(r -> eventId.equals(r.value().getId()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("event " + eventId + " was not published"));
        }
    }

    private record RawResponse(int status, String body) {}

    /** HTTP/1.0 over a socket: header bytes go out exactly as given (UTF-8), the answer ends when the server closes. */
    private RawResponse rawPost(String path, List<String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.0\r\nHost: localhost\r\n");
            headers.forEach(header -> head.append(header).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            String answer = received.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
            return new RawResponse(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }
}
