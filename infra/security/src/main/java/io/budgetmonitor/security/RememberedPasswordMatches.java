package io.budgetmonitor.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt, with successful checks remembered. HTTP Basic sends the password on every request, and a
 * bcrypt check costs tens of milliseconds by design: paid per request it would cap a payment clerk's
 * throughput at a few dozen requests per second per core. A success is remembered as the SHA-256 of
 * the stored hash and the password (never the password), so a changed password or hash misses.
 * Failures are never remembered: a guess always pays the full price. Whether a stored hash needs
 * re-encoding depends on the hash alone (Spring asks after every successful authentication, and
 * bcrypt answers with a regular expression), so that answer is remembered per hash.
 */
final class RememberedPasswordMatches implements PasswordEncoder {

    private static final int MAX_REMEMBERED = 10_000;

    private final PasswordEncoder slow;
    private final Set<String> remembered = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> upgrades = new ConcurrentHashMap<>();

    RememberedPasswordMatches(PasswordEncoder slow) {
        this.slow = slow;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return slow.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String key = digest(encodedPassword, rawPassword);
        if (remembered.contains(key)) {
            return true;
        }
        boolean matches = slow.matches(rawPassword, encodedPassword);
        if (matches) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.add(key);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        if (encodedPassword == null) {
            return slow.upgradeEncoding(null);
        }
        if (upgrades.size() >= MAX_REMEMBERED) {
            upgrades.clear();
        }
        return upgrades.computeIfAbsent(encodedPassword, slow::upgradeEncoding);
    }

    static String digest(String encoded, CharSequence raw) {
        MessageDigest sha256 = newSha256();
        sha256.update(encoded.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(raw.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** A copy of one instance: {@code MessageDigest.getInstance} searches the security providers every time. */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return sha256();
        }
    }

    private static final MessageDigest SHA_256 = sha256();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
