package io.budgetmonitor.command.budgetline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budgetmonitor.api.commands.AllocateBudget;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.TransferBudget;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.values.BudgetLineId;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.command.fiscalyear.FiscalYearRegister;
import io.budgetmonitor.command.fiscalyear.InMemoryFiscalYearRegister;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transfer changes two aggregates, which the single-aggregate {@code AggregateTestFixture} cannot
 * hold; so this test wires the real pieces the service uses (event-sourcing repository, command
 * bus, annotated handlers) on an in-memory event store, and reads back what was stored.
 */
class BudgetTransferTest {

    static final String DEPT = "BY-SJ";
    static final int YEAR = 2021;
    static final FiscalYearId FISCAL_YEAR = new FiscalYearId(DEPT, YEAR);
    static final LocalDate ON = LocalDate.of(2021, 7, 1);
    static final BudgetLineId OFFICE = FISCAL_YEAR.line("GP-PUB-01");
    static final BudgetLineId PROJECT = FISCAL_YEAR.line("GP-PRJ-02");

    private final InMemoryFiscalYearRegister fiscalYears = new InMemoryFiscalYearRegister().open(FISCAL_YEAR);
    /** Answers scripted ahead of the register, to make one side of a transfer fail after the other. */
    private final Deque<FiscalYearRegister.Status> scriptedAnswers = new ArrayDeque<>();

    private EmbeddedEventStore eventStore;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        ParameterResolverFactory resources = MultiParameterResolverFactory.ordered(
                new SimpleResourceParameterResolverFactory(List.of(scriptedOrRegistered(), new InMemoryVoucherBook())),
                ClasspathParameterResolverFactory.forClass(BudgetLine.class));
        EventSourcingRepository<BudgetLine> budgetLines = EventSourcingRepository.builder(BudgetLine.class)
                .eventStore(eventStore)
                .parameterResolverFactory(resources)
                .build();
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<BudgetLine>builder()
                .aggregateType(BudgetLine.class)
                .repository(budgetLines)
                .parameterResolverFactory(resources)
                .commandTargetResolver(command -> new VersionedAggregateIdentifier(
                        ((BudgetCommand) command.getPayload()).targetAggregateId(), null))
                .build()
                .subscribe(commandBus);
        new AnnotationCommandHandlerAdapter<>(new BudgetTransfer(budgetLines), resources).subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();

        allocate(OFFICE, "1000.00");
        allocate(PROJECT, "500.00");
    }

    private FiscalYearRegister scriptedOrRegistered() {
        return fiscalYear -> scriptedAnswers.isEmpty() ? fiscalYears.statusOf(fiscalYear) : scriptedAnswers.poll();
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    private void allocate(BudgetLineId line, String amount) {
        commands.sendAndWait(new AllocateBudget(
                DEPT,
                YEAR,
                line.line(),
                line.line(),
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PROJECT,
                null,
                true,
                Money.of(amount),
                LocalDate.of(2021, 1, 4)));
    }

    private List<Object> storedOn(BudgetLineId line) {
        return eventStore
                .readEvents(line.toString())
                .asStream()
                .map(EventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private static TransferBudget transfer(BudgetLineId from, BudgetLineId to, String amount) {
        return new TransferBudget(DEPT, YEAR, from.line(), to.line(), Money.of(amount), "年中调剂", ON);
    }

    @Test
    void movesBudgetFromOneLineToTheOtherUnderOneTransferId() {
        String transferId = commands.sendAndWait(transfer(OFFICE, PROJECT, "300.00"));

        assertThat(transferId).isNotBlank();
        assertThat(storedOn(OFFICE))
                .last()
                .isEqualTo(new BudgetTransferredOut(
                        DEPT, YEAR, OFFICE.line(), PROJECT.line(), Money.of("300.00"), "年中调剂", transferId, ON));
        assertThat(storedOn(PROJECT))
                .last()
                .isEqualTo(new BudgetTransferredIn(
                        DEPT, YEAR, PROJECT.line(), OFFICE.line(), Money.of("300.00"), "年中调剂", transferId, ON));
    }

    @Test
    void theTargetLineCanSpendWhatItReceived() {
        commands.sendAndWait(transfer(OFFICE, PROJECT, "300.00"));

        DisbursementOutcome outcome = commands.sendAndWait(new RecordDisbursement(
                DEPT, YEAR, PROJECT.line(), "V-1", Money.of("800.00"), "某施工单位", "工程款", true, ON));

        assertThat(outcome).isEqualTo(new DisbursementOutcome.Recorded("V-1", Money.of("800.00"), Money.ZERO));
    }

    @Test
    void refusesMoreThanTheSourceHasAvailableAndStoresNeitherSide() {
        assertThatThrownBy(() -> commands.sendAndWait(transfer(PROJECT, OFFICE, "500.01")))
                .isInstanceOfSatisfying(CommandRefusedException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.properties()).containsEntry("available", Money.of("500.00"));
                });

        assertThat(storedOn(PROJECT)).hasSize(1).first().isInstanceOf(BudgetAllocated.class);
        assertThat(storedOn(OFFICE)).hasSize(1).first().isInstanceOf(BudgetAllocated.class);
    }

    @Test
    void aMissingTargetLineIsNotFoundAndTheSourceKeepsItsBudget() {
        BudgetLineId missing = FISCAL_YEAR.line("NO-SUCH");

        assertThatThrownBy(() -> commands.sendAndWait(transfer(OFFICE, missing, "1.00")))
                .isInstanceOfSatisfying(CommandRefusedException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(404);
                    assertThat(refusal.properties()).containsEntry("line", missing.toString());
                });
        assertThat(storedOn(OFFICE)).hasSize(1);
    }

    @Test
    void aMissingSourceLineIsNotFound() {
        assertThatThrownBy(() -> commands.sendAndWait(transfer(FISCAL_YEAR.line("NO-SUCH"), OFFICE, "1.00")))
                .isInstanceOfSatisfying(
                        CommandRefusedException.class,
                        refusal -> assertThat(refusal.status()).isEqualTo(404));
        assertThat(storedOn(OFFICE)).hasSize(1);
    }

    @Test
    void aTransferWithinOneLineIsMeaningless() {
        assertThatThrownBy(() -> commands.sendAndWait(transfer(OFFICE, OFFICE, "1.00")))
                .isInstanceOfSatisfying(CommandRefusedException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(422);
                    assertThat(refusal.title()).isEqualTo("Transfer within one line");
                });
        assertThat(storedOn(OFFICE)).hasSize(1);
    }

    @Test
    void refusedOnAClosedYearAndStoresNeitherSide() {
        fiscalYears.close(FISCAL_YEAR);

        assertThatThrownBy(() -> commands.sendAndWait(transfer(OFFICE, PROJECT, "1.00")))
                .isInstanceOfSatisfying(CommandRefusedException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.title()).isEqualTo("Fiscal year closed");
                });
        assertThat(storedOn(OFFICE)).hasSize(1);
        assertThat(storedOn(PROJECT)).hasSize(1);
    }

    /** The source side has applied its event when the target side refuses: the unit of work drops both. */
    @Test
    void whenTheTargetSideIsRefusedTheSourceSideIsNotStoredEither() {
        scriptedAnswers.add(FiscalYearRegister.Status.OPEN);
        scriptedAnswers.add(FiscalYearRegister.Status.CLOSED);

        assertThatThrownBy(() -> commands.sendAndWait(transfer(OFFICE, PROJECT, "1.00")))
                .isInstanceOf(CommandRefusedException.class);
        assertThat(scriptedAnswers).isEmpty();
        assertThat(storedOn(OFFICE)).hasSize(1);
        assertThat(storedOn(PROJECT)).hasSize(1);
    }

    @Test
    void refusesANonPositiveAmount() {
        assertThatThrownBy(() -> commands.sendAndWait(transfer(OFFICE, PROJECT, "0.00")))
                .isInstanceOfSatisfying(
                        CommandRefusedException.class,
                        refusal -> assertThat(refusal.status()).isEqualTo(422));
        assertThat(storedOn(PROJECT)).hasSize(1);
    }
}
