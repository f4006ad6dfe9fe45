package io.budgetmonitor.command.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC engine with two PostgreSQL-specific changes on the write path.
 *
 * <ul>
 *   <li>The events of a unit of work are appended by ONE multi-row {@code INSERT ... RETURNING
 *       event_identifier, global_index} (in chunks of {@value #ROWS_PER_STATEMENT} rows), and each
 *       event's log position is kept in the root unit of work ({@link #positionsOf}): a response
 *       needs no second query for its position. An import batch of 1,000 events is one statement.
 *       Rows are inserted in list order (each aggregate's sequence ascending), which the hash-chain
 *       trigger of {@code V4__event_chain.sql} needs: a row-level BEFORE trigger sees the rows the same
 *       statement inserted before it.</li>
 *   <li>An aggregate's events are read in one query: Axon's JDBC engine otherwise reads "until an
 *       empty batch", i.e. a second query after every load that always returns nothing (the
 *       sequence numbers of one aggregate have no gaps: the unique key and the chain trigger ensure
 *       it).</li>
 * </ul>
 */
public class PostgresEventStorageEngine extends JdbcEventStorageEngine {

    static final int ROWS_PER_STATEMENT = 1_000;
    /** The columns of {@link EventSchema#domainEventFields()}, in its order. */
    private static final int FIELDS = 9;

    private static final String POSITIONS = PostgresEventStorageEngine.class.getName() + ".positions";

    private final Class<?> dataType;

    public PostgresEventStorageEngine(Builder builder, Class<?> dataType) {
        super(builder);
        this.dataType = dataType;
    }

    /** Log positions of the events the unit of work (and its nested ones) appended, by event id. */
    public static Map<String, Long> positionsOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrDefaultResource(POSITIONS, Map.of());
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Long> positions = new HashMap<>(events.size() * 2);
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<? extends EventMessage<?>> chunk =
                    events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            try (Connection connection = getConnection();
                    PreparedStatement insert = connection.prepareStatement(insert())) {
                int rows = chunk.size();
                String[][] columns = new String[FIELDS][rows];
                for (int row = 0; row < rows; row++) {
                    DomainEventMessage<?> event = asDomainEvent(chunk.get(row));
                    SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                    SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                    columns[0][row] = event.getIdentifier();
                    columns[1][row] = event.getAggregateIdentifier();
                    columns[2][row] = Long.toString(event.getSequenceNumber());
                    columns[3][row] = event.getType();
                    // as Axon's writeTimestamp writes it
                    columns[4][row] = DateTimeUtils.formatInstant(event.getTimestamp());
                    columns[5][row] = payload.getType().getName();
                    columns[6][row] = payload.getType().getRevision();
                    columns[7][row] = (String) payload.getData();
                    columns[8][row] = (String) metaData.getData();
                }
                for (int column = 0; column < FIELDS; column++) {
                    insert.setArray(column + 1, connection.createArrayOf("text", columns[column]));
                }
                try (ResultSet stored = insert.executeQuery()) {
                    while (stored.next()) {
                        positions.put(stored.getString(1), stored.getLong(2));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                handlePersistenceException(e, chunk.get(0));
            }
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get()
                    .root()
                    .<Map<String, Long>>getOrComputeResource(POSITIONS, key -> new HashMap<>())
                    .putAll(positions);
        }
    }

    /**
     * One statement for any number of events: each column is one {@code text[]} parameter and {@code unnest}
     * turns them back into rows, in order (WITH ORDINALITY, ORDER BY), so the hash-chain trigger still
     * runs per row and sees the rows before it. Binding nine parameters per event into a multi-row
     * {@code VALUES} (whose text also changed with every batch size) cost the import a tenth of its CPU in
     * the driver (JFR, bench/run).
     */
    private String insert() {
        EventSchema schema = schema();
        return "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                + "SELECT i, a, s::bigint, t, ts, pt, pr, p, m FROM unnest("
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS r(i, a, s, t, ts, pt, pr, p, m, n) ORDER BY n"
                + " RETURNING " + schema.eventIdentifierColumn() + ", " + schema.globalIndexColumn();
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domain) {
            return domain;
        }
        @SuppressWarnings("unchecked")
        Message<Object> plain = (Message<Object>) message;
        return new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, plain, message::getTimestamp);
    }
}
