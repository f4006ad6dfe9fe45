package io.budgetmonitor.testkit;

import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kafka broker logs hundreds of INFO lines (its whole config, every partition) into
 * the test output. When Logback is the backend and nobody configured these loggers, lift them to
 * WARN. Done reflectively so the test kit does not force a logging backend on anyone; a no-op with
 * any other backend or when a level is already set (user configuration wins).
 */
final class QuietLogging {

    private static final List<String> KAFKA_SERVER_LOGGERS =
            List.of("kafka", "state.change.logger", "org.apache.kafka");

    private QuietLogging() {}

    static void quietKafkaServer() {
        try {
            for (String name : KAFKA_SERVER_LOGGERS) {
                Logger logger = LoggerFactory.getLogger(name);
                Class<?> type = logger.getClass();
                if (!type.getName().equals("ch.qos.logback.classic.Logger")) {
                    return;
                }
                if (type.getMethod("getLevel").invoke(logger) != null) {
                    continue;
                }
                Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, type.getClassLoader());
                Method setLevel = type.getMethod("setLevel", level);
                setLevel.invoke(logger, level.getField("WARN").get(null));
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
            // cosmetic only
        }
    }
}
