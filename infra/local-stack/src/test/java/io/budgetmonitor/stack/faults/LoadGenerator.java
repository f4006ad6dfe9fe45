package io.budgetmonitor.stack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The load the faults land on, as clients send it: one thread records disbursements and budget
 * reductions (调减) through the REST API, one after the other; another sends small NDJSON imports of
 * disbursements. Every request carries an {@code Idempotency-Key} and an {@code X-Correlation-Id}, and a
 * request that fails (no answer, 5xx, "still being processed") is sent again, same key, until it is
 * answered; what the client got a 2xx for is <em>accepted</em> and remembered with the fault that was
 * being injected when it was first sent.
 */
final class LoadGenerator implements AutoCloseable {

    static final String DEPARTMENT = "FT-GEN";
    static final String IMPORT_DEPARTMENT = "FT-IMP";
    static final int YEAR = 2026;
    static final String LINE = "GEN-01";
    static final String IMPORT_LINE = "IMP-01";
    static final int IMPORT_LINES = 10;
    private static final Duration GIVE_UP = Duration.ofMinutes(2);

    /** A command the client got a 2xx for: its events must be in the store exactly once. */
    record Accepted(String phase, String correlationId, List<String> eventIds, String voucher) {}

    /** An import the client got a 200 for: each of its vouchers must be recorded exactly once. */
    record AcceptedImport(String phase, String correlationId, List<String> vouchers, JsonNode report) {}

    private final Client client;
    private final String commandUrl;
    private final Supplier<String> phase;
    final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<AcceptedImport> imports = Collections.synchronizedList(new ArrayList<>());
    /** Requests answered with something other than 2xx that retrying cannot fix: must stay empty. */
    final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    /** Commands the client gave up on (no 2xx within {@link #GIVE_UP}): must stay empty. */
    final List<String> unconfirmed = Collections.synchronizedList(new ArrayList<>());

    final AtomicLong retries = new AtomicLong();
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();

    LoadGenerator(Client client, String commandUrl, Supplier<String> phase) {
        this.client = client;
        this.commandUrl = commandUrl;
        this.phase = phase;
    }

    /** The two department-years the load writes to, opened with a budget it cannot exhaust. */
    static String setUpLedger() {
        StringBuilder lines = new StringBuilder();
        for (String[] year : new String[][] {{DEPARTMENT, LINE}, {IMPORT_DEPARTMENT, IMPORT_LINE}}) {
            lines.append("{\"type\":\"OpenFiscalYear\",\"department\":\"")
                    .append(year[0])
                    .append("\",\"fiscalYear\":")
                    .append(YEAR)
                    .append(",\"departmentName\":\"故障演练\",\"occurredOn\":\"2026-01-01\"}\n");
            lines.append("{\"type\":\"AllocateBudget\",\"department\":\"")
                    .append(year[0])
                    .append("\",\"fiscalYear\":")
                    .append(YEAR)
                    .append(",\"line\":\"")
                    .append(year[1])
                    .append("\",\"name\":\"演练项目\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\","
                            + "\"expenditureType\":\"PROJECT\",\"threePublic\":\"NONE\",\"appropriation\":true,"
                            + "\"amount\":\"900000000.00\",\"occurredOn\":\"2026-01-01\"}\n");
        }
        return lines.toString();
    }

    static final String BIG_DEPARTMENT = "FT-BIG";
    static final String BIG_LINE = "BIG-01";

    /**
     * The import that command-service is killed in the middle of: a department-year opened and
     * allocated, then {@code disbursements} payments of 1.00 each (vouchers {@code BIG-000001} …).
     */
    static String bigLedger(int disbursements) {
        StringBuilder lines = new StringBuilder();
        lines.append("{\"type\":\"OpenFiscalYear\",\"department\":\"" + BIG_DEPARTMENT + "\",\"fiscalYear\":" + YEAR
                + ",\"departmentName\":\"故障演练导入\",\"occurredOn\":\"2026-01-01\"}\n");
        lines.append("{\"type\":\"AllocateBudget\",\"department\":\"" + BIG_DEPARTMENT + "\",\"fiscalYear\":" + YEAR
                + ",\"line\":\"" + BIG_LINE + "\",\"name\":\"演练项目\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\","
                + "\"expenditureType\":\"PROJECT\",\"threePublic\":\"NONE\",\"appropriation\":true,"
                + "\"amount\":\"100000.00\",\"occurredOn\":\"2026-01-01\"}\n");
        for (int i = 1; i <= disbursements; i++) {
            lines.append(String.format(
                    "{\"type\":\"RecordDisbursement\",\"department\":\"%s\",\"fiscalYear\":%d,\"line\":\"%s\","
                            + "\"voucher\":\"BIG-%06d\",\"amount\":\"1.00\",\"payee\":\"演练供应商\","
                            + "\"purpose\":\"批量导入\",\"procurement\":false,\"occurredOn\":\"2026-06-15\"}%n",
                    BIG_DEPARTMENT, YEAR, BIG_LINE, i));
        }
        return lines.toString();
    }

    LoadGenerator start() {
        threads.add(new Thread(this::recordCommands, "fault-suite-rest"));
        threads.add(new Thread(this::sendImports, "fault-suite-imports"));
        threads.forEach(Thread::start);
        return this;
    }

    private void recordCommands() {
        for (int i = 1; running; i++) {
            String id = String.format("gen-%06d", i);
            String url;
            String body;
            String voucher = null;
            if (i % 4 == 0) {
                url = year(DEPARTMENT) + "/lines/" + LINE + "/adjustments";
                body = "{\"kind\":\"REDUCTION\",\"amount\":\"1.00\",\"reason\":\"故障演练调减 " + id
                        + "\",\"occurredOn\":\"2026-06-15\"}";
            } else {
                voucher = "FT-" + id;
                url = year(DEPARTMENT) + "/lines/" + LINE + "/disbursements";
                body = "{\"voucher\":\"" + voucher
                        + "\",\"amount\":\"10.00\",\"payee\":\"演练供应商\",\"purpose\":\"故障演练\","
                        + "\"occurredOn\":\"2026-06-15\"}";
            }
            String user = voucher == null ? "budget-office" : "recorder";
            String first = phase.get();
            Client.Response response = untilAnswered(id, () -> client.postJson(user, url, body, headers(id)));
            if (response == null) {
                continue;
            }
            List<String> eventIds = new ArrayList<>();
            response.json()
                    .path("recorded")
                    .forEach(e -> eventIds.add(e.path("eventId").asText()));
            accepted.add(new Accepted(first, id, eventIds, voucher));
            pause(50); // a steady trickle, not a flood: the faults land on it, the readers keep up with it
        }
    }

    private void sendImports() {
        for (int b = 1; running; b++) {
            sendImport(String.format("imp-%05d", b), IMPORT_LINES, Duration.ofSeconds(60));
            pause(1000);
        }
    }

    /**
     * Sends one import of {@code lines} disbursements of 5.00 (vouchers {@code id-1} …) until it is
     * answered, and remembers it as accepted (its vouchers are checked like the generator's).
     */
    void sendImport(String id, int lines, Duration timeout) {
        List<String> vouchers = new ArrayList<>();
        StringBuilder ndjson = new StringBuilder();
        for (int k = 1; k <= lines; k++) {
            String voucher = id + "-" + k;
            vouchers.add(voucher);
            ndjson.append("{\"type\":\"RecordDisbursement\",\"department\":\"")
                    .append(IMPORT_DEPARTMENT)
                    .append("\",\"fiscalYear\":")
                    .append(YEAR)
                    .append(",\"line\":\"")
                    .append(IMPORT_LINE)
                    .append("\",\"voucher\":\"")
                    .append(voucher)
                    .append("\",\"amount\":\"5.00\",\"payee\":\"演练供应商\",\"purpose\":\"批量导入\","
                            + "\"procurement\":false,\"occurredOn\":\"2026-06-15\"}\n");
        }
        String first = phase.get();
        Client.Response response = untilAnswered(
                id,
                () -> client.postNdjson(
                        "recorder", commandUrl + "/api/v1/imports", ndjson.toString(), headers(id), timeout));
        if (response == null) {
            return;
        }
        JsonNode report = response.json();
        if (report.path("accepted").asLong() + report.path("duplicates").asLong() != lines
                || !report.path("rejected").isEmpty()) {
            refused.add(id + ": " + response.body());
        }
        imports.add(new AcceptedImport(first, id, vouchers, report));
    }

    private interface Call {
        Client.Response send() throws IOException, InterruptedException;
    }

    /** The answer once it is a 2xx; null when refused for good or given up on (both recorded). */
    private Client.Response untilAnswered(String id, Call call) {
        Instant giveUp = Instant.now().plus(GIVE_UP);
        while (true) {
            String failure;
            try {
                Client.Response response = call.send();
                if (response.ok()) {
                    return response;
                }
                if (response.status() < 500 && !response.body().contains("still being processed")) {
                    refused.add(id + ": " + response.status() + " " + response.body());
                    return null;
                }
                failure = response.status() + " " + response.body();
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unconfirmed.add(id + ": interrupted");
                return null;
            }
            if (Instant.now().isAfter(giveUp)) {
                unconfirmed.add(id + ": " + failure);
                return null;
            }
            retries.incrementAndGet();
            pause(250);
        }
    }

    private String year(String department) {
        return commandUrl + "/api/v1/departments/" + department + "/years/" + YEAR;
    }

    private static Map<String, String> headers(String id) {
        return Map.of("Idempotency-Key", id, "X-Correlation-Id", id);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending; requests in progress are finished (and retried until answered). */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(GIVE_UP.plusSeconds(90).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
