package io.budgetmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** What is remembered (successes, and whether a hash needs re-encoding) and what never is (failures). */
class RememberedPasswordMatchesTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

    @Test
    void aSuccessIsRememberedPerHashAndPasswordAndAFailureNever() {
        CountingEncoder counting = new CountingEncoder(bcrypt);
        RememberedPasswordMatches encoder = new RememberedPasswordMatches(counting);
        String hash = bcrypt.encode("right");

        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(counting.checks.get()).isEqualTo(1);

        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(counting.checks.get()).isEqualTo(3);

        // another hash of the same password (a changed password, a restart's new salt) is checked afresh
        assertThat(encoder.matches("right", bcrypt.encode("right"))).isTrue();
        assertThat(counting.checks.get()).isEqualTo(4);
        assertThat(encoder.matches(null, hash)).isFalse();
    }

    @Test
    void whetherAHashNeedsReEncodingIsTheSlowEncodersAnswerAskedOncePerHash() {
        CountingEncoder counting = new CountingEncoder(new BCryptPasswordEncoder(10));
        RememberedPasswordMatches encoder = new RememberedPasswordMatches(counting);
        String weak = bcrypt.encode("x");
        String strong = new BCryptPasswordEncoder(10).encode("x");

        assertThat(encoder.upgradeEncoding(weak)).isTrue();
        assertThat(encoder.upgradeEncoding(weak)).isTrue();
        assertThat(encoder.upgradeEncoding(strong)).isFalse();
        assertThat(encoder.upgradeEncoding(strong)).isFalse();
        assertThat(counting.upgrades.get()).isEqualTo(2);
    }

    @Test
    void theRememberedKeyIsADigestOfHashAndPasswordNotThePassword() {
        String key = RememberedPasswordMatches.digest("$2a$04$hash", "secret-password");
        assertThat(key).hasSize(64).doesNotContain("secret-password");
        assertThat(RememberedPasswordMatches.digest("$2a$04$hash", "secret-password"))
                .isEqualTo(key);
        assertThat(RememberedPasswordMatches.digest("$2a$04$other", "secret-password"))
                .isNotEqualTo(key);
    }

    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        private final AtomicInteger checks = new AtomicInteger();
        private final AtomicInteger upgrades = new AtomicInteger();

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return delegate.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            upgrades.incrementAndGet();
            return delegate.upgradeEncoding(encoded);
        }
    }
}
