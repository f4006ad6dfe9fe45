package io.budgetmonitor.command.web;

import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems for what the domain says (拒绝): one place, used by the REST resources, the
 * idempotency store (which keeps refusals as responses) and the NDJSON import (which reports them per line).
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(int status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        problem.setDetail(detail);
        return problem;
    }

    public static ProblemDetail refused(CommandRefusedException refusal) {
        ProblemDetail problem = of(refusal.status(), refusal.title(), refusal.getMessage());
        refusal.properties().forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail invalid(InvalidInputException invalid) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST.value(), invalid.title(), invalid.getMessage());
        problem.setProperty("errors", invalid.errors());
        return problem;
    }

    /**
     * The problem for a command that failed for a reason the client can act on (refusal, unknown or
     * existing aggregate, a race lost after every retry); empty for failures of the service itself.
     */
    public static Optional<ProblemDetail> forCommandFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandRefusedException refusal) {
                return Optional.of(refused(refusal));
            }
            if (t instanceof InvalidInputException invalid) {
                return Optional.of(invalid(invalid));
            }
            if (t instanceof AggregateNotFoundException notFound) {
                return Optional.of(of(
                        404,
                        "Not found",
                        "nothing is recorded under " + notFound.getAggregateIdentifier()
                                + ": open the fiscal year or allocate the line first"));
            }
            if (t instanceof AggregateStreamCreationException) {
                return Optional.of(
                        of(409, "Already exists", "this fiscal year or budget line has already been created"));
            }
            if (t instanceof ConcurrencyException || t instanceof DuplicateKeyException) {
                return Optional.of(of(
                        409,
                        "Concurrent modification",
                        "another request changed the same records at the same time; send the request again"));
            }
        }
        return Optional.empty();
    }
}
