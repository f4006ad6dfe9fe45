package io.budgetmonitor.command.refusal;

import java.util.Map;

/**
 * A command the domain refuses (an invariant would break). Nothing is stored. The web layer turns
 * it into an RFC 9457 problem with {@link #status()}, {@link #title()}, the message as detail and
 * {@link #properties()} as extension members (e.g. {@code available}).
 */
public class CommandRefusedException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> properties;

    public CommandRefusedException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public CommandRefusedException(int status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    /** 404: the line, fiscal year or voucher referred to does not exist. */
    public static CommandRefusedException notFound(String title, String detail) {
        return new CommandRefusedException(404, title, detail);
    }

    /** 409: the request conflicts with the recorded facts (closed year, spent money, duplicate…). */
    public static CommandRefusedException conflict(String title, String detail) {
        return new CommandRefusedException(409, title, detail);
    }

    /** 422: well-formed but meaningless for the domain (a target for a qualitative KPI…). */
    public static CommandRefusedException unprocessable(String title, String detail) {
        return new CommandRefusedException(422, title, detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
