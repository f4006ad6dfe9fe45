package io.budgetmonitor.command.input;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Money;
import jakarta.validation.ConstraintViolation;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what Jackson and Bean Validation say about bad input into field-level messages a finance
 * clerk can act on: which field, what was wrong, what is allowed.
 */
public final class InputErrors {

    public static final String INVALID_TITLE = "Invalid request";
    public static final String MALFORMED_TITLE = "Malformed JSON";

    private static final List<String> COMMAND_TYPES = Arrays.stream(
                    BudgetCommand.class.getAnnotation(JsonSubTypes.class).value())
            .map(JsonSubTypes.Type::name)
            .toList();

    private InputErrors() {}

    /** For a body that did not parse; {@code failure} is (or wraps) a Jackson exception. */
    public static InvalidInputException unreadable(Throwable failure) {
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json == null) {
            String detail =
                    failure.getMessage() != null && failure.getMessage().startsWith("Required request body is missing")
                            ? "the request body is missing"
                            : "the request body cannot be read";
            return new InvalidInputException(INVALID_TITLE, detail, List.of());
        }
        if (!(json instanceof JsonMappingException mapping)) {
            String where = json.getLocation() == null
                    ? ""
                    : " at line " + json.getLocation().getLineNr() + ", column "
                            + json.getLocation().getColumnNr();
            return new InvalidInputException(
                    MALFORMED_TITLE,
                    "the body is not valid JSON" + where + ": " + shortened(json.getOriginalMessage()),
                    List.of());
        }
        FieldError error = fieldError(mapping);
        return new InvalidInputException(INVALID_TITLE, error.field() + ": " + error.message(), List.of(error));
    }

    public static InvalidInputException violations(Set<? extends ConstraintViolation<?>> violations) {
        List<FieldError> errors = violations.stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new InvalidInputException(INVALID_TITLE, detail, errors);
    }

    static FieldError fieldError(JsonMappingException mapping) {
        String field = path(mapping);
        if (mapping instanceof InvalidTypeIdException typeId) {
            String message = typeId.getTypeId() == null
                    ? "is missing; one of " + COMMAND_TYPES
                    : "'" + BoundedDecimal.abbreviated(typeId.getTypeId()) + "' is not a command type; one of "
                            + COMMAND_TYPES;
            return new FieldError(field.isEmpty() ? "type" : field, message);
        }
        if (mapping instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (Money.class.equals(target) || java.math.BigDecimal.class.equals(target)) {
                // BoundedDecimal's own words: exponent form, too many digits or decimals
                return new FieldError(field, format.getOriginalMessage());
            }
            String value = BoundedDecimal.abbreviated(String.valueOf(format.getValue()));
            if (target != null && target.isEnum()) {
                String allowed = Arrays.stream(target.getEnumConstants())
                        .map(Object::toString)
                        .collect(Collectors.joining(", ", "[", "]"));
                return new FieldError(field, "'" + value + "' is not one of " + allowed);
            }
            if (target != null && LocalDate.class.equals(target)) {
                return new FieldError(field, "'" + value + "' is not a valid date (ISO-8601, e.g. 2021-06-30)");
            }
            if (target != null && Temporal.class.isAssignableFrom(target)) {
                return new FieldError(field, "'" + value + "' is not a valid ISO-8601 " + target.getSimpleName());
            }
            return new FieldError(field, "'" + value + "' is not a valid " + describe(target));
        }
        if (mapping instanceof ValueInstantiationException instantiation) {
            Throwable root = instantiation.getCause() != null ? instantiation.getCause() : instantiation;
            return new FieldError(field, root.getMessage());
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            if (Money.class.equals(target)) {
                return new FieldError(field, "must be an amount of yuan as a decimal string, e.g. \"1000.00\"");
            }
            return new FieldError(field, "must be " + describe(target));
        }
        Throwable cause = mapping.getCause();
        return new FieldError(
                field, cause != null && cause.getMessage() != null ? cause.getMessage() : mapping.getOriginalMessage());
    }

    /** Jackson quotes the offending token; a refusal quotes no more than a line of it. */
    private static String shortened(String message) {
        return message == null || message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "a value of the right type";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            return "a number";
        }
        if (Boolean.class.equals(target) || boolean.class.equals(target)) {
            return "true or false";
        }
        if (String.class.equals(target)) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(target)) {
            return "an object";
        }
        return "a valid " + target.getSimpleName();
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
