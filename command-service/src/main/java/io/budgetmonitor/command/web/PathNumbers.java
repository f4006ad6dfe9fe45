package io.budgetmonitor.command.web;

import io.budgetmonitor.api.values.BoundedDecimal;
import java.beans.PropertyEditorSupport;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Years and quarters in paths are plain decimal digits. Spring's default number conversion falls
 * back to {@code Integer.decode}, which takes {@code 0x7E5} or {@code #7E5} for 2021: a payment
 * posted under a path nobody wrote. A custom editor is consulted before any fallback.
 */
@ControllerAdvice
public class PathNumbers {

    @InitBinder
    void strictIntegers(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new Digits());
        binder.registerCustomEditor(Integer.class, new Digits());
    }

    private static final class Digits extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            if (text == null
                    || text.isEmpty()
                    || text.length() > 9
                    || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(
                        "'" + BoundedDecimal.abbreviated(text) + "' is not a number of at most 9 digits");
            }
            setValue(Integer.valueOf(text));
        }
    }
}
