package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.wire.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files ({@code infra/compose.yaml}, {@code infra/k8s/}) against the services they
 * deploy: every environment variable they set for a service is something that service reads, the
 * ports are the services' own {@code server.port}, the probes are enabled (and are the paths open
 * without credentials), every service trusts the deployment's token issuer and none has demo users,
 * Axon's update checker is off everywhere.
 *
 * <p>"Reads" means one of: a Spring Boot / library property (a name in some
 * {@code META-INF/spring-configuration-metadata.json} or {@code additional-spring-configuration-metadata.json}
 * on the classpath), a key of the service's own {@code src/main/resources/application.yml}, a
 * property its {@code @ConfigurationProperties} classes bind or its code reads through a
 * {@code ${...}} placeholder — each matched the way Spring matches an environment variable
 * (relaxed binding, through a {@link SystemEnvironmentPropertySource}) — or a {@code ${NAME}}
 * placeholder of its application.yml used verbatim. Outside Spring, only the variables listed in
 * {@link #READ_OUTSIDE_SPRING} are allowed, each for a stated reason.
 *
 * <p>The services' files are read from their modules' source directories (all three have an
 * {@code application.yml} at the classpath root, so the classpath cannot tell them apart), under
 * the project root given by system property {@code budget.stack.project-root}.
 */
class DeploymentConfigurationTest {

    private static final String UPDATE_CHECKER = "AXONIQ_UPDATE_CHECKER_DISABLED";
    private static final String JWT_ISSUER = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";
    private static final String JWT_KEYS = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI";
    /** The only paths a probe may use: the rest of Actuator needs ADMIN (SECURITY.md). */
    private static final List<String> OPEN_PROBES = List.of("/actuator/health/readiness", "/actuator/health/liveness");

    /** Environment variables read by something other than Spring's Environment, and by what. */
    private static final Map<String, String> READ_OUTSIDE_SPRING = Map.of(
            UPDATE_CHECKER,
            "Axon's EnvironmentVariableUsagePropertyProvider (the update checker switch)",
            "JAVA_TOOL_OPTIONS",
            "the JVM itself",
            "JDK_JAVA_OPTIONS",
            "the java launcher");

    private static final Map<Service, String> BASE_PACKAGES = Map.of(
            Service.COMMAND, "io.budgetmonitor.command",
            Service.QUERY, "io.budgetmonitor.query",
            Service.SCORING, "io.budgetmonitor.scoring");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}\\s]+)");
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("^\\$\\{[^:}]+:([^}]*)}$");

    private static Path root;
    private static Map<String, Object> compose;
    private static List<Map<String, Object>> k8s;
    private static KnownProperties libraryProperties;

    @BeforeAll
    static void load() throws IOException {
        root = Path.of(System.getProperty("budget.stack.project-root", "../.."))
                .toAbsolutePath()
                .normalize();
        compose = yamlMap(root.resolve("infra/compose.yaml"));
        k8s = new ArrayList<>();
        Path k8sDir = root.resolve("infra/k8s");
        try (Stream<Path> files = Files.list(k8sDir)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList()) {
                if (file.getFileName().toString().startsWith("kustomization")) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    for (Object doc : new Yaml().loadAll(in)) {
                        if (doc instanceof Map<?, ?> map) {
                            k8s.add(cast(map));
                        }
                    }
                }
            }
        }
        libraryProperties = KnownProperties.fromClasspathMetadata();
    }

    // ------------------------------------------------------------------ environment variables

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyComposeVariableIsAPropertyTheServiceReads(Service service) {
        Map<String, String> env = composeEnvironment(service);
        assertThat(env).as("compose environment of %s", service.artifact()).isNotEmpty();
        assertThat(unread(service, env))
                .as("variables compose sets for %s that it does not read", service.artifact())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyKubernetesVariableIsAPropertyTheServiceReads(Service service) {
        Map<String, String> env = kubernetesEnvironment(service);
        assertThat(env).as("Kubernetes environment of %s", service.artifact()).isNotEmpty();
        assertThat(unread(service, env))
                .as(
                        "variables the %s Deployment sets (with its ConfigMap/Secret imports) "
                                + "that it does not read",
                        service.artifact())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void axonUpdateCheckerIsOffForEveryService(Service service) {
        assertThat(composeEnvironment(service))
                .as("compose, " + service.artifact())
                .containsEntry(UPDATE_CHECKER, "true");
        assertThat(kubernetesEnvironment(service))
                .as("k8s, " + service.artifact())
                .containsEntry(UPDATE_CHECKER, "true");
    }

    /** A thread killed by an OutOfMemoryError leaves a service that answers but does nothing; a restart cures it. */
    @ParameterizedTest
    @EnumSource(Service.class)
    void anOutOfMemoryErrorEndsTheServiceSoItIsRestarted(Service service) {
        assertThat(composeEnvironment(service).get("JAVA_TOOL_OPTIONS"))
                .as("compose JAVA_TOOL_OPTIONS of " + service.artifact())
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(composeService(service).get("restart")).isEqualTo("unless-stopped");
        assertThat(kubernetesEnvironment(service).get("JAVA_TOOL_OPTIONS"))
                .as("k8s JAVA_TOOL_OPTIONS of " + service.artifact())
                .contains("-XX:+ExitOnOutOfMemoryError");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void theDatasourceIsTheServicesOwnDatabase(Service service) {
        assertThat(composeEnvironment(service).get("SPRING_DATASOURCE_URL"))
                .as("compose SPRING_DATASOURCE_URL of " + service.artifact())
                .startsWith("jdbc:postgresql://")
                .endsWith("/" + service.database());
        assertThat(kubernetesEnvironment(service).get("SPRING_DATASOURCE_URL"))
                .as("k8s SPRING_DATASOURCE_URL of " + service.artifact())
                .startsWith("jdbc:postgresql://")
                .contains("/" + service.database() + "?");
        assertThat(composeEnvironment(service))
                .containsKeys(
                        "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(kubernetesEnvironment(service))
                .containsKeys(
                        "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
    }

    // ------------------------------------------------------------------ security

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyServiceTrustsTheDeploymentsTokenIssuerAndHasNoDemoUsers(Service service) {
        assertThat(composeEnvironment(service).get(JWT_ISSUER))
                .as("compose %s of %s", JWT_ISSUER, service.artifact())
                .startsWith("${BUDGET_JWT_ISSUER_URI:?");
        Map<String, String> k8sEnv = kubernetesEnvironment(service);
        assertThat(k8sEnv.get(JWT_ISSUER))
                .as("k8s %s of %s", JWT_ISSUER, service.artifact())
                .startsWith("https://");
        assertThat(k8sEnv.get(JWT_KEYS))
                .as("k8s %s of %s", JWT_KEYS, service.artifact())
                .startsWith(k8sEnv.get(JWT_ISSUER) + "/");
        for (Map<String, String> env : List.of(composeEnvironment(service), k8sEnv)) {
            assertThat(env.keySet())
                    .as("demo users belong to the run command, not to %s", service.artifact())
                    .noneMatch(name -> name.startsWith("BUDGET_SECURITY_DEMO"));
        }
    }

    /** The checker itself: it must reject what a service does not read, and accept each kind of reading. */
    @Test
    void theCheckTellsReadFromUnreadVariables() {
        Map<String, String> probe = new LinkedHashMap<>();
        probe.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://x/y"); // Boot property, relaxed binding
        probe.put("SPRING_KAFKA_PRODUCER_PROPERTIES_LINGER_MS", "5"); // a map-typed Boot property
        probe.put("BUDGET_COMMAND_DB_URL", "jdbc:postgresql://x/y"); // placeholder of command's application.yml
        probe.put("BUDGET_EVENTS_TOPICPARTITIONS", "12"); // @ConfigurationProperties budget.events
        probe.put("BUDGET_SNAPSHOTS_BUDGETLINETHRESHOLD", "50"); // @Value placeholder
        assertThat(unread(Service.COMMAND, probe)).isEmpty();

        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("SPRING_DATASOURCE_URI", "x"); // typo
        wrong.put("QUERY_DB_URL", "x"); // query-service's placeholder, not command's
        wrong.put("BUDGET_EVENTS_PARTITION_COUNT", "12"); // nobody reads it
        wrong.put("KAFKA_BOOTSTRAP", "x"); // query-service's placeholder
        assertThat(unread(Service.COMMAND, wrong)).containsOnlyKeys(wrong.keySet());
        assertThat(unread(Service.QUERY, Map.of("KAFKA_BOOTSTRAP", "x", "QUERY_DB_URL", "x")))
                .isEmpty();
    }

    // ------------------------------------------------------------------ ports and probes

    @ParameterizedTest
    @EnumSource(Service.class)
    void composePortsAndHealthCheckAreTheServicesOwn(Service service) {
        int port = serverPort(service);
        Map<String, Object> definition = composeService(service);
        List<String> ports = stringList(definition.get("ports"));
        assertThat(ports)
                .as("compose ports of " + service.artifact())
                .isNotEmpty()
                .allSatisfy(mapping -> assertThat(mapping.substring(mapping.lastIndexOf(':') + 1))
                        .as("container side of " + mapping)
                        .isEqualTo(Integer.toString(port)));
        String healthCheck =
                String.join(" ", stringList(map(definition.get("healthcheck")).get("test")));
        assertThat(healthCheck)
                .as("compose health check of " + service.artifact())
                .contains("localhost:" + port + "/actuator/health/readiness");
        String serverPortVariable = composeEnvironment(service).get("SERVER_PORT");
        assertThat(serverPortVariable == null || serverPortVariable.equals(Integer.toString(port)))
                .as("SERVER_PORT, if set, is the port compose publishes")
                .isTrue();
        Map<String, Object> dependsOn = map(definition.get("depends_on"));
        assertThat(map(dependsOn.get("postgres")).get("condition")).isEqualTo("service_healthy");
        assertThat(map(dependsOn.get("kafka")).get("condition")).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void kubernetesPortsAndProbesAreTheServicesOwn(Service service) {
        int port = serverPort(service);
        assertThat(port)
                .as("application.yml server.port of %s vs the local stack's default", service.artifact())
                .isEqualTo(service.defaultPort());
        assertThat(applicationYml(service).get("management.endpoint.health.probes.enabled"))
                .as("%s enables the readiness/liveness groups", service.artifact())
                .isEqualTo(Boolean.TRUE);

        Map<String, Object> container = container(service);
        List<Map<String, Object>> containerPorts = mapList(container.get("ports"));
        assertThat(containerPorts).extracting(p -> p.get("containerPort")).containsExactly(port);
        Map<String, Object> readiness = map(map(container.get("readinessProbe")).get("httpGet"));
        Map<String, Object> liveness = map(map(container.get("livenessProbe")).get("httpGet"));
        assertThat(readiness.get("path")).isEqualTo("/actuator/health/readiness");
        assertThat(liveness.get("path")).isEqualTo("/actuator/health/liveness");
        assertThat(resolvePort(readiness.get("port"), containerPorts)).isEqualTo(port);
        assertThat(resolvePort(liveness.get("port"), containerPorts)).isEqualTo(port);
        if (container.get("startupProbe") != null) {
            Map<String, Object> startup = map(map(container.get("startupProbe")).get("httpGet"));
            assertThat(resolvePort(startup.get("port"), containerPorts)).isEqualTo(port);
            assertThat(OPEN_PROBES).as("startup probe path").contains(String.valueOf(startup.get("path")));
        }
        Map<String, Object> resources = map(container.get("resources"));
        assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(resources.get("limits"))).containsKey("memory");

        Map<String, Object> k8sService = manifest("Service", service.artifact());
        for (Map<String, Object> servicePort :
                mapList(map(k8sService.get("spec")).get("ports"))) {
            assertThat(resolvePort(servicePort.get("targetPort"), containerPorts))
                    .as("Service targetPort")
                    .isEqualTo(port);
        }
        Map<String, Object> selector = map(map(k8sService.get("spec")).get("selector"));
        Map<String, Object> podLabels =
                map(map(map(map(manifest("Deployment", service.artifact()).get("spec"))
                                        .get("template"))
                                .get("metadata"))
                        .get("labels"));
        assertThat(podLabels).as("the Service selects the Deployment's pods").containsAllEntriesOf(selector);
    }

    // ------------------------------------------------------------------ infrastructure

    @Test
    void postgresInitCreatesEveryServiceDatabase() throws IOException {
        String init = Files.readString(root.resolve("infra/postgres/init-databases.sh"));
        for (Service service : Service.values()) {
            assertThat(init).contains(service.database());
        }
        assertThat(String.valueOf(composeDefinition("postgres").get("image"))).startsWith("postgres:16");
    }

    @Test
    void kafkaInitCreatesTheContractTopics() {
        assertThat(String.valueOf(composeDefinition("kafka").get("image"))).isEqualTo("apache/kafka:3.9.1");
        String script =
                String.join("\n", stringList(composeDefinition("kafka-init").get("command")));
        for (String topic : List.of(Topics.BUDGET_EVENTS, Topics.BUDGET_ALERTS, Topics.BUDGET_EVALUATIONS)) {
            assertThat(script).contains("--topic " + topic + " ");
        }
        assertThat(script).contains("retention.ms=-1");
    }

    @Test
    void kustomizationListsExistingFilesAndNotTheExampleSecret() throws IOException {
        Map<String, Object> kustomization = yamlMap(root.resolve("infra/k8s/kustomization.yaml"));
        List<String> resources = stringList(kustomization.get("resources"));
        assertThat(resources).doesNotContain("secret.example.yaml");
        for (String resource : resources) {
            assertThat(root.resolve("infra/k8s").resolve(resource)).exists();
        }
        for (Service service : Service.values()) {
            assertThat(resources).contains(service.artifact() + ".yaml");
        }
    }

    // ------------------------------------------------------------------ the check

    /** The variables of {@code env} that the service does not read, with the property each was taken for. */
    private static Map<String, String> unread(Service service, Map<String, String> env) {
        KnownProperties own = KnownProperties.ofService(service);
        Set<String> placeholders = placeholderNames(service);
        Map<String, String> unread = new TreeMap<>();
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String name = variable.getKey();
            if (READ_OUTSIDE_SPRING.containsKey(name) || placeholders.contains(name)) {
                continue;
            }
            // named like the real one: only then does Spring use its environment-variable name mapping
            IterableConfigurationPropertySource source = (IterableConfigurationPropertySource)
                    ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(name, Objects.toString(variable.getValue(), ""))));
            if (!own.binds(source) && !libraryProperties.binds(source)) {
                unread.put(
                        name,
                        source.stream()
                                .map(ConfigurationPropertyName::toString)
                                .findFirst()
                                .orElse("?"));
            }
        }
        if (env.containsKey(UPDATE_CHECKER)) {
            assertThat(classExists("org.axonframework.updates.configuration.EnvironmentVariableUsagePropertyProvider"))
                    .as("Axon's environment switch of the update checker is where this test expects it")
                    .isTrue();
        }
        return unread;
    }

    /** Property names, each as Spring would bind it: exact leaves, and prefixes under which any key binds (maps). */
    private record KnownProperties(List<ConfigurationPropertyName> leaves, List<ConfigurationPropertyName> prefixes) {

        boolean binds(ConfigurationPropertySource source) {
            for (ConfigurationPropertyName leaf : leaves) {
                if (source.getConfigurationProperty(leaf) != null) {
                    return true;
                }
            }
            for (ConfigurationPropertyName prefix : prefixes) {
                if (source.containsDescendantOf(prefix) == ConfigurationPropertyState.PRESENT) {
                    return true;
                }
            }
            return false;
        }

        static KnownProperties of(Collection<String> leafNames, Collection<String> prefixNames) {
            return new KnownProperties(names(leafNames), names(prefixNames));
        }

        private static List<ConfigurationPropertyName> names(Collection<String> names) {
            return names.stream()
                    .distinct()
                    .filter(ConfigurationPropertyName::isValid)
                    .map(ConfigurationPropertyName::of)
                    .toList();
        }

        /** Every property documented by Spring Boot and the libraries on the classpath. */
        static KnownProperties fromClasspathMetadata() throws IOException {
            ObjectMapper json = new ObjectMapper();
            Set<String> leaves = new TreeSet<>();
            Set<String> prefixes = new TreeSet<>();
            ClassLoader loader = DeploymentConfigurationTest.class.getClassLoader();
            for (String resource : List.of(
                    "META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                Enumeration<URL> urls = loader.getResources(resource);
                while (urls.hasMoreElements()) {
                    try (InputStream in = urls.nextElement().openStream()) {
                        JsonNode properties = json.readTree(in).path("properties");
                        for (JsonNode property : properties) {
                            String name = property.path("name").asText();
                            leaves.add(name);
                            String type = property.path("type").asText("");
                            if (type.startsWith("java.util.Map<") || type.startsWith("java.util.List<")) {
                                prefixes.add(name);
                            }
                        }
                    }
                }
            }
            assertThat(leaves)
                    .as("Spring Boot's property metadata on the test classpath")
                    .contains("spring.datasource.url", "spring.kafka.bootstrap-servers", "server.port");
            return of(leaves, prefixes);
        }

        /** The keys of the service's application.yml, its @ConfigurationProperties and ${...} reads in its code. */
        static KnownProperties ofService(Service service) {
            Set<String> leaves = new TreeSet<>(applicationYml(service).keySet());
            Set<String> prefixes = new TreeSet<>();
            ClassPathScanningCandidateComponentProvider scanner =
                    new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
            for (var candidate : scanner.findCandidateComponents(BASE_PACKAGES.get(service))) {
                Class<?> type = load(candidate.getBeanClassName());
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                if (type.isRecord()) {
                    for (RecordComponent component : type.getRecordComponents()) {
                        addBound(prefix, component.getName(), component.getType(), leaves, prefixes);
                    }
                } else {
                    for (Field field : type.getDeclaredFields()) {
                        if (!Modifier.isStatic(field.getModifiers())) {
                            addBound(prefix, field.getName(), field.getType(), leaves, prefixes);
                        }
                    }
                }
            }
            // ${a.b:default} in @Value, @KafkaListener, ... of the service's own code
            for (String placeholder : sourcePlaceholders(service)) {
                if (ConfigurationPropertyName.isValid(placeholder)) {
                    leaves.add(placeholder);
                }
            }
            return of(leaves, prefixes);
        }

        private static void addBound(
                String prefix, String javaName, Class<?> type, Set<String> leaves, Set<String> prefixes) {
            String name = prefix + "." + dashed(javaName);
            boolean scalar =
                    type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.");
            if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || !scalar) {
                prefixes.add(name);
            } else {
                leaves.add(name);
            }
        }
    }

    // ------------------------------------------------------------------ the services' own files

    private static Path module(Service service) {
        return root.resolve(service.artifact());
    }

    /** application.yml of the service, flattened to dotted keys. */
    private static Map<String, Object> applicationYml(Service service) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", yamlMap(module(service).resolve("src/main/resources/application.yml")), flat);
        return flat;
    }

    /** Names used as ${NAME...} in the service's application.yml: read verbatim from the environment. */
    private static Set<String> placeholderNames(Service service) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(read(module(service).resolve("src/main/resources/application.yml")));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Set<String> sourcePlaceholders(Service service) {
        Set<String> names = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(module(service).resolve("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Matcher matcher = PLACEHOLDER.matcher(read(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** server.port of application.yml, a ${VAR:default} resolved to its default. */
    private static int serverPort(Service service) {
        Object value = applicationYml(service).get("server.port");
        assertThat(value)
                .as("server.port in %s application.yml", service.artifact())
                .isNotNull();
        String text = value.toString();
        Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(text);
        return Integer.parseInt(placeholder.matches() ? placeholder.group(1) : text);
    }

    // ------------------------------------------------------------------ compose

    private static Map<String, Object> composeDefinition(String name) {
        Map<String, Object> definition = map(map(compose.get("services")).get(name));
        assertThat(definition).as("compose service " + name).isNotEmpty();
        return definition;
    }

    private static Map<String, Object> composeService(Service service) {
        return composeDefinition(service.artifact());
    }

    /** environment: as a map or as a list of NAME=value. */
    private static Map<String, String> composeEnvironment(Service service) {
        Object environment = composeService(service).get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
        }
        assertThat(composeService(service).get("env_file"))
                .as("%s: variables come from environment:, where this test sees them", service.artifact())
                .isNull();
        return env;
    }

    // ------------------------------------------------------------------ Kubernetes

    private static Map<String, Object> manifest(String kind, String name) {
        List<Map<String, Object>> found = k8s.stream()
                .filter(m -> kind.equals(m.get("kind"))
                        && name.equals(map(m.get("metadata")).get("name")))
                .toList();
        assertThat(found).as("%s %s in infra/k8s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> container(Service service) {
        Map<String, Object> podSpec = map(
                map(map(manifest("Deployment", service.artifact()).get("spec")).get("template"))
                        .get("spec"));
        List<Map<String, Object>> containers = mapList(podSpec.get("containers"));
        assertThat(containers).as("containers of " + service.artifact()).hasSize(1);
        return containers.get(0);
    }

    /** env of the Deployment's container plus every key it imports whole with envFrom. */
    private static Map<String, String> kubernetesEnvironment(Service service) {
        Map<String, Object> container = container(service);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : mapList(container.get("envFrom"))) {
            String prefix = Objects.toString(from.get("prefix"), "");
            if (from.get("configMapRef") != null) {
                String name = String.valueOf(map(from.get("configMapRef")).get("name"));
                map(manifest("ConfigMap", name).get("data")).forEach((k, v) -> env.put(prefix + k, String.valueOf(v)));
            }
            if (from.get("secretRef") != null) {
                String name = String.valueOf(map(from.get("secretRef")).get("name"));
                Map<String, Object> secret = manifest("Secret", name);
                Map<String, Object> keys = new LinkedHashMap<>(map(secret.get("data")));
                keys.putAll(map(secret.get("stringData")));
                keys.forEach((k, v) -> env.put(prefix + k, String.valueOf(v)));
            }
        }
        for (Map<String, Object> variable : mapList(container.get("env"))) {
            String name = String.valueOf(variable.get("name"));
            Object value = variable.get("value");
            if (variable.get("valueFrom") != null) {
                Map<String, Object> valueFrom = map(variable.get("valueFrom"));
                if (valueFrom.get("configMapKeyRef") != null) {
                    Map<String, Object> ref = map(valueFrom.get("configMapKeyRef"));
                    value = map(manifest("ConfigMap", String.valueOf(ref.get("name")))
                                    .get("data"))
                            .get(ref.get("key"));
                    assertThat(value)
                            .as("ConfigMap key %s of %s", ref.get("key"), name)
                            .isNotNull();
                } else if (valueFrom.get("secretKeyRef") != null) {
                    // the real Secret is created out of band; its shape is in secret.example.yaml
                    Map<String, Object> ref = map(valueFrom.get("secretKeyRef"));
                    Map<String, Object> secret = manifest("Secret", String.valueOf(ref.get("name")));
                    assertThat(map(secret.get("stringData")))
                            .as("example Secret " + ref.get("name"))
                            .containsKey(String.valueOf(ref.get("key")));
                    value = "<secret>";
                }
            }
            env.put(name, value == null ? "" : String.valueOf(value));
        }
        return env;
    }

    private static int resolvePort(Object port, List<Map<String, Object>> containerPorts) {
        if (port instanceof Integer number) {
            return number;
        }
        return containerPorts.stream()
                .filter(p -> String.valueOf(port).equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    // ------------------------------------------------------------------ plumbing

    private static Map<String, Object> yamlMap(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object loaded = new Yaml().load(in);
            assertThat(loaded).as(file.toString()).isInstanceOf(Map.class);
            return cast((Map<?, ?>) loaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, cast(nested), into);
            } else {
                into.put(name, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        ((Map<Object, Object>) map).forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    private static List<Map<String, Object>> mapList(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(DeploymentConfigurationTest::map).toList();
    }

    private static List<String> stringList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DeploymentConfigurationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, DeploymentConfigurationTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String dashed(String javaName) {
        StringBuilder out = new StringBuilder();
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
