package io.budgetmonitor.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request about a department outside the caller's scope. Answered exactly like a department that
 * does not exist (404), so the answer does not reveal that it does.
 */
public class OutOfScopeException extends ErrorResponseException {

    public OutOfScopeException() {
        super(HttpStatus.NOT_FOUND, notFound(), null);
    }

    static ProblemDetail notFound() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no such resource");
        problem.setTitle("Not found");
        return problem;
    }
}
