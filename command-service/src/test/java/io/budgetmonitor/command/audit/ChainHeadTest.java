package io.budgetmonitor.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainHeadTest {

    static final AggregateHead YEAR = new AggregateHead("BY-SJ:2021", 4, hash(1));
    static final AggregateHead LINE = new AggregateHead("BY-SJ:2021:GP-PUB-01", 120, hash(2));

    @Test
    void theHeadDoesNotDependOnTheOrderTheAggregatesWereRead() {
        assertThat(ChainHead.digest(List.of(YEAR, LINE))).isEqualTo(ChainHead.digest(List.of(LINE, YEAR)));
    }

    @Test
    void anotherLastHashOrALostLastEventChangesTheHead() {
        String before = ChainHead.digest(List.of(YEAR, LINE));

        assertThat(ChainHead.digest(List.of(YEAR, new AggregateHead(LINE.aggregateId(), 120, hash(3)))))
                .isNotEqualTo(before);
        assertThat(ChainHead.digest(List.of(YEAR, new AggregateHead(LINE.aggregateId(), 119, hash(2)))))
                .isNotEqualTo(before);
        assertThat(ChainHead.digest(List.of(YEAR))).isNotEqualTo(before);
    }

    @Test
    void aDepartmentYearWithoutEventsHasTheHashOfNothing() {
        ChainHead head = ChainHead.of("BY-SJ", 2030, List.of(), 0, 0, null);

        assertThat(head.head()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(head.aggregates()).isZero();
    }

    private static byte[] hash(int fill) {
        byte[] hash = new byte[EventCanonicalForm.HASH_LENGTH];
        java.util.Arrays.fill(hash, (byte) fill);
        return hash;
    }
}
