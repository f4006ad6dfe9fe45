package io.budgetmonitor.scoring.rubric;

import java.util.OptionalInt;

/** Which rubric and version an evaluation was computed with. */
public record RubricRef(String id, int version) {

    /** A reference as written in events and requests: {@code id} or {@code id@version}. */
    public record Reference(String id, OptionalInt version) {

        /** Throws {@link IllegalArgumentException} (400) for a version that is not a positive number. */
        public static Reference parse(String reference) {
            String trimmed = reference.strip();
            int at = trimmed.indexOf('@');
            if (at < 0) {
                return new Reference(trimmed, OptionalInt.empty());
            }
            try {
                int version = Integer.parseInt(trimmed.substring(at + 1));
                if (version < 1) {
                    throw new NumberFormatException();
                }
                return new Reference(trimmed.substring(0, at), OptionalInt.of(version));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "rubric reference " + reference + ": the version after @ must be a positive number");
            }
        }
    }
}
