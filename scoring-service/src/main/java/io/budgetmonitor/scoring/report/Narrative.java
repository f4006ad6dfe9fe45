package io.budgetmonitor.scoring.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * 三、存在的主要问题 and 四、下一步改进措施 of one evaluation's report, as every format prints them.
 *
 * @param version  0 while the text is the draft from the findings; 1, 2 … for each edit
 * @param editedBy the principal who made this version (null for the draft)
 * @param editedAt when (null for the draft)
 */
public record Narrative(
        UUID evaluation, String problems, String measures, int version, String editedBy, Instant editedAt) {

    @JsonProperty("drafted")
    public boolean drafted() {
        return version == 0;
    }
}
