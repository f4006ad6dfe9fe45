package io.budgetmonitor.scoring.web;

/** A well-formed request that names something unusable (e.g. an unknown rubric) → 422 problem+json. */
public class UnprocessableException extends RuntimeException {

    private final String field;

    public UnprocessableException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The problem's title. */
    public String title() {
        return "Cannot evaluate";
    }
}
