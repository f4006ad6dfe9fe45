package io.budgetmonitor.command.web;

import io.budgetmonitor.command.dispatch.CommandFailure;
import io.budgetmonitor.command.input.InvalidInputException;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.util.Optional;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems for what the domain says (拒绝): one place, used by the REST resources and the
 * idempotency store (which keeps refusals as responses). What a failure means is {@link CommandFailure}'s
 * (shared with the NDJSON import, which reports it per line); this class only writes it as a problem.
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(int status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        problem.setDetail(detail);
        return problem;
    }

    public static ProblemDetail of(CommandFailure failure) {
        ProblemDetail problem = of(failure.status(), failure.title(), failure.detail());
        failure.properties().forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail refused(CommandRefusedException refusal) {
        return of(CommandFailure.refused(refusal));
    }

    public static ProblemDetail invalid(InvalidInputException invalid) {
        return of(CommandFailure.invalid(invalid));
    }

    /** {@link CommandFailure#of} as a problem; empty for failures of the service itself. */
    public static Optional<ProblemDetail> forCommandFailure(Throwable failure) {
        return CommandFailure.of(failure).map(Problems::of);
    }
}
