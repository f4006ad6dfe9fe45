package io.budgetmonitor.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Row 3: from sending a payment that is refused (409) to its {@code OVERSPEND_ATTEMPT} alert arriving
 * on an SSE subscriber of query-service; and, as the baseline, a record's produce → consume round
 * trip on the same Kafka broker. Samples are taken one after the other, each on a fresh budget line
 * (an alert is raised once per line).
 */
final class AlertLatency {

    private AlertLatency() {}

    /** An open {@code /api/v1/alerts/stream}: completes a waiter when a data line names its budget line. */
    static final class Subscriber implements AutoCloseable {
        private final Map<String, CompletableFuture<Arrival>> waiting = new ConcurrentHashMap<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

        Subscriber(Api api, String queryUrl, String department) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(queryUrl + "/api/v1/alerts/stream?department=" + department))
                    .header("Authorization", api.authorization(Api.VIEWER))
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            response = api.http().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(answer -> answer.body().forEach(this::onLine));
        }

        private void onLine(String line) {
            Arrival now = new Arrival(System.nanoTime(), Instant.now());
            if (line.startsWith(":subscribed")) {
                subscribed.complete(null);
            }
            if (!line.startsWith("data:")) {
                return;
            }
            waiting.forEach((key, waiter) -> {
                if (line.contains(key)) {
                    waiter.complete(now);
                }
            });
        }

        void awaitSubscribed() throws Exception {
            subscribed.get(60, TimeUnit.SECONDS);
        }

        /** @return when the next data line containing {@code key} arrives */
        CompletableFuture<Arrival> expect(String key) {
            return waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        }

        @Override
        public void close() {
            response.thenAccept(answer -> answer.body().close());
            response.cancel(true);
        }
    }

    /** When a data line arrived: monotonic (for the latency) and wall clock (for the stages). */
    record Arrival(long nanos, Instant at) {}

    /**
     * {@code samples} refused payments, one per line GP-0001 … of {@code department} (lines of 100.00).
     */
    static Latencies alerts(
            Api api,
            String commandUrl,
            String queryUrl,
            String department,
            int samples,
            List<AlertStages.Sample> stages)
            throws Exception {
        Latencies latencies = new Latencies();
        try (Subscriber subscriber = new Subscriber(api, queryUrl, department)) {
            subscriber.awaitSubscribed();
            for (int i = 1; i <= samples; i++) {
                String line = Ledger.line(i);
                CompletableFuture<Arrival> arrived = subscriber.expect("line:" + line + "\"");
                Instant sentAt = Instant.now();
                long sent = System.nanoTime();
                Api.Answer answer = api.send(
                        "POST",
                        commandUrl + "/api/v1/departments/" + department + "/years/" + Ledger.YEAR + "/lines/" + line
                                + "/disbursements",
                        Api.RECORDER,
                        "{\"voucher\":\"OVER-" + i
                                + "\",\"amount\":\"1000.00\",\"payee\":\"某服务公司\",\"purpose\":\"超额支付\","
                                + "\"procurement\":false,\"occurredOn\":\"" + Ledger.YEAR + "-06-01\"}");
                if (answer.status() != 409) {
                    throw new IllegalStateException(
                            "a payment over the line was not refused: " + answer.status() + " " + answer.body());
                }
                Instant answeredAt = Instant.now();
                Arrival arrival = arrived.get(60, TimeUnit.SECONDS);
                latencies.add(arrival.nanos() - sent);
                stages.add(new AlertStages.Sample(line, sentAt, answeredAt, arrival.at()));
            }
        }
        return latencies;
    }

    /** The baseline: {@code samples} produce → consume round trips of one small record each, acks=all. */
    static Latencies kafka(String bootstrap, int samples) throws Exception {
        String topic = "bench.roundtrip";
        Properties common = new Properties();
        common.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(common)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get();
            }
        }
        Properties producerProps = new Properties();
        producerProps.putAll(common);
        producerProps.put("acks", "all");
        producerProps.put("linger.ms", "0");
        Properties consumerProps = new Properties();
        consumerProps.putAll(common);
        consumerProps.put("enable.auto.commit", "false");
        Latencies latencies = new Latencies();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer =
                        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < samples + 5; i++) { // the first few connect and fetch metadata: not counted
                String id = Long.toString(System.nanoTime());
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, id, "{\"sample\":" + i + "}"));
                long received = 0;
                while (received == 0) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.key().equals(id)) {
                            received = System.nanoTime();
                        }
                    }
                    if (System.nanoTime() - sent > 60_000_000_000L) {
                        throw new IllegalStateException("a Kafka record did not come back in 60 s");
                    }
                }
                if (i >= 5) {
                    latencies.add(received - sent);
                }
            }
        }
        return latencies;
    }
}
