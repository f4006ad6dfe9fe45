package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLoaderTest {

    @TempDir
    Path dataDir;

    @Test
    void aScenarioIsAboutTheFirstDepartmentYearItsLinesName() {
        String scenario = """

                not json
                {"type":"OpenFiscalYear","department":"TH-XC","fiscalYear":2023,"departmentName":"新村","occurredOn":"2023-01-01"}
                {"type":"OpenFiscalYear","department":"BY-SJ","fiscalYear":2021,"departmentName":"石井","occurredOn":"2021-01-01"}
                """;

        assertThat(DemoLoader.firstDepartmentYear(
                        () -> new ByteArrayInputStream(scenario.getBytes(StandardCharsets.UTF_8))))
                .contains(new DemoLoader.DepartmentYear("TH-XC", 2023));
    }

    @Test
    void theDemoShippedWithTheStackIsShijing2021() {
        assertThat(DemoLoader.firstDepartmentYear(() -> LocalStack.class.getResourceAsStream(DemoLoader.DEMO_RESOURCE)))
                .contains(new DemoLoader.DepartmentYear("BY-SJ", 2021));
    }

    @Test
    void aDataDirectoryWithoutAScenarioHasNoDepartmentYear() {
        assertThat(new DemoLoader(dataDir).loadedDepartmentYear()).isEmpty();
    }

    @Test
    void aMarkerWrittenBeforeDepartmentsWereRecordedIsTheDemos() throws IOException {
        Files.writeString(dataDir.resolve("scenario-loaded.json"), "{\"accepted\":4760}");

        assertThat(new DemoLoader(dataDir).loadedDepartmentYear())
                .contains(new DemoLoader.DepartmentYear("BY-SJ", 2021));
    }
}
