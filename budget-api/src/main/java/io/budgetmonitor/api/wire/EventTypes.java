package io.budgetmonitor.api.wire;

import io.budgetmonitor.api.events.BudgetEvent;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names events travel under: {@code io.budgetmonitor.<EventName>.v<version>}. Derived from the
 * sealed hierarchy, so adding an event record to it is all it takes to put it on the wire.
 */
public final class EventTypes {

    public static final String PREFIX = "io.budgetmonitor.";
    /** Current schema version of every event; bump one with an upcaster for the old shape. */
    public static final int CURRENT_VERSION = 1;

    private static final Map<String, Class<? extends BudgetEvent>> BY_NAME = scan();

    private EventTypes() {}

    public static String typeOf(Class<? extends BudgetEvent> eventClass) {
        return PREFIX + eventClass.getSimpleName() + ".v" + CURRENT_VERSION;
    }

    public static String nameOf(String type) {
        String withoutPrefix = type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
        int version = withoutPrefix.lastIndexOf(".v");
        return version < 0 ? withoutPrefix : withoutPrefix.substring(0, version);
    }

    /** The event class for a CloudEvents type, or empty when this reader does not know it. */
    public static Optional<Class<? extends BudgetEvent>> classOf(String type) {
        return Optional.ofNullable(BY_NAME.get(nameOf(type)));
    }

    /** Every event name, by simple class name. */
    public static Map<String, Class<? extends BudgetEvent>> all() {
        return BY_NAME;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends BudgetEvent>> scan() {
        Map<String, Class<? extends BudgetEvent>> byName = new LinkedHashMap<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.push(BudgetEvent.class);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (type.isRecord()) {
                byName.put(type.getSimpleName(), (Class<? extends BudgetEvent>) type);
            } else if (type.getPermittedSubclasses() != null) {
                for (Class<?> sub : type.getPermittedSubclasses()) {
                    pending.push(sub);
                }
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
