package io.budgetmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever a poison record carries, the text columns of its dead letter can hold it. */
class DeadLetterTextTest {

    @Property(tries = 200)
    void noNulReachesATextColumnAndNothingElseChanges(@ForAll String s) {
        String stored = ConsumerStore.text(s);
        assertThat(stored).doesNotContain("\u0000");
        assertThat(stored.replace("\\u0000", "\u0000")).isEqualTo(s.replace("\\u0000", "\u0000"));
        if (!s.contains("\u0000")) {
            assertThat(stored).isEqualTo(s);
        }
    }
}
