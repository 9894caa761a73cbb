package io.kopilka.bonus.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccrualStoreTest {

  @Inject AccrualStore store;
  @Inject AgroalDataSource dataSource;

  @Test
  void anAccrualPlansGenericallyAndLeavesTheConnectionAsItFoundIt() throws SQLException {
    String during;
    int backend;
    try (AccrualStore.Transaction tx = store.begin()) {
      tx.open(List.of("79990000000"), List.of(), List.of(), true);
      during = tx.run(AccrualStoreTest::planCacheMode);
      backend = tx.run(AccrualStoreTest::backend);
    }

    assertThat(during).isEqualTo("force_generic_plan");
    try (Connection c = dataSource.getConnection()) {
      assertThat(backend(c)).as("the pool hands the thread its last connection").isEqualTo(backend);
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(planCacheMode(c)).isEqualTo("auto");
    }
  }

  static String planCacheMode(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show plan_cache_mode")) {
      rs.next();
      return rs.getString(1);
    }
  }

  static int backend(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
