package io.budgetmonitor.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.budgetmonitor.api.commands.BudgetCommand;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * What makes two requests "the same" under one idempotency key: the command they carry, not its
 * JSON's spacing or field order (SHA-256 of the command re-serialized with sorted keys).
 */
@Component
public class CommandFingerprint {

    private final ObjectMapper canonical;

    public CommandFingerprint(ObjectMapper mapper) {
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public String of(BudgetCommand command) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(command));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(
                    "cannot fingerprint " + command.getClass().getSimpleName(), e);
        }
    }
}
