package io.kopilka.system.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One PostgreSQL 17 server for the whole suite (embedded binaries, no Docker) with a login role and
 * a database of the same name per service, as in production where each service owns its schema.
 * With {@code QUARKUS_DATASOURCE_JDBC_URL} (and {@code _USERNAME}, {@code _PASSWORD}) set, the
 * roles and databases are created on that server instead.
 */
final class Database implements AutoCloseable {

  private final EmbeddedPostgres embedded;
  private final String adminUrl;
  private final String adminUser;
  private final String adminPassword;

  Database() {
    String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    if (external != null) {
      embedded = null;
      adminUrl = external;
      adminUser = System.getenv("QUARKUS_DATASOURCE_USERNAME");
      adminPassword = System.getenv("QUARKUS_DATASOURCE_PASSWORD");
      return;
    }
    try {
      embedded =
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
    adminUrl = embedded.getJdbcUrl("postgres", "postgres");
    adminUser = "postgres";
    adminPassword = "postgres";
  }

  /** Creates role and database {@code name} (password = name) unless they exist. */
  String create(String name) {
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      if (!exists(s, "select 1 from pg_roles where rolname = '" + name + "'")) {
        s.execute("create role " + name + " login password '" + name + "'");
      }
      if (!exists(s, "select 1 from pg_database where datname = '" + name + "'")) {
        s.execute("create database " + name + " owner " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return jdbcUrl(name);
  }

  String jdbcUrl(String database) {
    return adminUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
  }

  /** A connection to a service's database as its own role, for checks the APIs can't make. */
  public Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(name), name, name);
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
  }

  private static boolean exists(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      return rs.next();
    }
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
