package io.budgetmonitor.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.command.dispatch.CommandDispatcher;
import io.budgetmonitor.command.dispatch.CommandDispatcher.Dispatched;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.dispatch.RetryableFailures;
import io.budgetmonitor.command.idempotency.CommandFingerprint;
import io.budgetmonitor.command.idempotency.IdempotencyStore;
import io.budgetmonitor.command.idempotency.IdempotencyStore.Reservation;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Runs a bound command for a REST resource, honouring {@code Idempotency-Key}: the same key with the
 * same request returns the stored response and stores nothing; with a different request it is a 422.
 * Refusals are stored as responses too (the same request would be refused again); failures of the
 * service release the key so the client can retry. The response is stored in the transaction of the
 * command's events, so a released key never hides stored events.
 */
@Component
public class CommandExecution {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final CommandDispatcher dispatcher;
    private final IdempotencyStore idempotency;
    private final ObjectMapper mapper;
    private final CommandFingerprint fingerprint;

    public CommandExecution(
            CommandDispatcher dispatcher,
            IdempotencyStore idempotency,
            ObjectMapper mapper,
            CommandFingerprint fingerprint) {
        this.dispatcher = dispatcher;
        this.idempotency = idempotency;
        this.mapper = mapper;
        this.fingerprint = fingerprint;
    }

    /** A command whose success is a 201 {@link CommandResponse}. */
    public ResponseEntity<?> execute(BudgetCommand command, RequestMetadata metadata, String idempotencyKey) {
        return execute(
                command,
                metadata,
                idempotencyKey,
                dispatched -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new CommandResponse(
                                command.getClass().getSimpleName(),
                                command.targetAggregateId(),
                                dispatched.recorded(),
                                dispatcher.positionAfter(dispatched),
                                metadata.recordedBy(),
                                metadata.onBehalfOf(),
                                metadata.correlationId())));
    }

    public ResponseEntity<?> execute(
            BudgetCommand command,
            RequestMetadata metadata,
            String idempotencyKey,
            Function<Dispatched, ResponseEntity<?>> respond) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return respond.apply(dispatcher.dispatch(command, metadata));
        }
        String key = idempotencyKey.strip();
        Reservation reservation = idempotency.reserve(key, fingerprint.of(command));
        if (reservation instanceof Reservation.Replay replay) {
            return ResponseEntity.status(replay.status())
                    .header(REPLAYED, "true")
                    .contentType(
                            replay.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                    .body(replay.body());
        }
        if (reservation instanceof Reservation.Mismatch) {
            throw new ProblemException(Problems.of(
                    422,
                    "Idempotency-Key reused",
                    "the Idempotency-Key '" + key
                            + "' was used for a different request; use a new key for a new request"));
        }
        if (reservation instanceof Reservation.InProgress) {
            throw new ProblemException(Problems.of(
                    409,
                    "Request in progress",
                    "a request with the Idempotency-Key '" + key + "' is still being processed; retry shortly"));
        }
        try {
            // the answer is stored in the events' transaction: a commit lost on the way back cannot leave
            // events without it, which the release below would let a retry record a second time
            return dispatcher.dispatchAtomically(command, metadata, dispatched -> {
                ResponseEntity<?> response = respond.apply(dispatched);
                idempotency.complete(key, response.getStatusCode().value(), json(response.getBody()));
                return response;
            });
        } catch (RuntimeException failure) {
            Optional<ProblemDetail> problem = Problems.forCommandFailure(failure);
            if (problem.isPresent() && !RetryableFailures.isRetryable(failure)) {
                // a refusal or a missing aggregate: the same request would get the same answer
                idempotency.complete(key, problem.get().getStatus(), json(problem.get()));
            } else {
                idempotency.release(key);
            }
            throw failure;
        }
    }

    private String json(Object body) {
        try {
            return body instanceof String s ? s : mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store response", e);
        }
    }
}
