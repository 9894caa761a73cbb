package io.kopilka.common.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The real registration-service as a process (see {@link ServiceProcess}), in the {@code local}
 * profile (its SMS land in its dev sink), opening accounts in the real bonus-service of {@link
 * BonusServiceProcess}. For services that ask it about members or send SMS through it.
 */
public class RegistrationServiceProcess implements QuarkusTestResourceLifecycleManager {

  private static ServiceProcess process;

  @Override
  public Map<String, String> start() {
    String url = url();
    return Map.of(
        "quarkus.rest-client.registration.url", url,
        "kopilka.outbox.destinations.registration.url", url);
  }

  @Override
  public void stop() {
    // shared by every Quarkus start of the JVM; the JVM's exit stops it
  }

  public static synchronized String url() {
    if (process == null) {
      process =
          ServiceProcess.start(
              "registration-service",
              Map.of(
                  "QUARKUS_PROFILE", "local",
                  "KOPILKA_BONUS_URL", BonusServiceProcess.url(),
                  "KOPILKA_CATALOG_URL", "http://localhost:9",
                  // members join faster: their accounts open as soon as the relay runs
                  "KOPILKA_JOBS_OUTBOX_RELAY_EVERY", "0.2s"));
    }
    return process.url();
  }

  /**
   * Joins {@code msisdn} by USSD (active at once, rule R4), waits until registration-service has
   * opened its account in bonus-service, and credits {@code points} there.
   */
  public static void join(String msisdn, long points) {
    given()
        .baseUri(url())
        .header("Authorization", TestTokens.bearer("channel-gateway"))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body(Map.of("msisdn", msisdn, "request", "*111*455*1#"))
        .post("/api/v1/channels/ussd")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                given()
                        .baseUri(BonusServiceProcess.url())
                        .header("Authorization", TestTokens.bearer("service"))
                        .get("/internal/v1/accounts/" + msisdn + "/balance")
                        .statusCode()
                    == 200);
    if (points > 0) {
      BonusServiceProcess.credit(msisdn, points, "test-grant:" + UUID.randomUUID());
    }
  }
}
