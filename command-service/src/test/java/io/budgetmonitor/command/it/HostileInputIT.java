package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile requests reported in issue 10, one by one, over real HTTP (and a raw socket where an
 * HTTP client would refuse to send them): each is a 4xx problem+json within milliseconds, stores
 * nothing, and leaves no CPU burning behind it. Requests sign in (payments as the recorder, the rest as
 * the operator, IntegrationTest), except those the container refuses before any credentials are read,
 * and those that check that a hostile request without credentials gets no further than a 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends IntegrationTest {

    private String department;
    private String payments;

    @BeforeAll
    void line() {
        department = newDepartment("HOST");
        openYearWithLine(department, "GP-PUB-01", "10000.00");
        payments = yearPath(department, 2021) + "/lines/GP-PUB-01/disbursements";
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1e9999999\"", "1e9999999", "-1e9999999", "\"1E+2147483647\""})
    void anExponentAmountIsRefusedAtOnceAndLeavesTheServiceIdle(String amount) throws Exception {
        long before = eventCount();
        long started = System.nanoTime();
        Response response = pay("""
                {"voucher":"EXP-1","amount":%s,"payee":"p","purpose":"q","occurredOn":"2021-03-01"}""".formatted(amount));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertProblem(response, 400, "amount");
        assertThat(millis).as("answered in ms").isLessThan(1_000);
        assertThat(eventCount()).isEqualTo(before);
        assertIdleAfterwards();
    }

    @Test
    void anExponentKpiTargetIsRefusedAtOnce() throws Exception {
        long started = System.nanoTime();
        Response response = post(yearPath(department, 2021) + "/kpis", """
                {"kpi":"B1.9","task":"B1","name":"n","direction":"HIGHER_IS_BETTER","target":1e9999999,"points":"1","occurredOn":"2021-01-10"}""");
        assertProblem(response, 400, "target");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
        assertIdleAfterwards();
    }

    /** The service's request threads use no CPU once the answer is out: nothing goes on computing. */
    private void assertIdleAfterwards() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long requestThreadsBefore = requestThreadCpuNanos(threads);
        long processBefore = process.getProcessCpuTime();
        Thread.sleep(1_000);
        long requestThreadsUsed = requestThreadCpuNanos(threads) - requestThreadsBefore;
        long processUsed = process.getProcessCpuTime() - processBefore;
        assertThat(requestThreadsUsed)
                .as("CPU ns of Tomcat's request threads in the second after")
                .isLessThan(50_000_000L);
        // the whole test JVM (service, embedded Kafka, this test) over the same second: far from a busy core
        assertThat(processUsed).as("CPU ns of the process in the second after").isLessThan(600_000_000L);
    }

    private static long requestThreadCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    @Test
    void aPaymentDatedOutsideItsYearIsRefused() {
        long before = eventCount();
        Response response = pay("""
                {"voucher":"D-1","amount":"1.00","payee":"p","purpose":"q","occurredOn":"0000-01-01"}""");
        JsonNode error = assertProblem(response, 400, "occurredOn");
        assertThat(error.get("message").asText()).contains("2021-01-01 to 2021-12-31");
        assertThat(pay(disbursement("D-2", "1.00").replace("2021-03-15", "2022-01-01"))
                        .status())
                .isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void oversizedFieldsAndBodiesAreRefused() {
        long before = eventCount();
        String megabyte = "款".repeat(350_000);
        assertProblem(pay(disbursement("S-1", "1.00").replace("某物业公司", megabyte)), 413, null);
        assertProblem(pay(disbursement("S-1".repeat(350_000), "1.00")), 413, null);
        assertProblem(pay(disbursement("S-2", "1.00").replace("某物业公司", "款".repeat(201))), 400, "payee");
        assertProblem(pay(disbursement("S".repeat(65), "1.00")), 400, "voucher");
        assertProblem(pay(disbursement("S-3", "1.00").replace("办公楼物业费", "费".repeat(1_001))), 400, "purpose");
        assertThat(eventCount()).isEqualTo(before);
    }

    /**
     * Credentials are checked before the body limit: without them a megabyte is a 401 at once (nothing
     * of the body is parsed), with them the same body is the 413 of the limit.
     */
    @Test
    void aMegabyteBodyIsA401WithoutCredentialsAndA413WithThem() {
        long before = eventCount();
        String megabyte = disbursement("U-1", "1.00").replace("某物业公司", "x".repeat(1_000_000));

        long started = System.nanoTime();
        Response anonymous = postAnonymously(payments, megabyte, Map.of());
        long anonymousMillis = (System.nanoTime() - started) / 1_000_000;
        Response wrongPassword = postAnonymously(payments, megabyte, Map.of("Authorization", basic("recorder") + "x"));
        Response signedIn = pay(megabyte);

        assertProblem(anonymous, 401, null);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymousMillis).as("answered in ms").isLessThan(1_000);
        assertProblem(wrongPassword, 401, null);
        assertProblem(signedIn, 413, null);
        assertThat(eventCount()).isEqualTo(before);
    }

    /** Neither a hostile header nor a hostile body is looked at before the caller is known. */
    @Test
    void hostileRequestsWithoutCredentialsAreA401Problem() {
        long before = eventCount();
        List<Response> answers = List.of(
                postAnonymously(payments, disbursement("U-2", "1.00"), Map.of("Idempotency-Key", "k".repeat(129))),
                postAnonymously(payments, disbursement("U-3", "1.00"), Map.of("X-Recorded-By", "x".repeat(101))),
                postAnonymously(payments, """
                        {"voucher":"U-4","amount":1e9999999,"payee":"p","purpose":"q","occurredOn":"2021-03-01"}""", Map.of()),
                postAnonymously(payments, "{\"voucher\":", Map.of()));
        for (Response answer : answers) {
            assertProblem(answer, 401, null);
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimitWithoutBeingBuffered() {
        byte[] body = disbursement("C-1", "1.00")
                .replace("某物业公司", "x".repeat(2_000_000))
                .getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        Response response = importLikeJson(payments, body);
        assertProblem(response, 413, null);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\n", "\\t", "\\u001b[31m", "\\u0085", "\\ud800"})
    void controlCharactersAndBrokenUnicodeAreRefused(String character) {
        long before = eventCount();
        Response response = pay(disbursement("K-1", "1.00").replace("某物业公司", "某" + character + "公司"));
        assertProblem(response, 400, "payee");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aVoucherResentWithAnyFieldChangedIsAConflictNamingTheFields() {
        assertThat(pay(disbursement("R-1", "100.00")).status()).isEqualTo(201);
        long before = eventCount();

        Response otherDate = pay(disbursement("R-1", "100.00").replace("2021-03-15", "2021-03-16"));
        Response otherAmountAndDate = pay(disbursement("R-1", "100.01").replace("2021-03-15", "2021-03-16"));
        Response same = pay(disbursement("R-1", "100.00"));

        assertThat(otherDate.status()).isEqualTo(409);
        assertThat(otherDate.contentType()).startsWith("application/problem+json");
        assertThat(otherDate.body().get("differences"))
                .extracting(JsonNode::asText)
                .containsExactly("occurredOn");
        assertThat(otherAmountAndDate.body().get("differences"))
                .extracting(JsonNode::asText)
                .containsExactly("amount", "occurredOn");
        assertThat(same.status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void storedHeadersAreBoundedAndReadAsUtf8() throws IOException {
        assertProblem(pay(disbursement("H-1", "1.00"), Map.of("X-Recorded-By", "x".repeat(101))), 400, "X-Recorded-By");
        assertProblem(
                pay(disbursement("H-1", "1.00"), Map.of("Idempotency-Key", "k".repeat(129))), 400, "Idempotency-Key");
        byte[] body = disbursement("H-2", "1.00").getBytes(StandardCharsets.UTF_8);
        RawAnswer answer = raw(
                ("POST " + payments + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: " + basic("recorder") + "\r\nX-Recorded-By: 财务室\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n"),
                body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        // the header is the client's claim of whom it records for; who recorded is the principal (SECURITY.md)
        assertThat(answer.text()).contains("\"onBehalfOf\":\"财务室\"").contains("\"recordedBy\":\"recorder\"");
    }

    /** What Tomcat refuses before Spring sees the request is problem+json too, not Tomcat's HTML page. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/v1/departments/a%00b/years/2021/execution HTTP/1.1",
                "POST /api/v1/departments/%00/years/2021/lines HTTP/1.1",
                "GET /api/v1/%zz HTTP/1.1",
                "GET /api/v1/imports?q=%s HTTP/1.1",
                "GET /%s HTTP/1.1",
                "GET /api/v1/departments/../../../etc/passwd HTTP/1.1",
                "GET /api/v1/departments/x\\y HTTP/1.1",
                "BREW /api/v1/imports HTTP/1.1",
                "GET /api/v1/imports HTTP/1.1\r\nX-Large: %s"
            })
    void theContainersOwnRefusalsAreProblemJson(String requestLine) throws IOException {
        String request = requestLine.replace("%s", "q".repeat(10_000));
        RawAnswer answer = raw(request + "\r\nHost: localhost\r\nConnection: close\r\n\r\n", new byte[0]);
        assertThat(answer.status()).as(answer.head()).isBetween(400, 499);
        assertThat(answer.header("content-type")).as(answer.head()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(answer.status());
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("Tomcat");
    }

    @Test
    void eachHostileImportLineIsRejectedAloneAndTheOthersApplied() {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        String prefix = "{\"type\":\"RecordDisbursement\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"line\":\"GP-PUB-01\",";
        ndjson.writeBytes((prefix
                        + "\"voucher\":\"I-1\",\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        ndjson.writeBytes((prefix
                        + "\"voucher\":\"I-2\",\"amount\":1e9999999,\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        ndjson.writeBytes((prefix + "\"voucher\":\"I-3\",\"amount\":\"1.00\",\"payee\":\"" + "p".repeat(20_000)
                        + "\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        ndjson.writeBytes(new byte[] {'{', (byte) 0xC3, '}', '\n'});
        ndjson.writeBytes((prefix
                        + "\"voucher\":\"I-5\",\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"0000-01-01\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        ndjson.writeBytes("null\n".getBytes(StandardCharsets.UTF_8));
        ndjson.writeBytes((prefix
                        + "\"voucher\":\"I-7\",\"amount\":\"2.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-03-01\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        long before = eventCount();

        Response response = importNdjson(() -> new ByteArrayInputStream(ndjson.toByteArray()));

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.body();
        assertThat(report.get("accepted").asLong()).isEqualTo(2);
        assertThat(report.get("rejectedCount").asLong()).isEqualTo(5);
        List<String> rejected = new ArrayList<>();
        report.get("rejected")
                .forEach(r -> rejected.add(
                        r.get("line").asInt() + ":" + r.get("status").asInt()));
        assertThat(rejected).containsExactly("2:400", "3:413", "4:400", "5:400", "6:400");
        assertThat(eventCount()).isEqualTo(before + 2);
    }

    /** A payment as the finance office's recorder (财务室), the role that records them. */
    private Response pay(String json) {
        return pay(json, Map.of());
    }

    private Response pay(String json, Map<String, String> headers) {
        return post(payments, json, as("recorder", headers));
    }

    private JsonNode assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        if (field == null) {
            return null;
        }
        for (JsonNode error : response.body().get("errors")) {
            if (error.get("field").asText().equals(field)) {
                return error;
            }
        }
        throw new AssertionError("no error for " + field + " in " + response.body());
    }

    /** POSTs {@code body} as JSON with no Content-Length: the client streams it chunked. */
    private Response importLikeJson(String path, byte[] body) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", basic("recorder"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Response(response.statusCode(), contentType, JSON.readTree(response.body()), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record RawAnswer(String text) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        String header(String name) {
            for (String line : head().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }

        String body() {
            int end = text.indexOf("\r\n\r\n");
            String body = text.substring(end + 4);
            return header("transfer-encoding").equalsIgnoreCase("chunked") ? unchunked(body) : body;
        }

        private static String unchunked(String body) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
                if (size == 0) {
                    break;
                }
                out.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toString();
        }
    }

    /** Sends bytes as they are (an HTTP client would refuse a NUL escape or a bad URI) and reads the whole answer. */
    private RawAnswer raw(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new RawAnswer(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
