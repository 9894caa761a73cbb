package io.kopilka.cashback.service;

import io.kopilka.cashback.config.CashbackConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Local runs start with invented partners in every category (docs/cashback.md) when {@code
 * kopilka.cashback.demo-partners=true}, which only the local and dev profiles set. The script adds
 * only what is missing, so a restart keeps what was changed since.
 */
@ApplicationScoped
public class DemoPartners {

  private static final Logger LOG = Logger.getLogger(DemoPartners.class);
  private static final String SCRIPT = "demo-partners.sql";

  private final CashbackConfig config;
  private final DataSource dataSource;

  public DemoPartners(CashbackConfig config, DataSource dataSource) {
    this.config = config;
    this.dataSource = dataSource;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.demoPartners()) {
      return;
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SCRIPT);
        Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      LOG.info("Demo partners loaded (kopilka.cashback.demo-partners=true)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("Demo partners could not be loaded", e);
    }
  }
}
