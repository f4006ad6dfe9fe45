package io.budgetmonitor.command.budgetline;

import static io.budgetmonitor.api.values.AdjustmentKind.REDUCTION;
import static io.budgetmonitor.api.values.AdjustmentKind.SUPPLEMENT;
import static io.budgetmonitor.command.refusal.Refusal.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.commands.AdjustBudget;
import io.budgetmonitor.api.commands.AllocateBudget;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.CarryOverFunds;
import io.budgetmonitor.api.commands.ReclaimFunds;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.ReverseDisbursement;
import io.budgetmonitor.api.commands.TransferBudget;
import io.budgetmonitor.api.events.BudgetAdjusted;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.BudgetTransferredIn;
import io.budgetmonitor.api.events.BudgetTransferredOut;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementRejected;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FundsCarriedOver;
import io.budgetmonitor.api.events.FundsReclaimed;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.command.fiscalyear.InMemoryFiscalYearRegister;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Given/when/then of every rule a budget line keeps. */
class BudgetLineAggregateTest {

    static final String DEPT = "BY-SJ";
    static final int YEAR = 2021;
    static final String LINE = "GP-PUB-01";
    static final String OTHER_LINE = "GP-PRJ-02";
    static final String ID = DEPT + ":" + YEAR + ":" + LINE;
    static final FiscalYearId FISCAL_YEAR = new FiscalYearId(DEPT, YEAR);
    static final LocalDate ON = LocalDate.of(2021, 3, 15);

    private final InMemoryFiscalYearRegister fiscalYears = new InMemoryFiscalYearRegister();
    private final InMemoryVoucherBook vouchers = new InMemoryVoucherBook();
    private FixtureConfiguration<BudgetLine> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BudgetLine.class);
        fixture.registerInjectableResource(fiscalYears);
        fixture.registerInjectableResource(vouchers);
        // what the service's "budgetCommandTargetResolver" bean does
        fixture.registerCommandTargetResolver(command ->
                new VersionedAggregateIdentifier(((BudgetCommand) command.getPayload()).targetAggregateId(), null));
        fiscalYears.open(FISCAL_YEAR);
    }

    static Money yuan(String amount) {
        return Money.of(amount);
    }

    static BudgetAllocated allocated(String amount) {
        return new BudgetAllocated(
                DEPT,
                YEAR,
                LINE,
                "公用经费",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PUBLIC_EXPENSE,
                ThreePublicCategory.NONE,
                true,
                yuan(amount),
                LocalDate.of(2021, 1, 4));
    }

    static AllocateBudget allocate(String amount) {
        return new AllocateBudget(
                DEPT,
                YEAR,
                LINE,
                "公用经费",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PUBLIC_EXPENSE,
                null,
                true,
                yuan(amount),
                LocalDate.of(2021, 1, 4));
    }

    static RecordDisbursement disburse(String voucher, String amount) {
        return new RecordDisbursement(DEPT, YEAR, LINE, voucher, yuan(amount), "某物业公司", "办公楼物业费", null, ON);
    }

    static DisbursementRecorded recorded(String voucher, String amount) {
        return new DisbursementRecorded(DEPT, YEAR, LINE, voucher, yuan(amount), "某物业公司", "办公楼物业费", false, ON);
    }

    /** A given disbursement is in the voucher book too, as the service writes both in one transaction. */
    private DisbursementRecorded posted(String voucher, String amount) {
        DisbursementRecorded recorded = recorded(voucher, amount);
        vouchers.post(recorded);
        return recorded;
    }

    /** A given reversal marks the voucher reversed in the book too. */
    private DisbursementReversed reversed(String voucher, String amount, String reason) {
        vouchers.reverse(FISCAL_YEAR, voucher);
        return new DisbursementReversed(DEPT, YEAR, LINE, voucher, yuan(amount), reason, ON);
    }

    static TransferBudget transfer(String from, String to, String amount) {
        return new TransferBudget(DEPT, YEAR, from, to, yuan(amount), "年中调剂", ON);
    }

    @Nested
    class Allocation {

        @Test
        void allocatesALineInAnOpenYear() {
            fixture.givenNoPriorActivity()
                    .when(allocate("1000.00"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(allocated("1000.00"))
                    .expectState(line -> assertThat(line.available()).isEqualTo(yuan("1000.00")));
        }

        @Test
        void refusesAYearNotOpened() {
            fixture.givenNoPriorActivity()
                    .when(new AllocateBudget(
                            DEPT,
                            2022,
                            LINE,
                            "公用经费",
                            FundSource.GENERAL_PUBLIC_BUDGET,
                            ExpenditureType.PUBLIC_EXPENSE,
                            null,
                            true,
                            yuan("1000.00"),
                            LocalDate.of(2022, 1, 4)))
                    .expectException(refused(409, "Fiscal year not open", Map.of("status", "NOT_OPENED")))
                    .expectNoEvents();
        }

        @Test
        void refusesAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.givenNoPriorActivity()
                    .when(allocate("1000.00"))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectExceptionMessage("Fiscal year BY-SJ:2021 is closed: nothing more is posted to it")
                    .expectNoEvents();
        }

        @Test
        void refusesANonPositiveAmount() {
            fixture.givenNoPriorActivity()
                    .when(allocate("0.00"))
                    .expectException(refused(422, "Amount must be positive"))
                    .expectNoEvents();
        }

        /**
         * The aggregate does nothing about it: the creation appends a second event with sequence 0.
         * The fixture's store says so with an EventStoreException; the JDBC store with an
         * AggregateStreamCreationException (duplicate key on aggregate id + sequence number).
         */
        @Test
        void allocatingAnExistingLineFailsInTheEventStore() {
            fixture.given(allocated("1000.00"))
                    .when(allocate("1000.00"))
                    .expectException(EventStoreException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Adjustment {

        @Test
        void aSupplementBeyondTheLargestAmountIsRefusedNotRecorded() {
            fixture.given(allocated("1000.00"))
                    .when(new AdjustBudget(DEPT, YEAR, LINE, SUPPLEMENT, yuan("999999999999999.99"), "追加预算", ON))
                    .expectException(refused(422, "Budget too large"))
                    .expectNoEvents();
        }

        @Test
        void supplementRaisesTheBudget() {
            fixture.given(allocated("1000.00"))
                    .when(new AdjustBudget(DEPT, YEAR, LINE, SUPPLEMENT, yuan("250.50"), "追加预算", ON))
                    .expectEvents(new BudgetAdjusted(DEPT, YEAR, LINE, SUPPLEMENT, yuan("250.50"), "追加预算", ON))
                    .expectState(line -> assertThat(line.available()).isEqualTo(yuan("1250.50")));
        }

        @Test
        void reductionDownToExactlyWhatIsAvailable() {
            fixture.given(allocated("1000.00"), posted("V-1", "600.00"))
                    .when(reduce("400.00"))
                    .expectEvents(new BudgetAdjusted(DEPT, YEAR, LINE, REDUCTION, yuan("400.00"), "追减预算", ON))
                    .expectState(line -> assertThat(line.available()).isEqualTo(Money.ZERO));
        }

        @Test
        void reductionBelowWhatIsSpentIsRefusedWithTheAvailableAmount() {
            fixture.given(allocated("1000.00"), posted("V-1", "600.00"))
                    .when(reduce("400.01"))
                    .expectException(
                            refused(409, "Reduction exceeds the available budget", Map.of("available", yuan("400.00"))))
                    .expectNoEvents();
        }

        @Test
        void reductionCountsSpendingNetOfReversals() {
            fixture.given(allocated("1000.00"), posted("V-1", "600.00"), reversed("V-1", "600.00", "错付"))
                    .when(reduce("1000.00"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new BudgetAdjusted(DEPT, YEAR, LINE, REDUCTION, yuan("1000.00"), "追减预算", ON));
        }

        @Test
        void reductionCannotTakeBackWhatWasReclaimedOrCarriedOver() {
            fixture.given(
                            allocated("1000.00"),
                            new FundsReclaimed(DEPT, YEAR, LINE, yuan("300.00"), ON),
                            new FundsCarriedOver(DEPT, YEAR, LINE, yuan("200.00"), ON))
                    .when(reduce("600.00"))
                    .expectException(
                            refused(409, "Reduction exceeds the available budget", Map.of("available", yuan("500.00"))))
                    .expectNoEvents();
        }

        @Test
        void refusesANonPositiveAmount() {
            fixture.given(allocated("1000.00"))
                    .when(reduce("-5.00"))
                    .expectException(refused(422, "Amount must be positive"))
                    .expectNoEvents();
        }

        @Test
        void refusedOnAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"))
                    .when(reduce("5.00"))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectNoEvents();
        }

        @Test
        void aLineNeverAllocatedIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(reduce("5.00"))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        private AdjustBudget reduce(String amount) {
            return new AdjustBudget(DEPT, YEAR, LINE, REDUCTION, yuan(amount), "追减预算", ON);
        }
    }

    @Nested
    class Disbursement {

        @Test
        void recordsAPaymentWithinTheAvailableAmount() {
            fixture.given(allocated("1000.00"))
                    .when(disburse("2021-000123", "18.25"))
                    .expectEvents(recorded("2021-000123", "18.25"))
                    .expectResultMessagePayload(
                            new DisbursementOutcome.Recorded("2021-000123", yuan("18.25"), yuan("981.75")));
        }

        @Test
        void recordsAPaymentOfExactlyTheAvailableAmount() {
            fixture.given(allocated("1000.00"), posted("V-1", "400.00"))
                    .when(disburse("V-2", "600.00"))
                    .expectEvents(recorded("V-2", "600.00"))
                    .expectResultMessagePayload(new DisbursementOutcome.Recorded("V-2", yuan("600.00"), Money.ZERO));
        }

        @Test
        void aPaymentBeyondTheAvailableAmountIsRejectedAndTheRejectionRecorded() {
            String reason = "Amount 600.01 exceeds the available 600.00 of line " + ID;
            fixture.given(allocated("1000.00"), posted("V-1", "400.00"))
                    .when(disburse("V-2", "600.01"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DisbursementRejected(
                            DEPT,
                            YEAR,
                            LINE,
                            "V-2",
                            yuan("600.01"),
                            yuan("600.00"),
                            "某物业公司",
                            "办公楼物业费",
                            false,
                            reason,
                            ON))
                    .expectResultMessagePayload(
                            new DisbursementOutcome.Rejected("V-2", yuan("600.01"), yuan("600.00"), reason))
                    .expectState(line -> assertThat(line.available()).isEqualTo(yuan("600.00")));
        }

        @Test
        void availableIsBudgetLessSpentReclaimedAndCarriedOver() {
            // budget 1000 + 50 in − 100 out − 50 reduced = 900; spent 600 − 100 reversed = 500;
            // reclaimed 200, carried over 100 → available 100
            fixture.given(
                            allocated("1000.00"),
                            new BudgetTransferredIn(DEPT, YEAR, LINE, OTHER_LINE, yuan("50.00"), "调入", "T-1", ON),
                            new BudgetTransferredOut(DEPT, YEAR, LINE, OTHER_LINE, yuan("100.00"), "调出", "T-2", ON),
                            new BudgetAdjusted(DEPT, YEAR, LINE, REDUCTION, yuan("50.00"), "追减", ON),
                            posted("V-1", "500.00"),
                            posted("V-2", "100.00"),
                            reversed("V-2", "100.00", "冲销"),
                            new DisbursementRejected(
                                    DEPT,
                                    YEAR,
                                    LINE,
                                    "V-3",
                                    yuan("9999.00"),
                                    yuan("400.00"),
                                    "某公司",
                                    "超额",
                                    false,
                                    "over",
                                    ON),
                            new FundsReclaimed(DEPT, YEAR, LINE, yuan("200.00"), ON),
                            new FundsCarriedOver(DEPT, YEAR, LINE, yuan("100.00"), ON))
                    .when(disburse("V-4", "100.01"))
                    .expectResultMessagePayloadMatching(
                            org.hamcrest.Matchers.instanceOf(DisbursementOutcome.Rejected.class))
                    .expectState(line -> assertThat(line.available()).isEqualTo(yuan("100.00")));
        }

        @Test
        void theSameVoucherAgainReturnsTheFirstResultAndStoresNothing() {
            fixture.given(allocated("1000.00"), posted("2021-000123", "18.25"))
                    .when(disburse("2021-000123", "18.25"))
                    .expectNoEvents()
                    .expectResultMessagePayload(
                            new DisbursementOutcome.AlreadyRecorded("2021-000123", yuan("18.25"), LINE));
        }

        @Test
        void aRetryIsAnsweredEvenAfterTheYearClosed() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"), posted("V-1", "18.25"))
                    .when(disburse("V-1", "18.25"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new DisbursementOutcome.AlreadyRecorded("V-1", yuan("18.25"), LINE));
        }

        @Test
        void aVoucherUsedForAnotherAmountIsRefused() {
            fixture.given(allocated("1000.00"), posted("V-1", "18.25"))
                    .when(disburse("V-1", "18.26"))
                    .expectException(refused(
                            409,
                            "Voucher already used",
                            Map.of("voucher", "V-1", "postedAmount", yuan("18.25"), "differences", List.of("amount"))))
                    .expectNoEvents();
        }

        @Test
        void aVoucherResentWithAnotherDateOrPayeeIsRefusedNamingTheFields() {
            RecordDisbursement changed = new RecordDisbursement(
                    DEPT, YEAR, LINE, "V-1", yuan("18.25"), "另一公司", "办公楼物业费", null, ON.plusDays(1));
            fixture.given(allocated("1000.00"), posted("V-1", "18.25"))
                    .when(changed)
                    .expectException(
                            refused(409, "Voucher already used", Map.of("differences", List.of("payee", "occurredOn"))))
                    .expectExceptionMessage(
                            "Voucher V-1 is already posted to line GP-PUB-01 for 18.25; this request differs in payee, occurredOn")
                    .expectNoEvents();
        }

        @Test
        void aVoucherUsedOnAnotherLineIsRefused() {
            vouchers.post(FISCAL_YEAR, "V-1", OTHER_LINE, yuan("18.25"));
            fixture.given(allocated("1000.00"))
                    .when(disburse("V-1", "18.25"))
                    .expectException(refused(409, "Voucher already used", Map.of("postedLine", OTHER_LINE)))
                    .expectExceptionMessage(
                            "Voucher V-1 is already posted to line GP-PRJ-02 for 18.25; this request differs in line")
                    .expectNoEvents();
        }

        @Test
        void aReversedVoucherCannotBePostedAgain() {
            fixture.given(allocated("1000.00"), posted("V-1", "18.25"), reversed("V-1", "18.25", "冲销"))
                    .when(disburse("V-1", "18.25"))
                    .expectException(refused(409, "Voucher already used", Map.of("reversed", true)))
                    .expectNoEvents();
        }

        @Test
        void refusedOnAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"))
                    .when(disburse("V-1", "18.25"))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectNoEvents();
        }

        @Test
        void refusedOnAYearNotOpened() {
            fiscalYears.notOpened(FISCAL_YEAR);
            fixture.given(allocated("1000.00"))
                    .when(disburse("V-1", "18.25"))
                    .expectException(refused(409, "Fiscal year not open"))
                    .expectNoEvents();
        }

        @Test
        void refusesANonPositiveAmount() {
            fixture.given(allocated("1000.00"))
                    .when(disburse("V-1", "0.00"))
                    .expectException(refused(422, "Amount must be positive"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reversal {

        @Test
        void reversesAPaymentForItsOriginalAmount() {
            fixture.given(allocated("1000.00"), posted("V-1", "300.00"))
                    .when(new ReverseDisbursement(DEPT, YEAR, LINE, "V-1", "错付", ON))
                    .expectEvents(new DisbursementReversed(DEPT, YEAR, LINE, "V-1", yuan("300.00"), "错付", ON))
                    .expectState(line -> assertThat(line.available()).isEqualTo(yuan("1000.00")));
        }

        @Test
        void anUnknownVoucherIsNotFound() {
            fixture.given(allocated("1000.00"))
                    .when(new ReverseDisbursement(DEPT, YEAR, LINE, "V-404", "错付", ON))
                    .expectException(refused(404, "Voucher not found"))
                    .expectNoEvents();
        }

        @Test
        void aVoucherOfAnotherLineIsNotFoundOnThisOne() {
            vouchers.post(FISCAL_YEAR, "V-1", OTHER_LINE, yuan("300.00"));
            fixture.given(allocated("1000.00"))
                    .when(new ReverseDisbursement(DEPT, YEAR, LINE, "V-1", "错付", ON))
                    .expectException(refused(404, "Voucher not found"))
                    .expectNoEvents();
        }

        @Test
        void aPaymentIsReversedOnlyOnce() {
            fixture.given(allocated("1000.00"), posted("V-1", "300.00"), reversed("V-1", "300.00", "错付"))
                    .when(new ReverseDisbursement(DEPT, YEAR, LINE, "V-1", "again", ON))
                    .expectException(refused(409, "Disbursement already reversed"))
                    .expectNoEvents();
        }

        @Test
        void refusedOnAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"), posted("V-1", "300.00"))
                    .when(new ReverseDisbursement(DEPT, YEAR, LINE, "V-1", "错付", ON))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectNoEvents();
        }
    }

    @Nested
    class YearEndSettlement {

        static final LocalDate YEAR_END = LocalDate.of(2021, 12, 31);

        @Test
        void reclaimsUnspentFunds() {
            fixture.given(allocated("1000.00"), posted("V-1", "910.00"))
                    .when(new ReclaimFunds(DEPT, YEAR, LINE, yuan("90.00"), YEAR_END))
                    .expectEvents(new FundsReclaimed(DEPT, YEAR, LINE, yuan("90.00"), YEAR_END))
                    .expectState(line -> assertThat(line.available()).isEqualTo(Money.ZERO));
        }

        @Test
        void cannotReclaimMoreThanIsAvailable() {
            fixture.given(allocated("1000.00"), posted("V-1", "910.00"))
                    .when(new ReclaimFunds(DEPT, YEAR, LINE, yuan("90.01"), YEAR_END))
                    .expectException(
                            refused(409, "Reclaim exceeds the available budget", Map.of("available", yuan("90.00"))))
                    .expectNoEvents();
        }

        @Test
        void reclaimRefusesANonPositiveAmount() {
            fixture.given(allocated("1000.00"))
                    .when(new ReclaimFunds(DEPT, YEAR, LINE, Money.ZERO, YEAR_END))
                    .expectException(refused(422, "Amount must be positive"))
                    .expectNoEvents();
        }

        @Test
        void reclaimRefusedOnAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"))
                    .when(new ReclaimFunds(DEPT, YEAR, LINE, yuan("1.00"), YEAR_END))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectNoEvents();
        }

        @Test
        void carriesOverUnspentFunds() {
            fixture.given(allocated("1000.00"), new FundsReclaimed(DEPT, YEAR, LINE, yuan("400.00"), YEAR_END))
                    .when(new CarryOverFunds(DEPT, YEAR, LINE, yuan("600.00"), YEAR_END))
                    .expectEvents(new FundsCarriedOver(DEPT, YEAR, LINE, yuan("600.00"), YEAR_END))
                    .expectState(line -> assertThat(line.available()).isEqualTo(Money.ZERO));
        }

        @Test
        void cannotCarryOverMoreThanIsAvailable() {
            fixture.given(allocated("1000.00"), new FundsReclaimed(DEPT, YEAR, LINE, yuan("400.00"), YEAR_END))
                    .when(new CarryOverFunds(DEPT, YEAR, LINE, yuan("600.01"), YEAR_END))
                    .expectException(refused(
                            409, "Carry-over exceeds the available budget", Map.of("available", yuan("600.00"))))
                    .expectNoEvents();
        }

        @Test
        void carryOverRefusesANonPositiveAmount() {
            fixture.given(allocated("1000.00"))
                    .when(new CarryOverFunds(DEPT, YEAR, LINE, yuan("-1.00"), YEAR_END))
                    .expectException(refused(422, "Amount must be positive"))
                    .expectNoEvents();
        }

        @Test
        void carryOverRefusedOnAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"))
                    .when(new CarryOverFunds(DEPT, YEAR, LINE, yuan("1.00"), YEAR_END))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectNoEvents();
        }
    }

    /** Long-lived lines are snapshotted: the JSON of the aggregate must bring back the whole state. */
    @Test
    void aSnapshotHoldsTheWholeState() {
        fixture.given(
                        allocated("1000.00"),
                        posted("V-1", "300.00"),
                        new FundsReclaimed(DEPT, YEAR, LINE, yuan("10.00"), ON))
                .when(new CarryOverFunds(DEPT, YEAR, LINE, yuan("20.00"), ON))
                .expectState(line -> {
                    try {
                        String json = BudgetJson.mapper().writeValueAsString(line);
                        BudgetLine restored = BudgetJson.mapper().readValue(json, BudgetLine.class);
                        assertThat(restored).usingRecursiveComparison().isEqualTo(line);
                        assertThat(restored.available()).isEqualTo(yuan("670.00"));
                        assertThat(json).contains("\"fundSource\":\"GENERAL_PUBLIC_BUDGET\"", "\"spent\":\"300.00\"");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    /** The two halves of a transfer, as {@link BudgetTransfer} calls them. */
    @Nested
    class TransferSides {

        @Test
        void transferOutWithinTheAvailableAmount() {
            fixture.given(allocated("1000.00"), posted("V-1", "700.00"))
                    .whenInvoking(
                            ID, line -> line.transferOut(transfer(LINE, OTHER_LINE, "300.00"), "T-1", fiscalYears))
                    .expectEvents(
                            new BudgetTransferredOut(DEPT, YEAR, LINE, OTHER_LINE, yuan("300.00"), "年中调剂", "T-1", ON))
                    .expectState(line -> assertThat(line.available()).isEqualTo(Money.ZERO));
        }

        @Test
        void transferOutBeyondTheAvailableAmountIsRefused() {
            fixture.given(allocated("1000.00"), posted("V-1", "700.00"))
                    .whenInvoking(
                            ID, line -> line.transferOut(transfer(LINE, OTHER_LINE, "300.01"), "T-1", fiscalYears))
                    .expectException(
                            refused(409, "Transfer exceeds the available budget", Map.of("available", yuan("300.00"))))
                    .expectNoEvents();
        }

        @Test
        void transferOutRefusedOnAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"))
                    .whenInvoking(ID, line -> line.transferOut(transfer(LINE, OTHER_LINE, "1.00"), "T-1", fiscalYears))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectNoEvents();
        }

        @Test
        void transferOutToItselfIsRefused() {
            fixture.given(allocated("1000.00"))
                    .whenInvoking(ID, line -> line.transferOut(transfer(LINE, LINE, "1.00"), "T-1", fiscalYears))
                    .expectException(refused(422, "Transfer within one line"))
                    .expectNoEvents();
        }

        @Test
        void transferOutRefusesANonPositiveAmount() {
            fixture.given(allocated("1000.00"))
                    .whenInvoking(ID, line -> line.transferOut(transfer(LINE, OTHER_LINE, "0.00"), "T-1", fiscalYears))
                    .expectException(refused(422, "Amount must be positive"))
                    .expectNoEvents();
        }

        @Test
        void transferInRaisesTheBudget() {
            fixture.given(allocated("1000.00"))
                    .whenInvoking(ID, line -> line.transferIn(transfer(OTHER_LINE, LINE, "300.00"), "T-1", fiscalYears))
                    .expectEvents(
                            new BudgetTransferredIn(DEPT, YEAR, LINE, OTHER_LINE, yuan("300.00"), "年中调剂", "T-1", ON))
                    .expectState(line -> assertThat(line.available()).isEqualTo(yuan("1300.00")));
        }

        @Test
        void transferInRefusedOnAClosedYear() {
            fiscalYears.close(FISCAL_YEAR);
            fixture.given(allocated("1000.00"))
                    .whenInvoking(ID, line -> line.transferIn(transfer(OTHER_LINE, LINE, "1.00"), "T-1", fiscalYears))
                    .expectException(refused(409, "Fiscal year closed"))
                    .expectNoEvents();
        }

        @Test
        void aLineIsNeverTheWrongSideOfATransfer() {
            fixture.given(allocated("1000.00"))
                    .whenInvoking(ID, line -> line.transferIn(transfer(LINE, OTHER_LINE, "1.00"), "T-1", fiscalYears))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }
}
