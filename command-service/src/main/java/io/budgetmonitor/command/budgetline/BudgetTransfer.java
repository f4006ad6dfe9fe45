package io.budgetmonitor.command.budgetline;

import io.budgetmonitor.api.commands.TransferBudget;
import io.budgetmonitor.api.values.BudgetLineId;
import io.budgetmonitor.command.fiscalyear.FiscalYearRegister;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * 调剂: moves budget from one line of a department-year to another. Two aggregates change, so no
 * single line can decide it; this handler loads both lines in the command's unit of work, so
 * {@code BudgetTransferredOut} and {@code BudgetTransferredIn} are stored in one transaction or not
 * at all. Returns the generated transfer id, which both events carry.
 */
@Component
public class BudgetTransfer {

    private final Repository<BudgetLine> budgetLines;

    public BudgetTransfer(Repository<BudgetLine> budgetLines) {
        this.budgetLines = budgetLines;
    }

    @CommandHandler
    public String handle(TransferBudget command, FiscalYearRegister fiscalYears) {
        if (command.fromLine().equals(command.toLine())) {
            throw CommandRefusedException.unprocessable(
                    "Transfer within one line", "A transfer needs two different lines; both are " + command.from());
        }
        // Lock both lines in one global order, so that two opposite transfers running at the same
        // time wait for each other instead of deadlocking.
        Map<BudgetLineId, Aggregate<BudgetLine>> lines = new HashMap<>();
        Stream.of(command.from(), command.to())
                .sorted(Comparator.comparing(BudgetLineId::toString))
                .forEach(lineId -> lines.put(lineId, load(lineId)));
        Aggregate<BudgetLine> from = lines.get(command.from());
        Aggregate<BudgetLine> to = lines.get(command.to());
        // the same time-ordered identifiers as every message id (TimeOrderedIdentifiers), not one SecureRandom
        String transferId = IdentifierFactory.getInstance().generateIdentifier();
        from.execute(line -> line.transferOut(command, transferId, fiscalYears));
        to.execute(line -> line.transferIn(command, transferId, fiscalYears));
        return transferId;
    }

    private Aggregate<BudgetLine> load(BudgetLineId lineId) {
        try {
            return budgetLines.load(lineId.toString());
        } catch (AggregateNotFoundException e) {
            throw new CommandRefusedException(
                    404,
                    "Budget line not found",
                    "Budget line %s does not exist".formatted(lineId),
                    Map.of("line", lineId.toString()));
        }
    }
}
