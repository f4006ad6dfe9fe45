package io.budgetmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HeaderEncodingTest {

    /** Whatever a client sends as UTF-8, read by the container as ISO-8859-1, comes back as sent. */
    @Property
    void anyTextSentAsUtf8IsReadBackAsSent(@ForAll String sent) {
        String asTomcatReadsIt = new String(sent.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String expected =
                new String(sent.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8); // lone surrogates become '?'
        assertThat(HeaderEncoding.asUtf8(asTomcatReadsIt)).hasValue(expected);
    }

    @Test
    void bytesThatAreNotUtf8AreLeftToTheCallersPolicy() {
        assertThat(HeaderEncoding.asUtf8("caf\u00e9")).isEmpty(); // é as one Latin-1 byte: not UTF-8
        assertThat(HeaderEncoding.asUtf8("财务室")).hasValue("财务室"); // already decoded by the container
        assertThat(HeaderEncoding.asUtf8("plain")).hasValue("plain");
    }
}
