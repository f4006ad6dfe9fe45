package io.budgetmonitor.stack;

/**
 * A stand-in for a service JVM in {@link SupervisorTest}: started the way the supervisor starts a
 * service, it prints a line and then exits with 3 ({@code -Dstand-in=exit}, the default) or runs until
 * it is stopped ({@code -Dstand-in=run}).
 */
public final class StandInService {

    private StandInService() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("stand-in started with " + String.join(" ", args));
        if ("run".equals(System.getProperty("stand-in"))) {
            Thread.sleep(Long.MAX_VALUE);
        }
        System.out.println("stand-in failing: no database");
        System.exit(3);
    }
}
