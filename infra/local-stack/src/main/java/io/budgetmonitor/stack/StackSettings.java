package io.budgetmonitor.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the run command can be told, from flags ({@code --data-dir=./data}) or the environment
 * ({@code BUDGET_DATA_DIR}); a flag wins over the environment, which wins over the default.
 *
 * @param dataDir           where PostgreSQL, Kafka, logs and the demo marker live (survives restarts)
 * @param ports             HTTP port per service (0 = pick a free one)
 * @param postgresPort      port of the embedded PostgreSQL (0 = free)
 * @param kafkaPort         port of the embedded Kafka broker (0 = free)
 * @param externalPostgres  JDBC URL prefix of an external server (e.g. {@code jdbc:postgresql://db:5432/}),
 *                          one database per service is appended; empty = embedded
 * @param postgresUser      user for the external server
 * @param postgresPassword  password for the external server
 * @param externalKafka     bootstrap servers of an external broker; empty = embedded
 * @param loadDemo          load the scenario when the data directory is new
 * @param scenario          a scenario file to load instead of the Shijing 2021 demo
 * @param services          which services to run
 * @param projectRoot       where the services' jars were built ({@code <root>/<service>/target})
 * @param javaOptions       JVM options for each service
 * @param demoPassword      one password for every demo user instead of random ones ({@link DemoUsersFile})
 * @param eventsPartitions  partitions of {@code budget.events.v1}, declared before any service starts (the
 *                          variable compose and Kubernetes use for the same count)
 */
public record StackSettings(
        Path dataDir,
        Map<Service, Integer> ports,
        int postgresPort,
        int kafkaPort,
        Optional<String> externalPostgres,
        String postgresUser,
        String postgresPassword,
        Optional<String> externalKafka,
        boolean loadDemo,
        Optional<Path> scenario,
        Set<Service> services,
        Path projectRoot,
        List<String> javaOptions,
        Optional<Secret> demoPassword,
        int eventsPartitions) {

    /** A password, kept out of {@code toString} so that printing the settings never prints it. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "Secret[******]";
        }
    }

    public static final String USAGE = """
            Usage: ./budget-monitor [options]        (every option also reads an environment variable)
              --data-dir=DIR          BUDGET_DATA_DIR         data directory (default ./data)
              --command-port=P        BUDGET_COMMAND_PORT     command-service port (default 8081)
              --query-port=P          BUDGET_QUERY_PORT       query-service port (default 8082)
              --scoring-port=P        BUDGET_SCORING_PORT     scoring-service port (default 8083)
              --postgres-port=P       BUDGET_POSTGRES_PORT    embedded PostgreSQL port (default 54329)
              --kafka-port=P          BUDGET_KAFKA_PORT       embedded Kafka port (default 19092)
              --postgres-url=URL      BUDGET_POSTGRES_URL     external PostgreSQL, e.g. jdbc:postgresql://host:5432/
              --postgres-user=U       BUDGET_POSTGRES_USER    (with --postgres-url)
              --postgres-password=S   BUDGET_POSTGRES_PASSWORD
              --kafka=HOST:PORT       BUDGET_KAFKA            external Kafka bootstrap servers
              --no-demo               BUDGET_DEMO=false       do not load the demo year
              --scenario=FILE         BUDGET_SCENARIO         load this NDJSON scenario instead of the demo
              --only=command,query    BUDGET_ONLY             run only these services
              --java-options="..."    BUDGET_JAVA_OPTIONS     extra JVM options for each service (they win)
              --events-partitions=N   BUDGET_EVENTS_PARTITIONS partitions of budget.events.v1 (default 1)
              --demo-password=P       BUDGET_DEMO_PASSWORD    one password for every demo user (recorder, budget-office,
                                                              evaluator, auditor, viewer, viewer-bysj, admin); prefer the
                                                              variable (a flag shows in ps). Default: a random password
                                                              per user, kept in DIR/demo-users.txt (mode 0600) and
                                                              printed when ready
            """;

    public static StackSettings parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new java.util.HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
            if (arg.equals("--demo-password")) {
                throw new IllegalArgumentException("--demo-password needs a value: --demo-password=P");
            }
            String[] kv = arg.substring(2).split("=", 2);
            flags.put(kv[0], kv.length == 2 ? kv[1] : "true");
        }
        Function<String, Optional<String>> read = name -> Optional.ofNullable(flags.get(name))
                .or(() -> Optional.ofNullable(
                        env.get("BUDGET_" + name.toUpperCase().replace('-', '_'))))
                .filter(v -> !v.isBlank());
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(
                    service,
                    read.apply(service.key() + "-port").map(Integer::parseInt).orElse(service.defaultPort()));
        }
        boolean demo = !flags.containsKey("no-demo")
                && read.apply("demo").map(Boolean::parseBoolean).orElse(true);
        Set<Service> services = read.apply("only").map(StackSettings::services).orElse(EnumSet.allOf(Service.class));
        // C1 alone: on two cores the C2 compiler threads of three starting JVMs take half the CPU.
        // An OutOfMemoryError ends the JVM, so the supervisor restarts it: without the flag a thread that
        // died of it (Axon's publisher, paused in error) left a service that answered but published nothing.
        List<String> javaOptions = new ArrayList<>(List.of(
                "-Xmx512m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"));
        read.apply("java-options")
                .ifPresent(o -> javaOptions.addAll(List.of(o.trim().split("\\s+"))));
        int eventsPartitions =
                read.apply("events-partitions").map(Integer::parseInt).orElse(1);
        if (eventsPartitions < 1) {
            throw new IllegalArgumentException("--events-partitions must be at least 1, not " + eventsPartitions);
        }
        return new StackSettings(
                Path.of(read.apply("data-dir").orElse("data")).toAbsolutePath().normalize(),
                ports,
                read.apply("postgres-port").map(Integer::parseInt).orElse(54329),
                read.apply("kafka-port").map(Integer::parseInt).orElse(19092),
                read.apply("postgres-url"),
                read.apply("postgres-user").orElse("postgres"),
                read.apply("postgres-password").orElse("postgres"),
                read.apply("kafka"),
                demo,
                read.apply("scenario").map(Path::of),
                services,
                Path.of(read.apply("project-root").orElse(System.getProperty("budget.stack.project-root", ".")))
                        .toAbsolutePath()
                        .normalize(),
                javaOptions,
                read.apply("demo-password").map(StackSettings::demoPassword),
                eventsPartitions);
    }

    /** Written one per line into demo-users.txt, and read back stripped: so no line breaks, no blanks at the ends. */
    private static Secret demoPassword(String password) {
        if (!password.equals(password.strip()) || password.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the demo password must not begin or end with blanks or contain "
                    + "control characters (line breaks)");
        }
        return new Secret(password);
    }

    private static Set<Service> services(String list) {
        Set<Service> services = EnumSet.noneOf(Service.class);
        for (String name : list.split(",")) {
            services.add(Service.valueOf(name.trim().toUpperCase()));
        }
        return services;
    }
}
