package io.budgetmonitor.scoring.rubric;

/** A rubric file that cannot be used; the message names the file and the bad field. */
public class InvalidRubricException extends RuntimeException {

    private final String field;

    public InvalidRubricException(String source, String field, String problem) {
        super("rubric " + source + ": " + field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
