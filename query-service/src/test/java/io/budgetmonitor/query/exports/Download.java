package io.budgetmonitor.query.exports;

import io.budgetmonitor.query.support.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A file downloaded over real HTTP as a demo user: status, headers and the raw bytes. */
record Download(int status, String contentType, String disposition, byte[] body) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    static Download get(String url, String demoUser) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", Http.basic(demoUser))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean startsWithBom() {
        return body.length >= 3 && Arrays.equals(Arrays.copyOf(body, 3), BOM);
    }

    /** The body as text, without a byte-order mark. */
    String text() {
        int from = startsWithBom() ? 3 : 0;
        return new String(body, from, body.length - from, StandardCharsets.UTF_8);
    }

    /** The entries of a zip body, by name. */
    Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
