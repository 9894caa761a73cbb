package io.kopilka.registration;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Other services' SMS to members: service tokens only, idempotent, two segments at most. */
@QuarkusTest
class NotificationTest {

  @Inject Outbound outbound;

  @Test
  void shouldQueueAnSmsOnceForAServiceKey() {
    String msisdn = newMsisdn();
    Map<String, String> body =
        Map.of("msisdn", msisdn, "text", "С днём рождения! Вам начислено 100 бонусных баллов.");
    String id =
        as("service")
            .header("Idempotency-Key", "birthday-" + msisdn)
            .body(body)
            .post("/internal/v1/notifications/sms")
            .then()
            .statusCode(202)
            .extract()
            .path("messageId");
    String again =
        as("service")
            .header("Idempotency-Key", "birthday-" + msisdn)
            .body(body)
            .post("/internal/v1/notifications/sms")
            .then()
            .statusCode(202)
            .extract()
            .path("messageId");

    assertThat(again).isEqualTo(id);
    assertThat(outbound.sms(msisdn)).containsExactly(body.get("text"));
  }

  @Test
  void shouldRefuseOtherRolesAndOverlongTexts() {
    String msisdn = newMsisdn();
    Map<String, String> body = Map.of("msisdn", msisdn, "text", "Привет");
    assertProblem(
        asMember(msisdn)
            .header("Idempotency-Key", "a")
            .body(body)
            .post("/internal/v1/notifications/sms"),
        403,
        "auth.forbidden");
    assertProblem(
        as("channel-gateway")
            .header("Idempotency-Key", "a")
            .body(body)
            .post("/internal/v1/notifications/sms"),
        403,
        "auth.forbidden");
    assertProblem(
        io.restassured.RestAssured.given()
            .contentType("application/json")
            .body(body)
            .post("/internal/v1/notifications/sms"),
        401,
        "auth.unauthenticated");
    assertProblem(
        as("service")
            .header("Idempotency-Key", "b")
            .body(Map.of("msisdn", msisdn, "text", "Ж".repeat(135)))
            .post("/internal/v1/notifications/sms"),
        400,
        "request.invalid");
    assertProblem(
        as("service").body(body).post("/internal/v1/notifications/sms"),
        400,
        "idempotency.key-missing");
    assertThat(outbound.sms(msisdn)).isEmpty();
  }
}
