package io.kopilka.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Starts one real PostgreSQL 17 server (embedded binaries, no Docker) per test JVM and gives each
 * service its own database. Set {@code QUARKUS_DATASOURCE_JDBC_URL} (with {@code
 * QUARKUS_DATASOURCE_USERNAME} and {@code QUARKUS_DATASOURCE_PASSWORD}) to run the tests against an
 * external PostgreSQL instead.
 *
 * <p>Arguments: {@code database} (default {@code kopilka}).
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

  private static EmbeddedPostgres server;
  private String database = "kopilka";

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.getOrDefault("database", database);
  }

  @Override
  public Map<String, String> start() {
    if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null
        || System.getProperty("quarkus.datasource.jdbc.url") != null) {
      return Map.of();
    }
    EmbeddedPostgres pg = server();
    createDatabase(pg, database);
    return Map.of(
        "quarkus.datasource.jdbc.url", pg.getJdbcUrl("postgres", database),
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "postgres");
  }

  @Override
  public void stop() {
    // the server lives as long as the test JVM: other test classes may restart Quarkus on it
  }

  /** How to reach a database: its JDBC URL and credentials. */
  public record Database(String jdbcUrl, String username, String password) {}

  /**
   * A database for another service started by a test (see {@link ServiceProcess}): on the embedded
   * server, or on the external one next to the database {@code QUARKUS_DATASOURCE_JDBC_URL} names.
   */
  public static Database database(String name) {
    String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    if (external == null) {
      EmbeddedPostgres pg = server();
      createDatabase(pg, name);
      return new Database(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
    }
    String user = System.getenv("QUARKUS_DATASOURCE_USERNAME");
    String password = System.getenv("QUARKUS_DATASOURCE_PASSWORD");
    try (Connection c = java.sql.DriverManager.getConnection(external, user, password)) {
      createDatabase(c, name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach " + external, e);
    }
    return new Database(
        external.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name), user, password);
  }

  /** The shared server, started on first use and stopped when the JVM exits. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("timezone", "UTC")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting; the temporary data directory goes with it
                    }
                  }));
    }
    return server;
  }

  private static void createDatabase(EmbeddedPostgres pg, String name) {
    try (Connection c = pg.getPostgresDatabase().getConnection()) {
      createDatabase(c, name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the embedded PostgreSQL", e);
    }
  }

  private static void createDatabase(Connection c, String name) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
      if (!rs.next()) {
        s.execute("create database \"" + name + "\"");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
  }
}
