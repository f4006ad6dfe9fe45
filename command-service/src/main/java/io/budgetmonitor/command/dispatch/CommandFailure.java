package io.budgetmonitor.command.dispatch;

import io.budgetmonitor.command.input.InvalidInputException;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;

/**
 * What a failed command tells the one who sent it (拒绝): a status, a title, a detail and extension members
 * ({@code available}, {@code errors}). One reading for every entry: the REST resources and the idempotency
 * store get it as an RFC 9457 problem ({@code web.Problems}), the NDJSON import as a rejected line. Kept free
 * of HTTP types so the import can report it without the web layer.
 */
public record CommandFailure(int status, String title, String detail, Map<String, Object> properties) {

    public CommandFailure(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public static CommandFailure refused(CommandRefusedException refusal) {
        return new CommandFailure(refusal.status(), refusal.title(), refusal.getMessage(), refusal.properties());
    }

    public static CommandFailure invalid(InvalidInputException invalid) {
        return new CommandFailure(400, invalid.title(), invalid.getMessage(), Map.of("errors", invalid.errors()));
    }

    /**
     * The failure of a command for a reason the client can act on (refusal, unknown or existing aggregate, a
     * race lost after every retry); empty for failures of the service itself.
     */
    public static Optional<CommandFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandRefusedException refusal) {
                return Optional.of(refused(refusal));
            }
            if (t instanceof InvalidInputException invalid) {
                return Optional.of(invalid(invalid));
            }
            if (t instanceof AggregateNotFoundException notFound) {
                return Optional.of(new CommandFailure(
                        404,
                        "Not found",
                        "nothing is recorded under " + notFound.getAggregateIdentifier()
                                + ": open the fiscal year or allocate the line first"));
            }
            if (t instanceof AggregateStreamCreationException) {
                return Optional.of(new CommandFailure(
                        409, "Already exists", "this fiscal year or budget line has already been created"));
            }
            if (t instanceof ConcurrencyException || t instanceof DuplicateKeyException) {
                return Optional.of(new CommandFailure(
                        409,
                        "Concurrent modification",
                        "another request changed the same records at the same time; send the request again"));
            }
        }
        return Optional.empty();
    }
}
