package io.budgetmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.OpenFiscalYear;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.QuarterClosed;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.api.wire.CloudEventCodec;
import io.budgetmonitor.api.wire.EventTypes;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.api.wire.UnreadableEventException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void parsesTheApiExampleLine() throws Exception {
        String line = """
                {"type":"RecordDisbursement","department":"BY-SJ","fiscalYear":2021,"line":"GP-PUB-01","voucher":"2021-000123","amount":"18250.00","payee":"某物业公司","purpose":"办公楼物业费","procurement":false,"occurredOn":"2021-03-15"}""";
        BudgetCommand command = BudgetJson.mapper().readValue(line, BudgetCommand.class);
        assertThat(command)
                .isEqualTo(new RecordDisbursement(
                        "BY-SJ",
                        2021,
                        "GP-PUB-01",
                        "2021-000123",
                        Money.of("18250.00"),
                        "某物业公司",
                        "办公楼物业费",
                        false,
                        LocalDate.of(2021, 3, 15)));
        assertThat(command.targetAggregateId()).isEqualTo("BY-SJ:2021:GP-PUB-01");
    }

    @Test
    void appliesCommandDefaults() throws Exception {
        BudgetCommand command = BudgetJson.mapper().readValue("""
                {"type":"OpenFiscalYear","department":"BY-SJ","fiscalYear":2021,"departmentName":"石井街道","occurredOn":"2021-01-01"}""", BudgetCommand.class);
        assertThat(((OpenFiscalYear) command).rubric()).isEqualTo("baiyun-2022");
        // left to the rubric's time-progress curve, which the fiscal year applies when it opens
        assertThat(((OpenFiscalYear) command).quarterTargets()).isNull();
    }

    @Test
    void unknownEnumValuesAndImpossibleDatesDoNotParse() {
        assertThatThrownBy(() -> BudgetJson.mapper().readValue("""
                {"type":"AllocateBudget","department":"BY-SJ","fiscalYear":2021,"line":"X","name":"x","fundSource":"LOTTERY","expenditureType":"PROJECT","appropriation":true,"amount":"1.00","occurredOn":"2021-01-01"}""", BudgetCommand.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> BudgetJson.mapper().readValue("""
                {"type":"CloseFiscalYear","department":"BY-SJ","fiscalYear":2021,"occurredOn":"2021-02-30"}""", BudgetCommand.class))
                .isInstanceOf(Exception.class);
    }

    @Test
    void theClientsClaimTravelsAsAnExtensionInUtf8AndOlderMessagesWithoutItStayReadable() {
        var allocated = new BudgetAllocated(
                "BY-SJ",
                2021,
                "GP-PUB-01",
                "商品和服务支出",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PUBLIC_EXPENSE,
                ThreePublicCategory.NONE,
                true,
                Money.of("1.00"),
                LocalDate.of(2021, 1, 1));
        var claimed = new RecordedEvent(
                "e-3",
                allocated.aggregateId(),
                0,
                44,
                Instant.parse("2021-01-01T08:00:00Z"),
                "recorder",
                "c-1",
                allocated,
                "财务室",
                null,
                null);

        CloudEvent cloudEvent = codec.encode(claimed);
        assertThat(cloudEvent.getExtension(CloudEventCodec.ON_BEHALF_OF)).isEqualTo("财务室");
        // binary mode: the extension is a Kafka header, which must carry the name as UTF-8
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        byte[] value;
        try (var serializer = new io.cloudevents.kafka.CloudEventSerializer()) {
            serializer.configure(Map.of(), false);
            value = serializer.serialize(Topics.BUDGET_EVENTS, headers, cloudEvent);
        }
        assertThat(headers.lastHeader("ce_" + CloudEventCodec.ON_BEHALF_OF).value())
                .isEqualTo("财务室".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var deserializer = new io.cloudevents.kafka.CloudEventDeserializer()) {
            assertThat(codec.decode(deserializer.deserialize(Topics.BUDGET_EVENTS, headers, value)))
                    .isEqualTo(claimed);
        }

        CloudEvent older = CloudEventBuilder.v1(cloudEvent)
                .withoutExtension(CloudEventCodec.ON_BEHALF_OF)
                .build();
        RecordedEvent read = codec.decode(older);
        assertThat(read.onBehalfOf()).isNull();
        assertThat(read.recordedBy()).isEqualTo("recorder");
        assertThat(read.event()).isEqualTo(allocated);
    }

    @Test
    void theHashChainLinkTravelsAsExtensionsAndOlderMessagesWithoutItStayReadable() {
        var allocated = new BudgetAllocated(
                "BY-SJ",
                2021,
                "GP-PUB-01",
                "商品和服务支出",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PUBLIC_EXPENSE,
                ThreePublicCategory.NONE,
                true,
                Money.of("1.00"),
                LocalDate.of(2021, 1, 1));
        String hash = "5ac9405912fd2a44fdb799d5b71670e92be26646a5f8578fb53d23f5fab9a239";
        String previous = "d59c92e724bbc2c3c70cb3947c8899eb4d4dc94c1f31c1d0189da9b30d9a8a1c";
        var chained = new RecordedEvent(
                "e-2",
                allocated.aggregateId(),
                1,
                43,
                Instant.parse("2021-01-01T08:00:00Z"),
                "finance@by-sj",
                "c-1",
                allocated,
                null,
                hash,
                previous);

        CloudEvent cloudEvent = codec.encode(chained);

        assertThat(cloudEvent.getExtension(CloudEventCodec.EVENT_HASH)).isEqualTo(hash);
        assertThat(cloudEvent.getExtension(CloudEventCodec.PREV_HASH)).isEqualTo(previous);
        assertThat(codec.decode(cloudEvent)).isEqualTo(chained);

        CloudEvent older = CloudEventBuilder.v1(cloudEvent)
                .withoutExtension(CloudEventCodec.EVENT_HASH)
                .withoutExtension(CloudEventCodec.PREV_HASH)
                .build();
        RecordedEvent read = codec.decode(older);
        assertThat(read.eventHash()).isNull();
        assertThat(read.prevHash()).isNull();
        assertThat(read.event()).isEqualTo(allocated);
    }

    @Test
    void everyEventRoundTripsAsACloudEvent() {
        var allocated = new BudgetAllocated(
                "BY-SJ",
                2021,
                "GP-PUB-01",
                "商品和服务支出",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PUBLIC_EXPENSE,
                ThreePublicCategory.NONE,
                true,
                Money.of("1000000.00"),
                LocalDate.of(2021, 1, 1));
        var quarter = new QuarterClosed(
                "BY-SJ", 2021, 1, Map.of(FundSource.OTHER, Money.of("5.00")), LocalDate.of(2021, 4, 2));
        // 偏差原因/纠偏措施 (issue 14): Chinese text travels unchanged
        var explained = new io.budgetmonitor.api.events.DeviationExplained(
                "BY-SJ", 2021, "B5.4", "上级资金未下达", "督促拨付", LocalDate.of(2021, 6, 30));
        for (var event : new io.budgetmonitor.api.events.BudgetEvent[] {allocated, quarter, explained}) {
            var recorded = new RecordedEvent(
                    "e-1",
                    event.aggregateId(),
                    3,
                    42,
                    Instant.parse("2021-01-01T08:00:00Z"),
                    "finance@by-sj",
                    "c-1",
                    event);
            CloudEvent cloudEvent = codec.encode(recorded);
            assertThat(cloudEvent.getSubject()).isEqualTo(event.aggregateId());
            assertThat(codec.decode(cloudEvent)).isEqualTo(recorded);
        }
        assertThat(EventTypes.typeOf(DisbursementRecorded.class)).isEqualTo("io.budgetmonitor.DisbursementRecorded.v1");
        assertThat(EventTypes.all()).hasSize(20);
    }

    /** The publisher sends the JSON the event store holds as it is: the same CloudEvent as encoding the event. */
    @Test
    void anEventStillInItsJsonFormTravelsAsTheSameCloudEvent() throws Exception {
        var quarter = new QuarterClosed(
                "BY-SJ", 2021, 1, Map.of(FundSource.OTHER, Money.of("5.00")), LocalDate.of(2021, 4, 2));
        var recorded = new RecordedEvent(
                "e-2",
                quarter.aggregateId(),
                7,
                99,
                Instant.parse("2021-04-02T08:00:00.123456Z"),
                "finance@by-sj",
                "c-2",
                quarter,
                "财务室",
                "ab",
                "cd");
        byte[] stored = BudgetJson.mapper().writeValueAsBytes(quarter);
        CloudEvent fromJson = codec.encode(CloudEventCodec.Attributes.of(recorded), stored);
        CloudEvent fromEvent = codec.encode(recorded);
        assertThat(fromJson.getData().toBytes())
                .isEqualTo(stored)
                .isEqualTo(fromEvent.getData().toBytes());
        assertThat(fromJson.getAttributeNames()).isEqualTo(fromEvent.getAttributeNames());
        for (String name : fromEvent.getAttributeNames()) {
            assertThat(fromJson.getAttribute(name)).as(name).isEqualTo(fromEvent.getAttribute(name));
        }
        assertThat(fromJson.getExtensionNames()).isEqualTo(fromEvent.getExtensionNames());
        for (String name : fromEvent.getExtensionNames()) {
            assertThat(fromJson.getExtension(name)).as(name).isEqualTo(fromEvent.getExtension(name));
        }
        assertThat(codec.decode(fromJson)).isEqualTo(recorded);
    }

    @Test
    void anUnknownTypeIsUnreadableNotGuessed() {
        CloudEvent alien = CloudEventBuilder.v1()
                .withId("x")
                .withSource(URI.create("urn:x"))
                .withType("io.budgetmonitor.Nope.v1")
                .withSubject("s")
                .withTime(Instant.EPOCH.atOffset(java.time.ZoneOffset.UTC))
                .withData(new byte[0])
                .build();
        assertThatThrownBy(() -> codec.decode(alien)).isInstanceOf(UnreadableEventException.class);
    }
}
