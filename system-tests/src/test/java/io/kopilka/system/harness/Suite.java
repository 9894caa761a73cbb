package io.kopilka.system.harness;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole Kopilka suite, as it runs in production: the five packaged services as separate
 * processes in the {@code prod} profile, each on its own database of one PostgreSQL server, with
 * their real HTTP clients, outbox relays and jobs, and stand-ins in this JVM only for the
 * operator's external systems (SMS provider, mail server, billing, provisioning). Started once per
 * test JVM by {@link SystemTest}; stopped at the end of the run, also when a test fails.
 *
 * <p>Only timing is tuned for tests: relays poll every second, back-off is capped at 2 s and the
 * recovery jobs take over a stuck order or gift after 3 s instead of a minute.
 */
public final class Suite implements AutoCloseable {

  /** The services, in the order of their usual ports (registration 8081, bonus 8082, ...). */
  public static final List<String> SERVICES =
      List.of("registration", "bonus", "cashback", "catalog", "gifting");

  private static Suite instance;

  public final Tokens tokens;
  public final SmsProvider sms;
  public final MailServer mail;
  public final BillingGateway billing;
  public final ProvisioningGateway provisioning;
  final Database database;
  private final Map<String, ServiceNode> nodes = new LinkedHashMap<>();
  private final AtomicLong numbers = new AtomicLong(randomNumberBase());
  private boolean closed;

  /** The running suite, started on first use. */
  static synchronized Suite get() {
    if (instance == null) {
      instance = new Suite();
      Suite started = instance;
      // a backstop for a test JVM that is stopped without closing the suite
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      started.startAll();
    }
    return instance;
  }

  private Suite() {
    Path root = Path.of(System.getProperty("kopilka.root", "..")).toAbsolutePath().normalize();
    Path work = root.resolve("system-tests/target/system");
    try {
      // each run's logs on their own: a restarted service appends to its log
      if (Files.isDirectory(work.resolve("logs"))) {
        try (var old = Files.list(work.resolve("logs"))) {
          for (Path log : old.toList()) {
            Files.delete(log);
          }
        }
      }
      Files.createDirectories(work.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tokens = new Tokens(work.resolve("jwt"));
    sms = new SmsProvider();
    mail = new MailServer();
    billing = new BillingGateway();
    provisioning = new ProvisioningGateway();
    database = new Database();

    Map<String, Integer> ports = new HashMap<>();
    for (String name : SERVICES) {
      ports.put(name, freePort());
    }
    for (String name : SERVICES) {
      Path jar = root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar + " is missing: ./mvnw verify packages the services before the system tests");
      }
      Map<String, String> env = new HashMap<>();
      env.put("QUARKUS_PROFILE", "prod");
      env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
      env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(name)));
      env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
      env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()));
      env.put("QUARKUS_DATASOURCE_JDBC_URL", database.create(name));
      env.put("QUARKUS_DATASOURCE_USERNAME", name);
      env.put("QUARKUS_DATASOURCE_PASSWORD", name);
      env.put("KOPILKA_JWT_PUBLIC_KEY", tokens.publicKey().toString());
      env.put("KOPILKA_JWT_PRIVATE_KEY", tokens.privateKey().toString());
      env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
      ports.forEach(
          (other, port) ->
              env.put("KOPILKA_" + other.toUpperCase() + "_URL", "http://127.0.0.1:" + port));
      env.putAll(externalSystems(name));
      List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
      jvm.addAll(fastTiming(name));
      int managementPort = Integer.parseInt(env.get("QUARKUS_MANAGEMENT_PORT"));
      nodes.put(
          name,
          new ServiceNode(
              name,
              ports.get(name),
              managementPort,
              jar,
              work.resolve("logs/" + name + ".log"),
              jvm,
              env));
    }
  }

  /** Where each service finds the operator's systems, and how it authenticates to them. */
  private Map<String, String> externalSystems(String name) {
    return switch (name) {
      case "registration" ->
          Map.of(
              "KOPILKA_SMS_GATEWAY_URL", sms.url(),
              "KOPILKA_SMS_GATEWAY_AUTHORIZATION", sms.authorization(),
              "QUARKUS_MAILER_HOST", "127.0.0.1",
              "QUARKUS_MAILER_PORT", Integer.toString(mail.port()),
              "QUARKUS_MAILER_TLS", "false",
              "QUARKUS_MAILER_START_TLS", "DISABLED",
              "QUARKUS_MAILER_FROM", "kopilka@system-test.example",
              "KOPILKA_EMAIL_CONFIRMATION_LINK",
                  "https://kopilka.example/email-confirmation?token={token}");
      case "catalog" ->
          Map.of(
              "KOPILKA_PROVISIONING_URL", provisioning.url(),
              "KOPILKA_PROVISIONING_AUTHORIZATION", provisioning.authorization(),
              "KOPILKA_CERTIFICATE_KEY", randomKey());
      case "cashback" ->
          Map.of(
              "KOPILKA_BILLING_URL", billing.url(),
              "KOPILKA_BILLING_AUTHORIZATION", billing.authorization());
      default -> Map.of();
    };
  }

  private static List<String> fastTiming(String name) {
    List<String> options =
        new ArrayList<>(
            List.of("-Dkopilka.jobs.outbox-relay.every=1s", "-Dkopilka.outbox.max-backoff=PT2S"));
    switch (name) {
      case "cashback" -> options.add("-Dkopilka.jobs.credit-notices.every=1s");
      case "catalog" ->
          options.addAll(
              List.of(
                  "-Dkopilka.catalog.recovery-after=PT3S",
                  "-Dkopilka.jobs.redemption-recovery.every=1s"));
      case "gifting" ->
          options.addAll(
              List.of(
                  "-Dkopilka.gifting.recovery-after=PT3S",
                  "-Dkopilka.jobs.gift-transfer-recovery.every=1s"));
      default -> {
        // the defaults
      }
    }
    return options;
  }

  private void startAll() {
    Instant launched = Instant.now();
    nodes.values().forEach(ServiceNode::launch);
    nodes.values().forEach(node -> node.awaitReady(launched));
    System.out.printf(
        "Kopilka suite ready in %d ms: %s%n",
        Duration.between(launched, Instant.now()).toMillis(),
        String.join(", ", nodes.values().stream().map(n -> n.name() + " " + n.url()).toList()));
  }

  public ServiceNode registration() {
    return nodes.get("registration");
  }

  public ServiceNode bonus() {
    return nodes.get("bonus");
  }

  public ServiceNode cashback() {
    return nodes.get("cashback");
  }

  public ServiceNode catalog() {
    return nodes.get("catalog");
  }

  public ServiceNode gifting() {
    return nodes.get("gifting");
  }

  /** A JSON request to {@code node} without credentials. */
  public RequestSpecification anonymous(ServiceNode node) {
    return given().baseUri(node.url()).contentType(ContentType.JSON);
  }

  /** A JSON request to {@code node} with the {@code Authorization} header {@code authorization}. */
  public RequestSpecification with(ServiceNode node, String authorization) {
    return anonymous(node).header("Authorization", authorization);
  }

  /** A JSON request to {@code node} as a caller with {@code role}. */
  public RequestSpecification as(ServiceNode node, String role) {
    return with(node, tokens.bearer(role));
  }

  /** A JSON request to {@code node} as the member {@code msisdn}. */
  public RequestSpecification asMember(ServiceNode node, String msisdn) {
    return with(node, tokens.member(msisdn));
  }

  /** A number no test used before (7 + 10 digits), unique in this run. */
  public String newMsisdn() {
    return "7" + numbers.incrementAndGet();
  }

  /** A new partner of {@code category} at {@code rateBasisPoints}, with its webhook secret. */
  public Partner newPartner(String category, int rateBasisPoints) {
    String id = "partner-" + Long.toString(numbers.incrementAndGet(), 36);
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Магазин " + id);
    body.put("category", category);
    body.put("rateBasisPoints", rateBasisPoints);
    body.put("confirmationDays", 30);
    body.put("redirectUrlTemplate", "https://shop.example/go?click={clickId}");
    String secret =
        as(cashback(), "partner-admin")
            .body(body)
            .put("/api/v1/admin/cashback/partners/" + id)
            .then()
            .statusCode(201)
            .extract()
            .path("secret");
    return new Partner(cashback().url(), id, secret);
  }

  /** Stops the services (SIGTERM), then the stand-ins and PostgreSQL. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    nodes.values().parallelStream().forEach(ServiceNode::stop);
    sms.close();
    billing.close();
    provisioning.close();
    try {
      mail.close();
      database.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long randomNumberBase() {
    // numbers 79xxxxxxxxx, far apart between runs on a kept external database
    return 9_000_000_000L + ThreadLocalRandom.current().nextLong(900) * 1_000_000L;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
