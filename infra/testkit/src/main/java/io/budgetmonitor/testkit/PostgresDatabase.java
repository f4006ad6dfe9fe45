package io.budgetmonitor.testkit;

/**
 * Connection details of one PostgreSQL database.
 *
 * @param databaseName the database's name on the server
 * @param jdbcUrl      JDBC URL of exactly that database
 * @param username     a user that owns it (or is superuser)
 * @param password     that user's password (may be ignored by a server with trust authentication)
 */
public record PostgresDatabase(String databaseName, String jdbcUrl, String username, String password) {

    @Override
    public String toString() {
        // keep passwords out of test reports
        return "PostgresDatabase[" + jdbcUrl + ", user=" + username + "]";
    }
}
