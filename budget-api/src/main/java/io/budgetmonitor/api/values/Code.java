package io.budgetmonitor.api.values;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A code (编码): department, budget line, voucher number (凭证号), KPI, rubric, indicator. Letters
 * (any script) and digits, with {@code - _ .} inside, at most {@value #MAX} characters. Codes make up
 * aggregate ids ({@code BY-SJ:2021:GP-PUB-01}), Kafka keys and URL paths, so {@code :}, {@code /},
 * spaces and anything invisible are refused. Null is left to {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = Code.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface Code {

    int MAX = 64;

    String message() default "must be a code of at most " + MAX + " letters and digits, with - _ . inside";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Code, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isEmpty() || isCode(value);
        }

        public static boolean isCode(String value) {
            if (value.length() > MAX) {
                return false;
            }
            for (int i = 0; i < value.length(); ) {
                int c = value.codePointAt(i);
                boolean edge = i == 0 || i + Character.charCount(c) == value.length();
                if (!Character.isLetterOrDigit(c) && (edge || c != '-' && c != '_' && c != '.')) {
                    return false;
                }
                i += Character.charCount(c);
            }
            return true;
        }
    }
}
