package io.kopilka.system.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the suite's clients do, through the public and internal APIs only: the channel gateway's
 * USSD and SMS, billing's spend events, a member's balance and history, support and admin calls.
 */
public final class Kopilka {

  /** The login code in registration-service's SMS. */
  public static final Pattern LOGIN_CODE = Pattern.compile("Копилку: (\\d{6})");

  /** The confirmation code in gifting-service's SMS to the sender. */
  public static final Pattern GIFT_CODE = Pattern.compile("подарка: (\\d+)");

  /** How long asynchronous effects (outbox deliveries, jobs) may take in the tests. */
  public static final Duration ASYNC = Duration.ofSeconds(30);

  private final Suite suite;

  public Kopilka(Suite suite) {
    this.suite = suite;
  }

  /** A USSD request from {@code msisdn}; the reply text. */
  public String ussd(String msisdn, String request) {
    return suite
        .as(suite.registration(), "channel-gateway")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("msisdn", msisdn, "request", request))
        .post("/api/v1/channels/ussd")
        .then()
        .statusCode(200)
        .extract()
        .path("reply");
  }

  /** An SMS from {@code msisdn} to 4555; the reply text. */
  public String sms(String msisdn, String text) {
    return suite
        .as(suite.registration(), "channel-gateway")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("from", msisdn, "to", "4555", "text", text))
        .post("/api/v1/channels/sms")
        .then()
        .statusCode(200)
        .extract()
        .path("reply");
  }

  /** Joins by USSD and waits until bonus-service has the member's account. */
  public void joinByUssd(String msisdn) {
    ussd(msisdn, "*111*455*1#");
    awaitAccount(msisdn);
  }

  public void awaitAccount(String msisdn) {
    await()
        .atMost(ASYNC)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                suite
                        .as(suite.bonus(), "service")
                        .get("/internal/v1/accounts/" + msisdn + "/balance")
                        .statusCode()
                    == 200);
  }

  /** A new member (joined by USSD) with {@code points} earned from a taxi ride. */
  public String newMember(long points) {
    String msisdn = suite.newMsisdn();
    joinByUssd(msisdn);
    if (points > 0) {
      assertThat(accrue(msisdn, "TAXI", points * 100).getLong("points")).isEqualTo(points);
    }
    return msisdn;
  }

  /** How many of the number's history entries have {@code reason}, and their sum. */
  public long[] entries(String msisdn, String reason) {
    List<Map<String, Object>> items = history(suite.tokens.member(msisdn));
    long count = 0;
    long sum = 0;
    for (Map<String, Object> item : items) {
      if (reason.equals(item.get("reason"))) {
        count++;
        sum += ((Number) item.get("points")).longValue();
      }
    }
    return new long[] {count, sum};
  }

  /** The member's click to the partner from {@code source} (APP or WEB); its id. */
  public String click(String msisdn, Partner partner, String source) {
    return suite
        .asMember(suite.cashback(), msisdn)
        .body(Map.of("partnerId", partner.id(), "source", source))
        .post("/api/v1/clicks")
        .then()
        .statusCode(201)
        .extract()
        .path("clickId");
  }

  /** A spend event from billing; the result. */
  public JsonPath accrue(String msisdn, String kind, long amountKopecks) {
    return suite
        .as(suite.bonus(), "billing")
        .body(spend(msisdn, kind, amountKopecks))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** A spend event with a new id, as billing sends it. */
  public static Map<String, Object> spend(String msisdn, String kind, long amountKopecks) {
    return Map.of(
        "eventId", "billing-" + UUID.randomUUID(),
        "msisdn", msisdn,
        "kind", kind,
        "amountKopecks", amountKopecks,
        "occurredAt", Instant.now().minusSeconds(60).toString());
  }

  /** The member's balance as the member sees it. */
  public JsonPath balance(String authorization) {
    return suite
        .with(suite.bonus(), authorization)
        .get("/api/v1/accounts/me/balance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The member's newest history entries. */
  public List<Map<String, Object>> history(String authorization) {
    return suite
        .with(suite.bonus(), authorization)
        .get("/api/v1/accounts/me/history?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  /** The number's balance as a service sees it; 404 when it has no open account. */
  public Response account(String msisdn) {
    return suite.as(suite.bonus(), "service").get("/internal/v1/accounts/" + msisdn + "/balance");
  }

  public long available(String msisdn) {
    return account(msisdn).then().statusCode(200).extract().jsonPath().getLong("available");
  }

  /** Waits until the number's available points are {@code points}. */
  public void awaitAvailable(String msisdn, long points) {
    await()
        .atMost(ASYNC)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(available(msisdn))
                    .as("available points of %s", msisdn)
                    .isEqualTo(points));
  }

  /** The newest message to {@code msisdn} at the SMS provider that has {@code pattern}. */
  public String awaitSms(String msisdn, Pattern pattern) {
    return await()
        .atMost(ASYNC)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> suite.sms.latest(msisdn, pattern), Optional::isPresent)
        .orElseThrow();
  }

  /** Runs an admin job of {@code node} as of {@code asOf}; its report. */
  public JsonPath runJob(ServiceNode node, String job, Instant asOf) {
    String service = node.name();
    return suite
        .as(node, "admin")
        .post("/api/v1/admin/" + service + "/jobs/" + job + "?asOf=" + asOf)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /**
   * Outbox messages of service {@code service} to {@code destination} (null: any) with {@code
   * status} (PENDING, DELIVERED, PARKED), read from the service's database.
   */
  public long outbox(String service, String destination, String status) {
    return Long.parseLong(
        query(
                service,
                "select count(*) from outbox_message where status = '"
                    + status
                    + "'"
                    + (destination == null ? "" : " and destination = '" + destination + "'"))
            .get(0));
  }

  /**
   * The first column of {@code sql}'s rows, as text, run on {@code service}'s database as the
   * service's own role: for checks that no API answers, such as totals across all members.
   */
  public List<String> query(String service, String sql) {
    try (Connection c = suite.database.connect(service);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Messages parked in any service's outbox: given up on, waiting for an operator. */
  public long parked() {
    return Suite.SERVICES.stream().mapToLong(s -> outbox(s, null, "PARKED")).sum();
  }

  /** bonus-service's check of every ledger invariant. */
  public JsonPath audit() {
    return suite
        .as(suite.bonus(), "admin")
        .get("/api/v1/admin/bonus/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
