package io.budgetmonitor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loads a scenario once per data directory: streams it to {@code POST /api/v1/imports}, waits until
 * the readers have applied it (their {@code /api/v1/position}), then leaves a marker so a restart
 * does not load it twice. It calls as the demo user {@code admin}: an import is authorized line by
 * line, and a scenario holds every kind of command (opening years, allocations, disbursements, KPIs).
 */
public final class DemoLoader {

    public static final String DEMO_RESOURCE = "/demo/shijing-2021.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;
    private final Path marker;

    public DemoLoader(Path dataDir) {
        this.dataDir = dataDir;
        this.marker = dataDir.resolve("scenario-loaded.json");
    }

    /** Read when a call is made, not before: the stack writes the file as it starts. */
    private String asAdmin() {
        return DemoUsersFile.read(dataDir).authorization(DemoUsersFile.ADMIN);
    }

    public boolean alreadyLoaded() {
        return Files.exists(marker);
    }

    /** A department's fiscal year: the one a scenario is about. */
    public record DepartmentYear(String department, int fiscalYear) {}

    /**
     * The department-year of the scenario loaded into this data directory, if one was: the first
     * that its lines name. A marker written before it recorded this was the demo's.
     */
    public Optional<DepartmentYear> loadedDepartmentYear() {
        if (!alreadyLoaded()) {
            return Optional.empty();
        }
        try {
            JsonNode written = JSON.readTree(Files.readString(marker));
            if (!written.has("department")) {
                return Optional.of(new DepartmentYear("BY-SJ", 2021));
            }
            return Optional.of(new DepartmentYear(
                    written.path("department").asText(),
                    written.path("fiscalYear").asInt()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first department-year a scenario's lines name. */
    static Optional<DepartmentYear> firstDepartmentYear(Supplier<InputStream> scenario) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(scenario.get(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode command = JSON.readTree(line);
                    if (command.path("department").isTextual()
                            && command.path("fiscalYear").canConvertToInt()) {
                        return Optional.of(new DepartmentYear(
                                command.path("department").asText(),
                                command.path("fiscalYear").asInt()));
                    }
                } catch (IOException unreadable) {
                    // the import reports it; keep looking
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return the import report from the command service */
    public JsonNode load(Supplier<InputStream> scenario, String commandUrl, List<String> readerUrls) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/imports"))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", asAdmin())
                    // recorded as onBehalfOf beside the principal (admin): says which program sent it
                    .header("X-Recorded-By", "local-stack demo loader")
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(scenario))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("import refused: " + response.statusCode() + " " + response.body());
            }
            JsonNode report = JSON.readTree(response.body());
            long position = report.path("position").asLong();
            for (String reader : readerUrls) {
                awaitPosition(reader, position, Duration.ofMinutes(10));
            }
            ObjectNode written = JSON.createObjectNode();
            firstDepartmentYear(scenario)
                    .ifPresent(
                            year -> written.put("department", year.department()).put("fiscalYear", year.fiscalYear()));
            written.set("import", report);
            Files.writeString(marker, written.toPrettyString());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("loading the scenario failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the scenario", e);
        }
    }

    /** Read-your-writes: wait until a reader reports it has applied the log up to {@code position}. */
    public void awaitPosition(String readerUrl, long position, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(readerUrl + "/api/v1/position"))
                .header("Authorization", asAdmin())
                .GET()
                .build();
        while (true) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200
                    && JSON.readTree(response.body()).path("position").asLong() >= position) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(readerUrl + " did not reach position " + position + " in " + timeout
                        + " (last answer: " + response.body() + ")");
            }
            Thread.sleep(200);
        }
    }
}
