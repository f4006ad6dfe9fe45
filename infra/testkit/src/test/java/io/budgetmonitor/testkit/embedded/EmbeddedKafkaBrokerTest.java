package io.budgetmonitor.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.testkit.KafkaRoundTrip;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @Test
    void persistentDataDirectoryKeepsRecordsAcrossRestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("kafka");
        int port = FreePorts.find();

        long start = System.nanoTime();
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataDirectory(data).port(port).build()) {
            broker.start();
            System.out.printf(
                    "[testkit] persistent Kafka first start (format) %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            KafkaRoundTrip.send(broker.bootstrapServers(), "budget.events.v1", "dept-7", "allocated");
        }

        start = System.nanoTime();
        try (EmbeddedKafkaBroker again =
                EmbeddedKafkaBroker.builder().dataDirectory(data).port(port).build()) {
            again.start();
            System.out.printf("[testkit] persistent Kafka restart %d ms%n", (System.nanoTime() - start) / 1_000_000);
            KafkaRoundTrip.send(again.bootstrapServers(), "budget.events.v1", "dept-7", "spent");

            var values = KafkaRoundTrip.readAll(again.bootstrapServers(), "budget.events.v1", 2).stream()
                    .map(ConsumerRecord::value)
                    .toList();

            assertThat(values).containsExactly("allocated", "spent");
        }
        assertThat(data.resolve("logs/meta.properties")).exists();
    }
}
