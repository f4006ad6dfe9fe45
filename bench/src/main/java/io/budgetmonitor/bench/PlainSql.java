package io.budgetmonitor.bench;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;

/**
 * The baselines: the same work in plain SQL over JDBC, in a scratch schema of a database of its own
 * on the stack's PostgreSQL server (same server, same fsync, same disk).
 *
 * <p>A payment is the minimal transaction that keeps the same rule: lock the line, check the
 * available amount, insert the payment (the voucher is the key), update the balance, commit — four
 * round trips.
 */
final class PlainSql {
    static final String SCHEMA = "bench_scratch";
    private final String url;

    PlainSql(String url) {
        this.url = url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    void prepare(int lines, BigDecimal amount) throws SQLException {
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            sql.execute("create schema " + SCHEMA);
            sql.execute("create table " + SCHEMA + ".line (line text primary key, available numeric(20, 2) not null)");
            sql.execute(
                    "create table " + SCHEMA + ".payment (department text not null, fiscal_year int not null,"
                            + " voucher text not null, line text not null, amount numeric(20, 2) not null, payee text not null,"
                            + " purpose text not null, procurement boolean not null, occurred_on date not null,"
                            + " recorded_at timestamptz not null default now(), primary key (department, fiscal_year, voucher))");
            // the import's target: the same columns and key as a payment
            sql.execute("create table " + SCHEMA + ".imported (like " + SCHEMA + ".payment including all)");
            try (PreparedStatement insert =
                    db.prepareStatement("insert into " + SCHEMA + ".line (line, available) values (?, ?)")) {
                for (int i = 1; i <= lines; i++) {
                    insert.setString(1, Ledger.line(i));
                    insert.setBigDecimal(2, amount);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** One payment per operation at {@code clients} concurrency, each client on its own connection. */
    Throughput payments(int clients, double seconds, int lines, String run) throws InterruptedException {
        return Throughput.run(clients, seconds, client -> {
            Connection db = connect();
            db.setAutoCommit(false);
            PreparedStatement lock =
                    db.prepareStatement("select available from " + SCHEMA + ".line where line = ? for update");
            PreparedStatement insert = db.prepareStatement("insert into " + SCHEMA + ".payment (department,"
                    + " fiscal_year, voucher, line, amount, payee, purpose, procurement, occurred_on)"
                    + " values ('BENCH-SQL', " + Ledger.YEAR + ", ?, ?, ?, '某服务公司', '日常项目支出', false, ?)");
            PreparedStatement update =
                    db.prepareStatement("update " + SCHEMA + ".line set available = available - ? where line = ?");
            return new Closing(db, (c, n) -> {
                String line = Ledger.line(1 + ThreadLocalRandom.current().nextInt(lines));
                BigDecimal amount = new BigDecimal("1.00");
                try {
                    lock.setString(1, line);
                    BigDecimal available;
                    try (ResultSet row = lock.executeQuery()) {
                        row.next();
                        available = row.getBigDecimal(1);
                    }
                    if (available.compareTo(amount) < 0) {
                        throw new IllegalStateException("line " + line + " exhausted");
                    }
                    insert.setString(1, run + "-" + c + "-" + n);
                    insert.setString(2, line);
                    insert.setBigDecimal(3, amount);
                    insert.setObject(4, java.time.LocalDate.of(Ledger.YEAR, 6, 1));
                    insert.executeUpdate();
                    update.setBigDecimal(1, amount);
                    update.setString(2, line);
                    update.executeUpdate();
                    db.commit();
                } catch (RuntimeException | SQLException e) {
                    db.rollback();
                    throw e;
                }
            });
        });
    }

    /** COPY of CSV rows into the import table, in one transaction; returns seconds. */
    double copy(byte[] csv) throws Exception {
        try (Connection db = connect()) {
            long begin = System.nanoTime();
            db.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy " + SCHEMA
                                    + ".imported (department, fiscal_year, line, voucher, amount, payee, purpose,"
                                    + " procurement, occurred_on) from stdin (format csv)",
                            new ByteArrayInputStream(csv));
            return (System.nanoTime() - begin) / 1e9;
        }
    }

    /** An operation that closes its connection when its client is done. */
    private record Closing(Connection db, Throughput.Operation operation)
            implements Throughput.Operation, AutoCloseable {
        @Override
        public void run(int client, long n) throws Exception {
            operation.run(client, n);
        }

        @Override
        public void close() throws SQLException {
            db.close();
        }
    }
}
