package io.kopilka.common.testing;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * The real bonus-service as a process (see {@link ServiceProcess}) for the services that move
 * points through it, with helpers to set up and check accounts through its own API. Points move as
 * in production: a test can only see what the ledger really did.
 */
public class BonusServiceProcess implements QuarkusTestResourceLifecycleManager {

  private static ServiceProcess process;

  @Override
  public Map<String, String> start() {
    String url = url();
    return Map.of(
        "quarkus.rest-client.bonus.url", url, "kopilka.outbox.destinations.bonus.url", url);
  }

  @Override
  public void stop() {
    // shared by every Quarkus start of the JVM; the JVM's exit stops it
  }

  public static synchronized String url() {
    if (process == null) {
      // its notices to members go nowhere: nothing listens on port 9
      process =
          ServiceProcess.start(
              "bonus-service", Map.of("KOPILKA_REGISTRATION_URL", "http://localhost:9"));
    }
    return process.url();
  }

  /** Opens an account for {@code msisdn} with {@code points} on it; returns its membership id. */
  public static UUID openAccount(String msisdn, long points) {
    UUID membershipId = UUID.randomUUID();
    given()
        .baseUri(url())
        .header("Authorization", TestTokens.bearer("service"))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "membershipId", membershipId,
                "msisdn", msisdn,
                "joinedOn", LocalDate.now(ZoneId.of("Europe/Moscow")).toString()))
        .post("/internal/v1/accounts")
        .then()
        .statusCode(201);
    if (points > 0) {
      credit(msisdn, points, "test-grant:" + membershipId);
    }
    return membershipId;
  }

  public static void credit(String msisdn, long points, String reference) {
    given()
        .baseUri(url())
        .header("Authorization", TestTokens.bearer("service"))
        .header("Idempotency-Key", reference)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "msisdn", msisdn, "points", points, "reason", "PROMOTION", "reference", reference))
        .post("/internal/v1/credits")
        .then()
        .statusCode(201);
  }

  /** Spends {@code points} of the number's (a hold, captured at once). */
  public static void debit(String msisdn, long points) {
    String reference = "test-debit:" + UUID.randomUUID();
    String holdId =
        given()
            .baseUri(url())
            .header("Authorization", TestTokens.bearer("service"))
            .header("Idempotency-Key", reference)
            .contentType(ContentType.JSON)
            .body(Map.of("msisdn", msisdn, "points", points, "reference", reference))
            .post("/internal/v1/holds")
            .then()
            .statusCode(201)
            .extract()
            .path("holdId");
    given()
        .baseUri(url())
        .header("Authorization", TestTokens.bearer("service"))
        .contentType(ContentType.JSON)
        .post("/internal/v1/holds/" + holdId + "/capture")
        .then()
        .statusCode(200);
  }

  /** The account as bonus-service reports it: {@code balance}, {@code available}, {@code held}. */
  public static JsonPath account(String msisdn) {
    return given()
        .baseUri(url())
        .header("Authorization", TestTokens.bearer("service"))
        .get("/internal/v1/accounts/" + msisdn + "/balance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Whether every ledger invariant holds (bonus-service's audit). */
  public static JsonPath audit() {
    return given()
        .baseUri(url())
        .header("Authorization", TestTokens.bearer("admin"))
        .get("/api/v1/admin/bonus/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
