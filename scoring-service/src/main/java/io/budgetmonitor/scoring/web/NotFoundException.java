package io.budgetmonitor.scoring.web;

/** → 404 problem+json. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
