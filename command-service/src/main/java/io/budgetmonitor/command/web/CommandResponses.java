package io.budgetmonitor.command.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The OpenAPI description of the answers every command resource gives. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ApiResponses({
    @ApiResponse(
            responseCode = "201",
            description = "recorded: the events and the log position",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(implementation = CommandResponse.class))),
    @ApiResponse(
            responseCode = "400",
            description = "invalid input (field list in errors); nothing stored",
            content = @Content(mediaType = "application/problem+json")),
    @ApiResponse(
            responseCode = "404",
            description = "the fiscal year, line or voucher does not exist",
            content = @Content(mediaType = "application/problem+json")),
    @ApiResponse(
            responseCode = "409",
            description = "refused: conflicts with what is recorded",
            content = @Content(mediaType = "application/problem+json")),
    @ApiResponse(
            responseCode = "413",
            description = "request body over 64 KiB (API.md §3); nothing stored",
            content = @Content(mediaType = "application/problem+json")),
    @ApiResponse(
            responseCode = "422",
            description = "refused as meaningless, or Idempotency-Key reused for another request",
            content = @Content(mediaType = "application/problem+json"))
})
public @interface CommandResponses {}
