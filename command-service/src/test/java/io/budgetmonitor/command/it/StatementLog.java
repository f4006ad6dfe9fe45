package io.budgetmonitor.command.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records every database round trip the service makes from the threads a test cares about (the HTTP
 * workers): each statement executed (a JDBC batch counts once: the driver sends it in one go), each
 * commit and rollback, and each savepoint set, released or rolled back to. Wraps the service's own
 * {@link DataSource}, so it sees exactly what reaches PostgreSQL; nothing is mocked.
 */
final class StatementLog implements BeanPostProcessor {

    private final ConcurrentLinkedQueue<String> entries = new ConcurrentLinkedQueue<>();
    private final Predicate<Thread> watched;

    StatementLog(Predicate<Thread> watched) {
        this.watched = watched;
    }

    /** Round trips from the Tomcat request threads only (not the publisher, snapshotter or pool). */
    static StatementLog ofRequestThreads() {
        return new StatementLog(thread -> thread.getName().startsWith("http-nio"));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
            return new Counting(dataSource);
        }
        return bean;
    }

    void clear() {
        entries.clear();
    }

    List<String> entries() {
        return new ArrayList<>(entries);
    }

    /** How many round trips of each kind (statement verb, COMMIT, SAVEPOINT, ...). */
    Map<String, Integer> byKind() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (String entry : entries) {
            String kind = entry.strip().split("\\s+", 2)[0].toUpperCase();
            kinds.merge(kind, 1, Integer::sum);
        }
        return kinds;
    }

    int count() {
        return entries.size();
    }

    long count(String kind) {
        return entries.stream()
                .filter(e -> e.strip().toUpperCase().startsWith(kind))
                .count();
    }

    private void note(String entry) {
        if (watched.test(Thread.currentThread())) {
            entries.add(entry);
        }
    }

    private final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws java.sql.SQLException {
            return connection(super.getConnection(user, password));
        }

        private Connection connection(Connection target) {
            return proxy(
                    Connection.class,
                    target,
                    (method, args) -> {
                        switch (method.getName()) {
                            case "commit" -> note("COMMIT");
                            case "rollback" ->
                                note(args == null || args.length == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT");
                            case "setSavepoint" -> note("SAVEPOINT");
                            case "releaseSavepoint" -> note("RELEASE SAVEPOINT");
                            default -> {}
                        }
                        return null;
                    },
                    (method, args, result) -> {
                        if (result instanceof PreparedStatement statement
                                && args != null
                                && args[0] instanceof String sql) {
                            return statement(PreparedStatement.class, statement, sql);
                        }
                        if (result instanceof Statement statement
                                && method.getName().equals("createStatement")) {
                            return statement(Statement.class, statement, null);
                        }
                        return result;
                    });
        }

        private <S extends Statement> S statement(Class<S> type, S target, String preparedSql) {
            return proxy(
                    type,
                    target,
                    (method, args) -> {
                        String name = method.getName();
                        if (name.equals("executeBatch")) {
                            note(oneLine(preparedSql) + " [batch]");
                        } else if (name.startsWith("execute")) {
                            note(oneLine(
                                    args != null && args.length > 0 && args[0] instanceof String sql
                                            ? sql
                                            : preparedSql));
                        }
                        return null;
                    },
                    (method, args, result) -> result);
        }
    }

    private static String oneLine(String sql) {
        return sql == null ? "?" : sql.replaceAll("\\s+", " ").strip();
    }

    private interface Before {
        Object apply(Method method, Object[] args);
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Before before, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            before.apply(method, args);
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
