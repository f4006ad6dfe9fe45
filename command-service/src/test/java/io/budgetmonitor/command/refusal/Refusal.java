package io.budgetmonitor.command.refusal;

import java.util.Map;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link CommandRefusedException} by status and title, and optionally some properties. */
public final class Refusal extends TypeSafeMatcher<CommandRefusedException> {

    private final int status;
    private final String title;
    private final Map<String, Object> properties;

    private Refusal(int status, String title, Map<String, Object> properties) {
        this.status = status;
        this.title = title;
        this.properties = properties;
    }

    public static Matcher<CommandRefusedException> refused(int status, String title) {
        return new Refusal(status, title, Map.of());
    }

    public static Matcher<CommandRefusedException> refused(int status, String title, Map<String, Object> properties) {
        return new Refusal(status, title, properties);
    }

    @Override
    protected boolean matchesSafely(CommandRefusedException refusal) {
        return refusal.status() == status
                && refusal.title().equals(title)
                && properties.entrySet().stream()
                        .allMatch(p -> Objects.equals(refusal.properties().get(p.getKey()), p.getValue()));
    }

    @Override
    public void describeTo(Description description) {
        description.appendText(
                "refusal " + status + " \"" + title + "\"" + (properties.isEmpty() ? "" : " with " + properties));
    }

    @Override
    protected void describeMismatchSafely(CommandRefusedException refusal, Description description) {
        description.appendText("was " + refusal.status() + " \"" + refusal.title() + "\" " + refusal.properties() + ": "
                + refusal.getMessage());
    }
}
