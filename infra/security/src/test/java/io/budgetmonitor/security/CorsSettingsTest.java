package io.budgetmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS is off unless origins are named, and only exact origins are: credentials travel with it. */
class CorsSettingsTest {

    @Test
    void noOriginsMeansNoCors() {
        assertThat(new CorsSettings(null).enabled()).isFalse();
        assertThat(new CorsSettings(List.of(" ", "")).enabled()).isFalse();
        assertThat(new CorsSettings(List.of(" https://dashboard.example ")).allowedOrigins())
                .containsExactly("https://dashboard.example");
    }

    @Test
    void aWildcardIsRefused() {
        assertThatThrownBy(() -> new CorsSettings(List.of("*"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorsSettings(List.of("https://*.example.gov.cn")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
