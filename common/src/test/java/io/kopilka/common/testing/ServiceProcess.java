package io.kopilka.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another Kopilka service, run for real as its own process from its built application ({@code
 * <module>/target/quarkus-app}), on its own database of the shared PostgreSQL server and with the
 * test keys. Contract and end-to-end tests talk to it instead of a stand-in. The process runs in
 * the {@code prod} profile and lives as long as the test JVM.
 */
public final class ServiceProcess {

  private static final Duration STARTUP = Duration.ofSeconds(90);

  /** Quarkus's start-up line: "Listening on: http://0.0.0.0:PORT. Management interface ...". */
  private static final Pattern LISTENING =
      Pattern.compile(
          "Listening on: http://[^ ]+:(\\d+)\\. Management interface listening on http://[^ ]+:(\\d+)");

  private static final Map<String, ServiceProcess> RUNNING = new HashMap<>();

  private final String url;

  private ServiceProcess(String url) {
    this.url = url;
  }

  /** The service's base URL, e.g. {@code http://localhost:41234}. */
  public String url() {
    return url;
  }

  /**
   * Starts {@code module} (once per JVM) with {@code env} added to its environment. The module must
   * have been packaged: {@code ./mvnw verify} builds the modules in order; a single module's tests
   * need {@code ./mvnw package -DskipTests -pl <module> -am} first.
   */
  public static synchronized ServiceProcess start(String module, Map<String, String> env) {
    ServiceProcess running = RUNNING.get(module);
    if (running == null) {
      running = launch(module, env);
      RUNNING.put(module, running);
    }
    return running;
  }

  private static ServiceProcess launch(String module, Map<String, String> extraEnv) {
    Path root = Path.of(System.getProperty("kopilka.root", "..")).toAbsolutePath().normalize();
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: build it with ./mvnw package -DskipTests -pl "
              + module
              + " -am (./mvnw verify builds it before the modules that need it)");
    }
    EmbeddedPostgresResource.Database db =
        EmbeddedPostgresResource.database(module.replace("-service", ""));
    Path keys = TestTokens.keys();
    Path log = root.resolve(module).resolve("target/test-process.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("QUARKUS_PROFILE", "prod");
    // ports the process binds itself and logs: a port picked here and freed for the process to
    // bind could be taken by another server meanwhile
    env.put("QUARKUS_HTTP_PORT", "0");
    env.put("QUARKUS_MANAGEMENT_PORT", "0");
    env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
    env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
    env.put("KOPILKA_JWT_PUBLIC_KEY", keys.resolve("public.pem").toString());
    env.put("KOPILKA_JWT_PRIVATE_KEY", keys.resolve("private.pem").toString());
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.putAll(extraEnv);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + module, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    Instant deadline = Instant.now().plus(STARTUP);
    Matcher ports = await(module, process, log, deadline, "start listening", () -> listening(log));
    String health = "http://localhost:" + ports.group(2) + "/q/health/ready";
    await(module, process, log, deadline, "be ready", () -> ready(health));
    return new ServiceProcess("http://localhost:" + ports.group(1));
  }

  /** Quarkus's start-up line, which names the ports the process listens on, once it is logged. */
  private static Matcher listening(Path log) throws IOException {
    for (String line : Files.readAllLines(log)) {
      Matcher ports = LISTENING.matcher(line);
      if (ports.find()) {
        return ports;
      }
    }
    return null;
  }

  /** True once the health check answers 200, else null. */
  private static Boolean ready(String health) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(health).toURL().openConnection();
    c.setConnectTimeout(500);
    c.setReadTimeout(2000);
    return c.getResponseCode() == 200 ? Boolean.TRUE : null;
  }

  /** What can be looked at again until it is there: null or an IOException mean not yet. */
  private interface Probe<T> {
    T look() throws IOException;
  }

  /**
   * Looks with {@code probe} every 200 ms until it finds something, the process exits or {@code
   * deadline} passes.
   */
  private static <T> T await(
      String module, Process process, Path log, Instant deadline, String what, Probe<T> probe) {
    while (Instant.now().isBefore(deadline)) {
      try {
        T found = probe.look();
        if (found != null) {
          return found;
        }
      } catch (IOException notYet) {
        // still starting, or the log's last line cut in the middle of a character
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(module + " exited at start:\n" + tail(log));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while " + module + " starts", e);
      }
    }
    process.destroy();
    throw new IllegalStateException(
        module + " did not " + what + " within " + STARTUP + ":\n" + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
