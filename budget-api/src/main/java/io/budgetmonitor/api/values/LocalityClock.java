package io.budgetmonitor.api.values;

import java.time.Clock;
import java.time.ZoneId;

/**
 * 属地时区: the locality's notion of "today", shared by query-service (序时进度 and the monitor's
 * evaluation date) and scoring-service (the monitoring report's and the projection's default date).
 * Both read the same property ({@link #ZONE_PROPERTY}, default {@link #DEFAULT_ZONE}) through this
 * one function, so the two readers never disagree about which day it is: at 01:00 on 1 April in
 * Shanghai the first quarter is over, although UTC still says 31 March. Instants are unaffected.
 */
public final class LocalityClock {

    public static final String ZONE_PROPERTY = "budget.monitoring.zone";
    public static final String DEFAULT_ZONE = "Asia/Shanghai";

    private LocalityClock() {}

    /** The system clock read in {@code zone} (blank: the default zone). */
    public static Clock system(String zone) {
        return of(Clock.systemUTC(), zone);
    }

    /** {@code base} read in the locality's zone: same instants, local dates. */
    public static Clock of(Clock base, String zone) {
        return base.withZone(ZoneId.of(zone == null || zone.isBlank() ? DEFAULT_ZONE : zone.strip()));
    }
}
