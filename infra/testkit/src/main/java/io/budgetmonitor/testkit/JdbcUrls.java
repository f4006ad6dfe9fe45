package io.budgetmonitor.testkit;

/** Rewrites PostgreSQL JDBC URLs. */
final class JdbcUrls {

    private static final String PREFIX = "jdbc:postgresql://";

    private JdbcUrls() {}

    /**
     * Points a URL at another database on the same server(s), keeping hosts, ports and parameters
     * (e.g. {@code sslmode}) intact.
     *
     * @param url      {@code jdbc:postgresql://host[:port][,host2...][/db][?params]}
     * @param database the database to point at
     * @return the rewritten URL
     */
    static String withDatabase(String url, String database) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("expected a jdbc:postgresql://host... URL, got: " + url);
        }
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        String parameters = query < 0 ? "" : rest.substring(query);
        int slash = beforeQuery.indexOf('/');
        String hosts = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        return PREFIX + hosts + "/" + database + parameters;
    }
}
