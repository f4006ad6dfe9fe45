package io.budgetmonitor.command.web;

import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.imports.ImportReport;
import io.budgetmonitor.command.imports.LedgerImporter;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Bulk import of a ledger (批量导入): a finance system's export, demo data, a benchmark load. */
@RestController
@Tag(name = "imports", description = "NDJSON ledger import (API.md §1 and §2)")
public class ImportResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String PATH = "/api/v1/imports";

    private final LedgerImporter importer;

    public ImportResource(LedgerImporter importer) {
        this.importer = importer;
    }

    /**
     * Reads the request body line by line as it arrives (never the whole body at once, no line beyond
     * its limit), so an import of any size runs in constant memory.
     */
    @Operation(
            summary = "Import an NDJSON ledger: one command per line, applied in order",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description =
                                    "one command per line, e.g. {\"type\":\"RecordDisbursement\",\"department\":\"BY-SJ\",...}",
                            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string"))))
    @ApiResponse(
            responseCode = "200",
            description =
                    "every line applied or reported: accepted, duplicates (re-sent vouchers), "
                            + "rejected (line, status, title, detail), position after the last applied line. Each line is authorized like "
                            + "its command's route: 403 when the caller's roles do not allow it, 404 for a department outside its scope",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportReport.class)))
    @PostMapping(path = PATH, consumes = NDJSON, produces = "application/json")
    public ImportReport importLedger(
            HttpServletRequest request,
            @Parameter(hidden = true) RequestMetadata metadata,
            @Parameter(hidden = true) Caller caller,
            @Parameter(
                            description = "makes the import safe to send again whole: lines an earlier "
                                    + "import with this key stored are skipped (reported as duplicates)")
                    @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey)
            throws IOException {
        Optional<String> importKey =
                Optional.ofNullable(idempotencyKey).map(String::strip).filter(k -> !k.isEmpty());
        try (InputStream body = request.getInputStream()) {
            return importer.run(body, metadata, caller, importKey);
        }
    }
}
