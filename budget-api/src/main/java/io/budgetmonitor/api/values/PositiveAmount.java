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

/** A {@link Money} amount that must be greater than zero (null is left to {@code @NotNull}). */
@Documented
@Constraint(validatedBy = PositiveAmount.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveAmount {

    String message() default "must be a positive amount of yuan";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PositiveAmount, Money> {
        @Override
        public boolean isValid(Money value, ConstraintValidatorContext context) {
            return value == null || value.isPositive();
        }
    }
}
