package io.genrec.server.online;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ExperimentLog} in SQLite ({@code jdbc:sqlite:/path/file.db}) or PostgreSQL ({@code jdbc:postgresql://…}),
 * with one SQL dialect both accept (ON CONFLICT needs SQLite 3.24+, which sqlite-jdbc bundles). Tables are prefixed
 * {@code genrec_exp_}, so the log may share a database with the event store. Each write commits on its own
 * (auto-commit); SQLite runs in WAL mode with {@code synchronous=FULL}, so a returned write survives a crash.
 * One connection serves all calls (writes are small and rare next to recommendation reads).
 */
public final class JdbcExperimentLog implements ExperimentLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Connection conn;
    private final String describe;

    private JdbcExperimentLog(Connection conn, String describe) {
        this.conn = conn;
        this.describe = describe;
    }

    /** Opens the log at {@code jdbcUrl}, creating its tables when missing. */
    public static JdbcExperimentLog open(String jdbcUrl) {
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        if (!sqlite && !jdbcUrl.startsWith("jdbc:postgresql:"))
            throw new IllegalArgumentException("experiment log URL must start with jdbc:sqlite: or jdbc:postgresql:, got '" + redact(jdbcUrl) + "'");
        try {
            Connection c = DriverManager.getConnection(jdbcUrl);
            try (Statement s = c.createStatement()) {
                if (sqlite) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=FULL");
                    s.execute("PRAGMA busy_timeout=10000");
                }
                s.execute("CREATE TABLE IF NOT EXISTS genrec_exp_experiments (id VARCHAR(64) PRIMARY KEY, created BIGINT NOT NULL, config TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS genrec_exp_impressions (id VARCHAR(64) PRIMARY KEY, experiment VARCHAR(64) NOT NULL,"
                        + " user_id TEXT NOT NULL, arm TEXT NOT NULL, ts BIGINT NOT NULL, items TEXT NOT NULL, teams TEXT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS genrec_exp_impressions_experiment ON genrec_exp_impressions (experiment, ts)");
                s.execute("CREATE INDEX IF NOT EXISTS genrec_exp_impressions_ts ON genrec_exp_impressions (ts)");
                s.execute("CREATE TABLE IF NOT EXISTS genrec_exp_attributions (impression_id VARCHAR(64) NOT NULL, event_key TEXT NOT NULL,"
                        + " experiment VARCHAR(64) NOT NULL, user_id TEXT NOT NULL, item TEXT NOT NULL, position INTEGER NOT NULL, team TEXT NOT NULL,"
                        + " type TEXT NOT NULL, ts BIGINT NOT NULL, PRIMARY KEY (impression_id, event_key))");
                s.execute("CREATE INDEX IF NOT EXISTS genrec_exp_attributions_experiment ON genrec_exp_attributions (experiment, ts)");
            }
            return new JdbcExperimentLog(c, redact(jdbcUrl));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the experiment log at " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /** The URL without a password parameter (for messages). */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public synchronized void saveExperiment(ExperimentConfig config) {
        try (PreparedStatement p = conn.prepareStatement(
                "INSERT INTO genrec_exp_experiments (id, created, config) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config")) {
            p.setString(1, config.id());
            p.setLong(2, System.currentTimeMillis());
            p.setString(3, JSON.writeValueAsString(config.toJson()));
            p.executeUpdate();
        } catch (Exception e) {
            throw failure("save experiment " + config.id(), e);
        }
    }

    @Override
    public synchronized List<ExperimentConfig> experiments() {
        List<ExperimentConfig> out = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet r = s.executeQuery("SELECT config FROM genrec_exp_experiments ORDER BY created, id")) {
            while (r.next()) out.add(ExperimentConfig.fromJson(JSON.readTree(r.getString(1)), 0));
        } catch (Exception e) {
            throw failure("read experiments", e);
        }
        return out;
    }

    @Override
    public synchronized void appendImpression(Impression i) {
        try (PreparedStatement p = conn.prepareStatement(
                "INSERT INTO genrec_exp_impressions (id, experiment, user_id, arm, ts, items, teams) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, i.id());
            p.setString(2, i.experiment());
            p.setString(3, i.user());
            p.setString(4, i.arm());
            p.setLong(5, i.timestamp());
            p.setString(6, JSON.writeValueAsString(i.items()));
            p.setString(7, JSON.writeValueAsString(i.teams()));
            p.executeUpdate();
        } catch (Exception e) {
            throw failure("append impression " + i.id(), e);
        }
    }

    @Override
    public synchronized List<Impression> impressions(String experiment) {
        return readImpressions("SELECT id, experiment, user_id, arm, ts, items, teams FROM genrec_exp_impressions WHERE experiment = ? ORDER BY ts, id",
                p -> p.setString(1, experiment));
    }

    @Override
    public synchronized List<Impression> impressionsSince(long sinceMillis) {
        return readImpressions("SELECT id, experiment, user_id, arm, ts, items, teams FROM genrec_exp_impressions WHERE ts >= ? ORDER BY ts, id",
                p -> p.setLong(1, sinceMillis));
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private List<Impression> readImpressions(String sql, Binder binder) {
        List<Impression> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            binder.bind(p);
            try (ResultSet r = p.executeQuery()) {
                while (r.next())
                    out.add(new Impression(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                            JSON.readValue(r.getString(6), STRINGS), JSON.readValue(r.getString(7), STRINGS)));
            }
        } catch (Exception e) {
            throw failure("read impressions", e);
        }
        return out;
    }

    @Override
    public synchronized boolean appendAttribution(Attribution a) {
        try (PreparedStatement p = conn.prepareStatement(
                "INSERT INTO genrec_exp_attributions (impression_id, event_key, experiment, user_id, item, position, team, type, ts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (impression_id, event_key) DO NOTHING")) {
            p.setString(1, a.impressionId());
            p.setString(2, a.eventKey());
            p.setString(3, a.experiment());
            p.setString(4, a.user());
            p.setString(5, a.item());
            p.setInt(6, a.position());
            p.setString(7, a.team());
            p.setString(8, a.type());
            p.setLong(9, a.timestamp());
            return p.executeUpdate() == 1;
        } catch (Exception e) {
            throw failure("append attribution for impression " + a.impressionId(), e);
        }
    }

    @Override
    public synchronized List<Attribution> attributions(String experiment) {
        List<Attribution> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement("SELECT impression_id, experiment, user_id, item, position, team, type, ts, event_key"
                + " FROM genrec_exp_attributions WHERE experiment = ? ORDER BY ts, impression_id, event_key")) {
            p.setString(1, experiment);
            try (ResultSet r = p.executeQuery()) {
                while (r.next())
                    out.add(new Attribution(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5), r.getString(6),
                            r.getString(7), r.getLong(8), r.getString(9)));
            }
        } catch (Exception e) {
            throw failure("read attributions", e);
        }
        return out;
    }

    private IllegalStateException failure(String what, Exception e) {
        return new IllegalStateException("experiment log " + describe + ": cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
