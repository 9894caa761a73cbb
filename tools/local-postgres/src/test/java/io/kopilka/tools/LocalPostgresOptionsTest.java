package io.kopilka.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argument parsing only: no PostgreSQL is started. */
class LocalPostgresOptionsTest {

  @Test
  void defaults() {
    LocalPostgres.Options options = LocalPostgres.Options.parse().orElseThrow();
    assertEquals(LocalPostgres.DEFAULT_PORT, options.port());
    assertEquals(Path.of(".dev/postgres"), options.dataDirectory());
    assertEquals(List.of(), options.databases());
    assertEquals(Map.of(), options.settings());
  }

  @Test
  void allOptions() {
    LocalPostgres.Options options =
        LocalPostgres.Options.parse(
                "--port",
                "25432",
                "--data=/tmp/pg",
                "--databases",
                "bonus, registration,,bonus",
                "--set",
                "shared_buffers=2GB",
                "--set=auto_explain.log_min_duration=5ms")
            .orElseThrow();
    assertEquals(25432, options.port());
    assertEquals(Path.of("/tmp/pg"), options.dataDirectory());
    assertEquals(List.of("bonus", "registration"), options.databases());
    assertEquals(
        Map.of("shared_buffers", "2GB", "auto_explain.log_min_duration", "5ms"),
        options.settings());
  }

  @Test
  void help() {
    assertTrue(LocalPostgres.Options.parse("--help").isEmpty());
  }

  @Test
  void rejectsUnsafeNamesAndBadArguments() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalPostgres.Options.parse("--databases", "bonus;drop database x"));
    assertThrows(
        IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--databases", "Bonus"));
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalPostgres.Options.parse("--databases", "postgres"));
    assertThrows(IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--port", "x"));
    assertThrows(IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--port", "0"));
    assertThrows(IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--port"));
    assertThrows(IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--verbose"));
    assertThrows(
        IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--set", "fsync"));
    assertThrows(
        IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--set", "fsync="));
    assertThrows(
        IllegalArgumentException.class, () -> LocalPostgres.Options.parse("--set", "-c fsync=off"));
  }
}
