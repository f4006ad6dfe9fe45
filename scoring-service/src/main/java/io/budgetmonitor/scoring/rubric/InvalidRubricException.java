package io.budgetmonitor.scoring.rubric;

import io.budgetmonitor.scoring.web.UnprocessableException;

/**
 * A rubric file that cannot be used; the message names the file and the bad field. A 422 like every other
 * unusable request, so the web edge needs to know nothing of rubrics (no rubric ⇄ web cycle).
 */
public class InvalidRubricException extends UnprocessableException {

    public InvalidRubricException(String source, String field, String problem) {
        super(field, "rubric " + source + ": " + field + ": " + problem);
    }

    @Override
    public String title() {
        return "Invalid rubric";
    }
}
