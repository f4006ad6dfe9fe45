package io.budgetmonitor.api.commands;

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
 * A command's {@code occurredOn} lies in its fiscal year's {@link BookingPeriod}: a payment dated
 * 0000-01-01 in fiscal year 2022 is a typing error, and would count in no quarter. Missing values are
 * left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = DatedInBookingPeriod.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DatedInBookingPeriod {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DatedInBookingPeriod, BudgetCommand> {

        @Override
        public boolean isValid(BudgetCommand command, ConstraintValidatorContext context) {
            if (command == null
                    || command.fiscalYear() == null
                    || command.occurredOn() == null
                    || command.fiscalYear() < 1900
                    || command.fiscalYear() > 2999) {
                return true;
            }
            BookingPeriod period = BookingPeriod.of(command);
            if (period.contains(command.occurredOn())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            "%s is outside the booking period of fiscal year %d for %s: %s to %s"
                                    .formatted(
                                            command.occurredOn(),
                                            command.fiscalYear(),
                                            command.getClass().getSimpleName(),
                                            period.first(),
                                            period.last()))
                    .addPropertyNode("occurredOn")
                    .addConstraintViolation();
            return false;
        }
    }
}
