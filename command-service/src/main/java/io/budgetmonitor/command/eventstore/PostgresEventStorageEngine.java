package io.budgetmonitor.command.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                    PreparedStatement insert = connection.prepareStatement(insertOf(chunk.size()))) {
                int parameter = 1;
                for (EventMessage<?> message : chunk) {
                    DomainEventMessage<?> event = asDomainEvent(message);
                    SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                    SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                    insert.setString(parameter++, event.getIdentifier());
                    insert.setString(parameter++, event.getAggregateIdentifier());
                    insert.setLong(parameter++, event.getSequenceNumber());
                    insert.setString(parameter++, event.getType());
                    writeTimestamp(insert, parameter++, event.getTimestamp());
                    insert.setString(parameter++, payload.getType().getName());
                    insert.setString(parameter++, payload.getType().getRevision());
                    insert.setObject(parameter++, payload.getData());
                    insert.setObject(parameter++, metaData.getData());
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

    private String insertOf(int rows) {
        EventSchema schema = schema();
        StringBuilder sql = new StringBuilder("INSERT INTO ")
                .append(schema.domainEventTable())
                .append(" (")
                .append(schema.domainEventFields())
                .append(") VALUES ");
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?)");
        }
        return sql.append(" RETURNING ")
                .append(schema.eventIdentifierColumn())
                .append(", ")
                .append(schema.globalIndexColumn())
                .toString();
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
