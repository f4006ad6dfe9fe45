package io.budgetmonitor.command.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.budgetmonitor.api.commands.BudgetCommand;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Makes the command a resource request stands for: the body's fields plus the path's (department,
 * year, line, ...). A body may leave path values out; if it states one, it must be the path's.
 * The result is validated (Bean Validation); any failure is a 400 and nothing is sent.
 */
@Component
public class CommandBinder {

    private final ObjectMapper mapper;
    private final Validator validator;

    public CommandBinder(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public static PathValues path(String department, int year) {
        return new PathValues().with("department", department).with("fiscalYear", year);
    }

    public <T extends BudgetCommand> T bind(Class<T> type, T body, PathValues path) {
        if (body == null) {
            throw new InvalidInputException(InputErrors.INVALID_TITLE, "the request body is missing", List.of());
        }
        ObjectNode node = mapper.valueToTree(body);
        List<FieldError> mismatches = new ArrayList<>();
        path.values().forEach((field, value) -> {
            JsonNode stated = node.get(field);
            if (stated != null && !stated.isNull() && !stated.asText().equals(String.valueOf(value))) {
                mismatches.add(new FieldError(field, "is '" + stated.asText() + "' but the path says '" + value + "'"));
            }
            node.set(field, mapper.valueToTree(value));
        });
        if (!mismatches.isEmpty()) {
            throw new InvalidInputException(InputErrors.INVALID_TITLE, "the body contradicts the path", mismatches);
        }
        T command;
        try {
            command = mapper.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InputErrors.unreadable(e);
        }
        return validate(command);
    }

    public <T> T validate(T command) {
        Set<ConstraintViolation<T>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            throw InputErrors.violations(violations);
        }
        return command;
    }

    /** Path variables by the command field they fill. */
    public static final class PathValues {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public PathValues with(String field, Object value) {
            values.put(field, value);
            return this;
        }

        Map<String, Object> values() {
            return values;
        }
    }
}
