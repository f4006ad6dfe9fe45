package io.budgetmonitor.command.web;

import io.budgetmonitor.command.input.FieldError;
import io.budgetmonitor.command.input.InputErrors;
import io.budgetmonitor.command.input.InvalidInputException;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 {@code application/problem+json}; bad input carries an {@code errors} list
 * of {@code {field, message}}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidInputException invalid) {
        return ResponseEntity.badRequest().body(Problems.invalid(invalid));
    }

    @ExceptionHandler(CommandRefusedException.class)
    public ResponseEntity<ProblemDetail> refused(CommandRefusedException refusal) {
        return ResponseEntity.status(refusal.status()).body(Problems.refused(refusal));
    }

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> problem(ProblemException problem) {
        return ResponseEntity.status(problem.problem().getStatus()).body(problem.problem());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> failure(Exception failure) {
        return Problems.forCommandFailure(failure)
                .map(problem -> ResponseEntity.status(problem.getStatus()).body(problem))
                .orElseGet(() -> {
                    log.error("request failed", failure);
                    return ResponseEntity.internalServerError()
                            .body(Problems.of(
                                    500, "Internal error", "the request could not be processed; nothing was recorded"));
                });
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputLimits.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(413)
                        .header(HttpHeaders.CONNECTION, "close")
                        .body(InputLimits.tooLarge(tooLarge.limit()));
            }
        }
        return ResponseEntity.badRequest().body(Problems.invalid(InputErrors.unreadable(ex)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest()
                .body(Problems.invalid(
                        new InvalidInputException(InputErrors.INVALID_TITLE, "some fields are invalid", errors)));
    }
}
