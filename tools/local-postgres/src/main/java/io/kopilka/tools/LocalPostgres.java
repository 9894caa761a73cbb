package io.kopilka.tools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A persistent PostgreSQL 17 server for local runs, started from the embedded binaries that the
 * tests use (no Docker, no system install). For each service name it creates a login role and a
 * database of that name owned by it (password = name), prints {@code READY
 * jdbc:postgresql://localhost:PORT/} and runs until SIGTERM/SIGINT, when it stops PostgreSQL
 * cleanly. The data directory is kept between runs.
 *
 * <pre>
 * java -jar kopilka-local-postgres.jar --port 15432 --data .dev/postgres --databases bonus,registration
 * </pre>
 *
 * <p>{@code --set name=value} passes a server setting on the command line (as {@code postgres -c}),
 * for a run that needs more than PostgreSQL's defaults, such as the benchmarks' shared buffers.
 */
public final class LocalPostgres {

  static final int DEFAULT_PORT = 15432;
  static final String DEFAULT_DATA = ".dev/postgres";
  static final String USAGE =
      "Usage: java -jar kopilka-local-postgres.jar [--port N] [--data DIR] [--databases a,b,...]"
          + " [--set name=value ...]\n"
          + "  --port N           TCP port on localhost (default "
          + DEFAULT_PORT
          + ")\n"
          + "  --data DIR         data directory, kept between runs (default "
          + DEFAULT_DATA
          + ")\n"
          + "  --databases a,b    a database and a login role (password = name) per name\n"
          + "  --set name=value   a server setting, e.g. shared_buffers=2GB (repeatable)\n";

  /** Database and role names: plain lower-case identifiers, so they never need quoting. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /**
   * Server setting names, such as {@code shared_buffers} or {@code auto_explain.log_min_duration}.
   */
  private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?");

  private LocalPostgres() {}

  /** Command-line options. */
  record Options(
      int port, Path dataDirectory, List<String> databases, Map<String, String> settings) {

    /** Parses the arguments; returns empty for {@code --help}. */
    static Optional<Options> parse(String... args) {
      int port = DEFAULT_PORT;
      Path data = Path.of(DEFAULT_DATA);
      LinkedHashSet<String> databases = new LinkedHashSet<>();
      Map<String, String> settings = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "-h", "--help" -> {
            return Optional.empty();
          }
          case "--port" -> {
            String text = value != null ? value : next(args, ++i, arg);
            try {
              port = Integer.parseInt(text);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port must be a number, got '" + text + "'");
            }
            if (port < 1 || port > 65535) {
              throw new IllegalArgumentException("--port must be 1-65535, got " + port);
            }
          }
          case "--data" -> data = Path.of(value != null ? value : next(args, ++i, arg));
          case "--databases" -> {
            for (String name : (value != null ? value : next(args, ++i, arg)).split(",")) {
              String trimmed = name.trim();
              if (trimmed.isEmpty()) {
                continue;
              }
              if (!NAME.matcher(trimmed).matches() || trimmed.equals("postgres")) {
                throw new IllegalArgumentException(
                    "bad database name '" + trimmed + "': use [a-z][a-z0-9_]*, not 'postgres'");
              }
              databases.add(trimmed);
            }
          }
          case "--set" -> {
            String setting = value != null ? value : next(args, ++i, arg);
            int at = setting.indexOf('=');
            String name = at > 0 ? setting.substring(0, at).trim() : "";
            if (!SETTING.matcher(name).matches() || setting.substring(at + 1).isBlank()) {
              throw new IllegalArgumentException(
                  "--set needs name=value with a lower-case setting name, got '" + setting + "'");
            }
            settings.put(name, setting.substring(at + 1).trim());
          }
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      return Optional.of(
          new Options(port, data, List.copyOf(databases), Collections.unmodifiableMap(settings)));
    }

    private static String next(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      Optional<Options> parsed = Options.parse(args);
      if (parsed.isEmpty()) {
        System.out.print(USAGE);
        return;
      }
      options = parsed.get();
    } catch (IllegalArgumentException e) {
      System.err.println("local-postgres: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    try {
      run(options);
    } catch (Exception e) {
      System.err.println("local-postgres: " + e);
      e.printStackTrace();
      // exit explicitly: the shutdown hook stops PostgreSQL if it was started
      System.exit(1);
    }
  }

  private static void run(Options options) throws Exception {
    Path data = options.dataDirectory().toAbsolutePath().normalize();
    Files.createDirectories(data);
    stopLeftoverServer(data);
    requireFreePort(options.port());

    System.out.println(
        "Starting PostgreSQL on port " + options.port() + " with data in " + data + " ...");
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(options.port())
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            // every service has its own connection pool
            .setServerConfig("max_connections", "300")
            .setServerConfig("timezone", "UTC");
    options.settings().forEach(builder::setServerConfig);
    EmbeddedPostgres pg = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pg), "local-postgres-shutdown"));

    try (Connection c = pg.getPostgresDatabase().getConnection()) {
      for (String name : options.databases()) {
        createRoleAndDatabase(c, name);
      }
    }
    System.out.println("READY jdbc:postgresql://localhost:" + options.port() + "/");
    System.out.flush();

    // run until the JVM is asked to stop (SIGTERM, SIGINT); the shutdown hook stops PostgreSQL
    new CountDownLatch(1).await();
  }

  private static void stop(EmbeddedPostgres pg) {
    System.out.println("Stopping PostgreSQL ...");
    try {
      pg.close();
      System.out.println("PostgreSQL stopped");
    } catch (IOException | RuntimeException e) {
      System.err.println("local-postgres: could not stop PostgreSQL cleanly: " + e);
    }
    System.out.flush();
  }

  /** Creates the login role {@code name} and the database {@code name} it owns, if missing. */
  static void createRoleAndDatabase(Connection c, String name) throws SQLException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad name " + name);
    }
    try (Statement s = c.createStatement()) {
      if (exists(c, "select 1 from pg_roles where rolname = ?", name)) {
        System.out.println("role " + name + " exists");
      } else {
        // the name is validated above: a plain identifier, safe in DDL
        s.execute("create role " + name + " login password '" + name + "'");
        System.out.println("created role " + name);
      }
      if (exists(c, "select 1 from pg_database where datname = ?", name)) {
        System.out.println("database " + name + " exists");
      } else {
        s.execute("create database " + name + " owner " + name);
        System.out.println("created database " + name);
      }
    }
  }

  private static boolean exists(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void requireFreePort(int port) throws IOException {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IOException(
          "port " + port + " on localhost is in use; stop what listens there or use --port", e);
    }
  }

  /**
   * A previous run that was killed (not stopped) can leave its PostgreSQL running on our data
   * directory; {@code postmaster.pid} names it. Ask it for a fast shutdown and wait for it.
   */
  static void stopLeftoverServer(Path data) throws IOException, InterruptedException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(pidFile));
    if (lines.size() < 2) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    if (!Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(data)) {
      return;
    }
    Optional<ProcessHandle> leftover =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(cmd -> cmd.contains("postgres")).orElse(false));
    if (leftover.isEmpty()) {
      return; // a stale file: PostgreSQL itself copes with it
    }
    System.out.println("Stopping a PostgreSQL left over from a previous run (pid " + pid + ")");
    try {
      // SIGINT = PostgreSQL's "fast" shutdown: roll back sessions, checkpoint, exit
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
    } catch (IOException e) {
      leftover.get().destroy();
    }
    try {
      leftover.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException("PostgreSQL pid " + pid + " on " + data + " did not stop", e);
    }
  }
}
