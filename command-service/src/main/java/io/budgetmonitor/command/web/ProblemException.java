package io.budgetmonitor.command.web;

import org.springframework.http.ProblemDetail;

/** A ready-made problem to answer with (e.g. an Idempotency-Key reused for another request). */
public class ProblemException extends RuntimeException {

    private final transient ProblemDetail problem;

    public ProblemException(ProblemDetail problem) {
        super(problem.getDetail());
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }
}
