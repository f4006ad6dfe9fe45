package io.budgetmonitor.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Answers "is there a Docker engine?" quickly and quietly.
 *
 * <p>Testcontainers' own probe tries several strategies and logs an ERROR for each when none works.
 * So we first look for any hint of an engine (a {@code DOCKER_HOST}, a known socket, a Docker
 * context, a Testcontainers config file, Windows named pipes) and only then ask Testcontainers. On a
 * machine without Docker, Testcontainers is never loaded and the answer costs microseconds.
 */
final class DockerProbe {

    private DockerProbe() {}

    /** @return whether a Docker engine answers, without asking Testcontainers when there is no hint of one */
    static boolean dockerAnswers() {
        return dockerAnswers(false);
    }

    /**
     * @param askTestcontainersAnyway skip the hint check (the user forced containers mode, so an exotic
     *                                setup we do not know about deserves a real probe and its logs)
     */
    static boolean dockerAnswers(boolean askTestcontainersAnyway) {
        if (!askTestcontainersAnyway
                && !mightHaveDocker(System::getenv, System.getProperty("user.home"), System.getProperty("os.name"))) {
            return false;
        }
        try {
            return TestcontainersProbe.isDockerAvailable();
        } catch (Throwable e) { // a broken Docker setup means "use embedded", never a failed build
            return false;
        }
    }

    static boolean mightHaveDocker(UnaryOperator<String> environment, String userHome, String osName) {
        if (osName != null && osName.toLowerCase(Locale.ROOT).contains("windows")) {
            return true; // named pipes cannot be checked as files
        }
        for (String variable : List.of("DOCKER_HOST", "TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE", "DOCKER_CONTEXT")) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return candidates(environment, userHome).stream().anyMatch(Files::exists);
    }

    private static List<Path> candidates(UnaryOperator<String> environment, String userHome) {
        List<Path> paths = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"), Path.of("/run/podman/podman.sock")));
        String runtimeDir = environment.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            paths.add(Path.of(runtimeDir, "docker.sock"));
            paths.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        if (userHome != null) {
            Path home = Path.of(userHome);
            paths.add(home.resolve(".testcontainers.properties"));
            paths.add(home.resolve(".docker/run/docker.sock"));
            paths.add(home.resolve(".docker/desktop/docker.sock"));
            paths.add(home.resolve(".docker/contexts/meta"));
            paths.add(home.resolve(".colima/default/docker.sock"));
            paths.add(home.resolve(".colima/docker.sock"));
            paths.add(home.resolve(".rd/docker.sock"));
            paths.add(home.resolve(".orbstack/run/docker.sock"));
        }
        return paths;
    }

    /** Separate class so Testcontainers is loaded only when a hint was found. */
    private static final class TestcontainersProbe {
        static boolean isDockerAvailable() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }
    }
}
