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
 * Free text of a command (名称, 收款人, 用途, 理由): one line, at most {@link #max()} characters (code
 * points), no control characters and no lone surrogate halves. A control character is never part of
 * a payee or a purpose, and a NUL or a lone surrogate cannot even be stored or written as JSON; a
 * bound on length keeps one field from being a megabyte of every event, report and alert that
 * quotes it. Null is left to {@code @NotBlank}/{@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    /** Names: of a line, a department, a payee, an evaluator, a unit, a qualitative target. */
    int NAME = 200;
    /** Descriptions: the purpose of a payment, the reason of an adjustment, transfer, reversal or assessment. */
    int DESCRIPTION = 1000;

    int max();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {

        private int max;

        @Override
        public void initialize(PlainText annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = problemOf(value, max);
            if (problem != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(
                                problem.replace("{", "\\{").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }
            return true;
        }

        /** Why {@code value} is not plain text of at most {@code max} characters, or null if it is. */
        public static String problemOf(String value, int max) {
            // a UTF-16 length within max is within max code points; beyond 2·max it cannot be
            if (value.length() > 2L * max || value.length() > max && value.codePointCount(0, value.length()) > max) {
                return "is longer than " + max + " characters";
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c)) {
                    return "contains a control character (U+%04X) at position %d".formatted((int) c, i + 1);
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "contains an unpaired surrogate (U+%04X) at position %d".formatted((int) c, i + 1);
                }
            }
            return null;
        }
    }
}
