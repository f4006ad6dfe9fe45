package io.budgetmonitor.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills command-service's event store fast: copies of the demo department-year (BY-SJ 2021, 4,763
 * real events written by the import) under new department codes, by {@code INSERT … SELECT} in
 * (department, aggregate, sequence) order. The hash-chain trigger of V4__event_chain.sql runs on
 * every row, so every copy is a valid chain (each row's predecessor was inserted before it in the
 * same statement, which a row-level BEFORE trigger sees). Registers (voucher book) are not copied:
 * the copies are closed years nobody writes to.
 */
final class EventStoreFill {
    private static final String TEMPLATE = "BY-SJ";
    private static final int DEPARTMENTS_PER_TRANSACTION = 10;

    private final String url;

    EventStoreFill(String url) {
        this.url = url;
    }

    /** @return the highest log position (≈ events stored: a rolled-back append leaves a small gap) */
    long head() throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Adds copies under {@code prefix00001} … until the store holds at least {@code target} events. */
    long fillTo(long target, String prefix) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute("create temporary table template as select row_number() over (order by aggregate_identifier,"
                    + " sequence_number) as ord, * from domain_event_entry where aggregate_identifier like '" + TEMPLATE
                    + ":%'");
            long perDepartment;
            try (ResultSet row = sql.executeQuery("select count(*) from template")) {
                row.next();
                perDepartment = row.getLong(1);
            }
            if (perDepartment == 0) {
                throw new IllegalStateException("no " + TEMPLATE + " year to copy: the stack must load the demo");
            }
            db.setAutoCommit(false);
            int department = 0;
            try (PreparedStatement copy = db.prepareStatement("insert into domain_event_entry (event_identifier,"
                    + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload,"
                    + " meta_data) select gen_random_uuid()::text, d.code || substr(t.aggregate_identifier, "
                    + (TEMPLATE.length() + 1) + "), t.sequence_number, t.type, t.time_stamp, t.payload_type,"
                    + " t.payload_revision, replace(t.payload, '\"department\":\"" + TEMPLATE
                    + "\"', '\"department\":\"' || d.code || '\"'), t.meta_data from (select ? || lpad(g::text, 5, '0') as"
                    + " code, g from generate_series(?, ?) g) d cross join template t order by d.g, t.ord")) {
                long head = head(db);
                while (head < target) {
                    int departments = (int) Math.min(
                            DEPARTMENTS_PER_TRANSACTION,
                            Math.max(1, (target - head + perDepartment - 1) / perDepartment));
                    copy.setString(1, prefix);
                    copy.setInt(2, department + 1);
                    copy.setInt(3, department + departments);
                    copy.executeUpdate();
                    db.commit();
                    department += departments;
                    head = head(db);
                }
            }
            return department;
        }
    }

    private static long head(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Marks everything stored as already published: the Kafka publisher's token moves to the head.
     * Only while command-service is stopped (it keeps its token in memory and would write it back).
     */
    void markPublished() throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.executeUpdate("update token_entry set token = '{\"index\":' || (select max(global_index) from"
                    + " domain_event_entry) || ',\"gaps\":[]}', owner = null where processor_name = 'kafka-publisher'");
        }
    }

    /** Waits until the Kafka publisher has published up to {@code position}. */
    void awaitPublished(long position) throws Exception {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            while (true) {
                try (Statement sql = db.createStatement();
                        ResultSet row = sql.executeQuery(
                                "select token from token_entry where processor_name = 'kafka-publisher'")) {
                    if (row.next()) {
                        var token = Api.JSON.readTree(row.getString(1));
                        if (token.path("index").asLong() >= position
                                && token.path("gaps").isEmpty()) {
                            return;
                        }
                    }
                }
                Thread.sleep(250);
            }
        }
    }
}
