package io.budgetmonitor.scoring.rubric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The rubrics this service knows: the bundled {@code rubrics/*.yaml} plus every {@code *.yaml} in the
 * configured directory (so users add rubrics without a code change), all checked at start-up: a bad
 * file stops the service with a message naming the field, rather than scoring with a half-read rule.
 * Uploads are stored in the database ({@link UploadedRubrics}): every replica finds a rubric another
 * one received, and a restart keeps them.
 */
@Component
public class RubricRegistry {

    private static final Logger log = LoggerFactory.getLogger(RubricRegistry.class);
    /** The source of a rubric that came from an upload rather than a file. */
    static final String UPLOAD_SOURCE = "upload";

    private final RubricLoader loader = new RubricLoader();
    private final Map<String, Rubric> byIdAndVersion = new ConcurrentHashMap<>();
    private final String defaultRubric;
    private final UploadedRubrics uploads;

    public RubricRegistry(
            @Value("${scoring.rubrics.directory:}") String directory,
            @Value("${scoring.rubrics.default:baiyun-2022}") String defaultRubric,
            UploadedRubrics uploads) {
        this.defaultRubric = defaultRubric;
        this.uploads = uploads;
        try {
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:rubrics/*.yaml")) {
                try (InputStream in = resource.getInputStream()) {
                    register(loader.load(in.readAllBytes(), resource.getFilename()));
                }
            }
            if (directory != null && !directory.isBlank()) {
                try (Stream<Path> files = Files.list(Path.of(directory))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                                    || f.toString().endsWith(".yml"))
                            .sorted()
                            .toList()) {
                        register(loader.load(Files.readAllBytes(file), file.toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rubrics", e);
        }
        if (findKnown(defaultRubric).isEmpty()) {
            throw new IllegalStateException(
                    "default rubric " + defaultRubric + " is not among the loaded rubrics " + byIdAndVersion.keySet());
        }
        log.info("loaded rubrics {}", byIdAndVersion.keySet());
    }

    /** Adds a rubric; an id and version already known with other content is refused. */
    private synchronized Rubric register(Rubric rubric) {
        String key = key(rubric.id(), rubric.version());
        Rubric existing = byIdAndVersion.get(key);
        if (existing != null && !sameRules(existing, rubric)) {
            throw otherRules(rubric);
        }
        byIdAndVersion.putIfAbsent(key, rubric);
        return byIdAndVersion.get(key);
    }

    /**
     * An upload: checked, stored for every replica, then known here. Sending the same file again is
     * harmless; the same id and version with other rules is refused, whichever replica stored it first.
     */
    public synchronized Rubric upload(byte[] yaml, String uploadedBy) {
        Rubric rubric = parse(yaml, UPLOAD_SOURCE);
        refreshUploads();
        Rubric known = byIdAndVersion.get(key(rubric.id(), rubric.version()));
        if (known != null && !sameRules(known, rubric)) {
            throw otherRules(rubric);
        }
        if (!uploads.store(rubric.id(), rubric.version(), yaml, uploadedBy)) {
            Rubric stored = parse(uploads.yamlOf(rubric.id(), rubric.version()).orElse(yaml), UPLOAD_SOURCE);
            if (!sameRules(stored, rubric)) {
                throw otherRules(rubric);
            }
        }
        return register(rubric);
    }

    /**
     * Picks up what other replicas (or earlier runs) uploaded; only files not known here are parsed.
     * A rubric file with the same id and version wins over an upload.
     */
    private synchronized void refreshUploads() {
        for (UploadedRubrics.Upload upload : uploads.all()) {
            byIdAndVersion.computeIfAbsent(
                    key(upload.id(), upload.version()), key -> parse(upload.yaml(), UPLOAD_SOURCE));
        }
    }

    private static String key(String id, int version) {
        return id + "@" + version;
    }

    private static boolean sameRules(Rubric a, Rubric b) {
        return a.equals(withSource(b, a.source()));
    }

    private static InvalidRubricException otherRules(Rubric rubric) {
        return new InvalidRubricException(
                rubric.source(),
                "version",
                "rubric " + rubric.id() + " version " + rubric.version()
                        + " already exists with other rules: give it a new version");
    }

    public Rubric parse(byte[] yaml, String source) {
        return loader.load(yaml, source);
    }

    /** {@code id} (its latest version) or {@code id@version}, looking at other replicas' uploads if not known here. */
    public Optional<Rubric> find(String reference) {
        Optional<Rubric> known = findKnown(reference);
        if (known.isPresent() || reference == null) {
            return known;
        }
        refreshUploads();
        return findKnown(reference);
    }

    private Optional<Rubric> findKnown(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        int at = reference.indexOf('@');
        if (at >= 0) {
            return Optional.ofNullable(byIdAndVersion.get(reference));
        }
        return byIdAndVersion.values().stream()
                .filter(r -> r.id().equals(reference))
                .max(Comparator.comparingInt(Rubric::version));
    }

    /**
     * The pin of a year opened at {@code openedAt} (the event's recording time) under {@code reference}
     * (null: the default rubric): the version the reference names, else the highest version of its id
     * that existed then: shipped versions always, uploads (of every replica) made at or before that
     * instant. A function of the event alone, so a redelivery or a rebuild of the inputs from the log
     * pins the same version, and no later upload moves a year.
     * A rubric unknown here, or a reference that does not parse, is left unpinned rather than refusing
     * the event: an opened year is a fact, and it is then scored with the latest version, as before.
     */
    public RubricPin pin(String reference, Instant openedAt) {
        String named = reference == null || reference.isBlank() ? defaultRubric : reference.strip();
        RubricRef.Reference parsed;
        try {
            parsed = RubricRef.Reference.parse(named);
        } catch (IllegalArgumentException unparsable) {
            log.warn("fiscal year opened with rubric {}, which does not parse: not pinned", named);
            return new RubricPin(named, null);
        }
        if (parsed.version().isPresent()) {
            return new RubricPin(parsed.id(), parsed.version().getAsInt());
        }
        OptionalInt here = byIdAndVersion.values().stream()
                .filter(r -> r.id().equals(parsed.id()))
                .mapToInt(Rubric::version)
                .max();
        OptionalInt uploaded = uploads.latestVersionAt(parsed.id(), openedAt);
        if (here.isEmpty() && uploaded.isEmpty()) {
            log.warn(
                    "fiscal year opened with rubric {}, unknown here: not pinned, scored with its latest version",
                    named);
            return new RubricPin(parsed.id(), null);
        }
        return new RubricPin(parsed.id(), Math.max(here.orElse(0), uploaded.orElse(0)));
    }

    public String defaultRubric() {
        return defaultRubric;
    }

    public List<Rubric> all() {
        refreshUploads();
        List<Rubric> all = new ArrayList<>(byIdAndVersion.values());
        all.sort(Comparator.comparing(Rubric::id).thenComparing(Rubric::version));
        return all;
    }

    private static Rubric withSource(Rubric r, String source) {
        return new Rubric(
                r.id(),
                r.version(),
                r.name(),
                r.maxPoints(),
                r.timeProgressCurve(),
                r.grades(),
                r.parts(),
                r.assumptions(),
                source);
    }
}
