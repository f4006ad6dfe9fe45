package io.budgetmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OnBehalfOfTest {

    @Test
    void rawUtf8BytesReadAsLatin1AreRecovered() {
        String asTomcatReadsIt = new String("财务室".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(OnBehalfOf.fromHeaders(asTomcatReadsIt, null)).hasValue("财务室");
    }

    @Test
    void percentEncodedAndRfc8187FormsAreDecoded() {
        assertThat(OnBehalfOf.fromHeaders("%E8%B4%A2%E5%8A%A1%E5%AE%A4", null)).hasValue("财务室");
        assertThat(OnBehalfOf.fromHeaders("ignored", "UTF-8''%E8%B4%A2%E5%8A%A1%E5%AE%A4"))
                .hasValue("财务室");
        assertThat(OnBehalfOf.fromHeaders("mallory", null)).hasValue("mallory");
        assertThat(OnBehalfOf.fromHeaders("  ", null)).isEmpty();
        assertThat(OnBehalfOf.fromHeaders(null, null)).isEmpty();
    }

    @Test
    void notUtf8TooLongOrControlCharactersAreRefused() {
        assertThatThrownBy(() -> OnBehalfOf.fromHeaders("%FF%FE", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OnBehalfOf.fromHeaders("x".repeat(101), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OnBehalfOf.fromHeaders("a%0Ab", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OnBehalfOf.fromHeaders(null, "ISO-8859-1''abc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OnBehalfOf.fromHeaders("%E8%B4", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
