package io.budgetmonitor.command.fiscalyear;

import io.budgetmonitor.api.rubric.RubricCodebook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The codebooks of the rubrics a year can be opened under: the rubric files shipped in budget-api
 * ({@code rubrics/*.yaml}, the same files scoring-service scores with) plus every {@code *.yaml} in
 * {@code budget.rubrics.directory}. A rubric with several versions answers with its highest one.
 * Read once at start-up; a file that is not a rubric stops the service.
 */
@Component
public class RubricCodebooks {

    private final Map<String, RubricCodebook> latest;

    @Autowired
    public RubricCodebooks(@Value("${budget.rubrics.directory:}") String directory) {
        this(read(directory));
    }

    public RubricCodebooks(List<RubricCodebook> codebooks) {
        Map<String, RubricCodebook> byId = new TreeMap<>();
        for (RubricCodebook codebook : codebooks) {
            byId.merge(codebook.rubric(), codebook, (a, b) -> a.version() >= b.version() ? a : b);
        }
        this.latest = Map.copyOf(byId);
    }

    /** The shipped rubrics only (tests). */
    public static RubricCodebooks shipped() {
        return new RubricCodebooks("");
    }

    public Optional<RubricCodebook> find(String rubric) {
        return Optional.ofNullable(rubric).map(latest::get);
    }

    /** The rubric ids known here, sorted, for messages. */
    public List<String> known() {
        return latest.keySet().stream().sorted(Comparator.naturalOrder()).toList();
    }

    private static List<RubricCodebook> read(String directory) {
        List<RubricCodebook> codebooks = new ArrayList<>();
        try {
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:rubrics/*.yaml")) {
                try (InputStream in = resource.getInputStream()) {
                    codebooks.add(RubricCodebook.read(in.readAllBytes(), resource.getFilename()));
                }
            }
            if (directory != null && !directory.isBlank()) {
                try (Stream<Path> files = Files.list(Path.of(directory))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                                    || f.toString().endsWith(".yml"))
                            .sorted()
                            .toList()) {
                        codebooks.add(RubricCodebook.read(Files.readAllBytes(file), file.toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rubric files", e);
        }
        return codebooks;
    }
}
