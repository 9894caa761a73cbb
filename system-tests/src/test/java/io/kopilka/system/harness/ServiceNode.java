package io.kopilka.system.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Kopilka service as an operating-system process, started from its packaged application ({@code
 * <name>-service/target/quarkus-app}) on fixed ports, so the other services reach it again after a
 * restart. Its output is appended to {@code system-tests/target/logs/<name>.log}.
 */
public final class ServiceNode {

  private static final Duration READY = Duration.ofSeconds(120);

  private final String name;
  private final int port;
  private final int managementPort;
  private final Path jar;
  private final Path log;
  private final List<String> jvmOptions;
  private final Map<String, String> environment;
  private Process process;
  private Duration lastStart = Duration.ZERO;

  ServiceNode(
      String name,
      int port,
      int managementPort,
      Path jar,
      Path log,
      List<String> jvmOptions,
      Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.managementPort = managementPort;
    this.jar = jar;
    this.log = log;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.environment = Map.copyOf(environment);
  }

  public String name() {
    return name;
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Health and metrics. */
  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  /** How long the last start took until the service was ready. */
  public Duration lastStart() {
    return lastStart;
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** Starts the process; {@link #awaitReady()} waits for it. */
  synchronized void launch() {
    if (alive()) {
      throw new IllegalStateException(name + " is already running");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      Files.writeString(
          log,
          "\n===== system tests: starting " + name + " at " + Instant.now() + " =====\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  /** Waits until the readiness check answers 200 (database reachable, migrations done). */
  void awaitReady(Instant launched) {
    Instant deadline = launched.plus(READY);
    while (Instant.now().isBefore(deadline)) {
      if (!alive()) {
        throw new IllegalStateException(name + " exited while starting:\n" + tail());
      }
      if (status(managementUrl() + "/q/health/ready") == 200) {
        lastStart = Duration.between(launched, Instant.now());
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException(name + " was not ready within " + READY + ":\n" + tail());
  }

  /** Starts the service and waits until it is ready. */
  public void start() {
    Instant launched = Instant.now();
    launch();
    awaitReady(launched);
  }

  /** SIGKILL: the process dies at once, without finishing anything it was doing. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
    }
  }

  /** SIGTERM, as Kubernetes stops a pod; SIGKILL after 30 s. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(Duration.ofSeconds(30))) {
        kill();
      }
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last 60 lines of the service's log. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int status(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException notYet) {
      return -1;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
