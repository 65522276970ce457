package io.genrec.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract against a real PostgreSQL server: {@code GENREC_TEST_PG_URL} (default: the role and database
 * {@code .ci/run} creates). Without a reachable server the tests are skipped with the reason, unless
 * {@code GENREC_REQUIRE_PG=1} (set by {@code .ci/run}) makes that a failure. Each test works in its own schema and
 * drops it afterwards.
 */
class PostgresEventStoreTest extends EventStoreContract {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/genrec_test?user=genrec_test&password=genrec_test";

    private static String baseUrl, unreachable;
    private String schema;

    static String testUrl() {
        String env = System.getenv("GENREC_TEST_PG_URL");
        return env == null || env.isBlank() ? DEFAULT_URL : env;
    }

    /** Skips (or, under GENREC_REQUIRE_PG=1, fails) when no server answers at the test URL. */
    static void requireServer() {
        String url = testUrl();
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url)) {
            baseUrl = url;
        } catch (SQLException e) {
            String reason = "PostgreSQL not reachable at " + PostgresEventStore.describe(url) + " (" + PostgresEventStore.redact(e.getMessage())
                    + "); set GENREC_TEST_PG_URL or start it as .ci/run does";
            if ("1".equals(System.getenv("GENREC_REQUIRE_PG"))) Assertions.fail("GENREC_REQUIRE_PG=1 but " + reason);
            System.err.println("SKIPPED PostgreSQL tests: " + reason);
            unreachable = reason;
        }
    }

    @BeforeAll
    static void server() {
        requireServer();
    }

    @BeforeEach
    void freshSchema() throws SQLException {
        // per test, so each one shows as skipped with the reason
        Assumptions.assumeTrue(unreachable == null, unreachable);
        schema = "genrec_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema == null) return;
        closeStores();
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    protected EventStore openStore() {
        return EventStores.open(withSchema(baseUrl, schema), null);
    }

    @Test
    void theStoreIsDescribedWithoutParametersAndMigrated() {
        EventStore s = store();
        assertTrue(s.describe().startsWith("postgresql://"), s.describe());
        assertFalse(s.describe().contains("?"), s.describe());
        assertEquals(1, ((PostgresEventStore) s).schemaVersion());
    }

    @Test
    void aStoreFromANewerSchemaIsRefusedNamingTheServer() throws SQLException {
        store().close();
        try (Connection c = DriverManager.getConnection(withSchema(baseUrl, schema)); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }
        EventStoreException e = assertThrows(EventStoreException.class, this::openStore);
        assertTrue(e.getMessage().startsWith("postgresql://") && e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void aWrongPasswordFailsNamingTheServerButNotThePassword() {
        String url = baseUrl.replaceAll("password=[^&]*", "password=not-the-secret-xyz");
        if (!url.contains("password=")) url = url + (url.contains("?") ? "&" : "?") + "password=not-the-secret-xyz";
        String u = url;
        EventStoreException e = assertThrows(EventStoreException.class, () -> EventStores.open(u, null));
        assertTrue(e.getMessage().startsWith(PostgresEventStore.describe(u)), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret-xyz"), e.getMessage());
    }

    @Test
    void sessionsCommitSynchronously() throws SQLException {
        PostgresEventStore s = (PostgresEventStore) store();
        s.append(List.of(ev("u", "i", 1, null)));
        try (Connection c = s.pool.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            assertEquals("on", rs.getString(1));
        }
    }
}
