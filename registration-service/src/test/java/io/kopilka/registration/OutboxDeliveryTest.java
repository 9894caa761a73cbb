package io.kopilka.registration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay delivering to bonus-service and the SMS provider (WireMock): an outage delays
 * the account and the credits of an activation, and each arrives once it is back, under the same
 * idempotency key on every attempt.
 */
@QuarkusTest
class OutboxDeliveryTest {

  @Inject Outbound outbound;

  @AfterEach
  void reset() {
    Stubs.reset();
  }

  @BeforeEach
  void drain() {
    // deliver what earlier tests left, so this test's messages are the only ones due
    Api.runJob("outbox-relay", Instant.now());
    Stubs.server().resetRequests();
  }

  @Test
  void shouldDeliverActivationAfterABonusOutageOnceItIsBack() {
    Stubs.server()
        .stubFor(post(urlEqualTo("/internal/v1/accounts")).willReturn(aResponse().withStatus(503)));
    Stubs.server()
        .stubFor(post(urlEqualTo("/internal/v1/credits")).willReturn(aResponse().withStatus(503)));
    String msisdn = newMsisdn();
    UUID id = Api.activeWebMember(msisdn);

    Instant now = Instant.now();
    Api.runJob("outbox-relay", now);
    assertThat(opens(id)).hasSize(1);

    Stubs.answerDefaults();
    Api.runJob("outbox-relay", now.plus(Duration.ofHours(1)));
    Api.runJob("outbox-relay", now.plus(Duration.ofHours(2)));

    List<LoggedRequest> opens = opens(id);
    assertThat(opens).hasSize(2);
    assertThat(opens.get(1).getHeader("Idempotency-Key"))
        .isEqualTo(opens.get(0).getHeader("Idempotency-Key"));
    assertThat(opens.get(1).getHeader("Authorization")).startsWith("Bearer ey");
    // the welcome credit waited behind the failed activation, and followed it once bonus was back
    List<LoggedRequest> welcome = welcome(msisdn);
    assertThat(welcome).hasSize(1);
    assertThat(welcome.get(0).getLoggedDate()).isAfterOrEqualTo(opens.get(1).getLoggedDate());
  }

  @Test
  void shouldSendSmsToTheProviderWithItsOwnCredentials() {
    String msisdn = newMsisdn();
    Api.sms(msisdn, "");

    Api.runJob("outbox-relay", Instant.now());

    Stubs.server()
        .verify(
            1,
            postRequestedFor(urlEqualTo("/sms/messages"))
                .withRequestBody(containing("\"to\":\"" + msisdn + "\""))
                .withRequestBody(containing("\"from\":\"4555\""))
                .withHeader("Authorization", equalTo(Stubs.SMS_PROVIDER_AUTHORIZATION))
                .withHeader("Idempotency-Key", matching("[0-9a-f-]{36}")));
  }

  @Test
  void shouldHideBodiesOfMessagesThatMayHoldALiveCode() {
    String msisdn = newMsisdn();
    io.restassured.RestAssured.given()
        .contentType("application/json")
        .body(java.util.Map.of("msisdn", msisdn))
        .post("/api/v1/auth/otp")
        .then()
        .statusCode(202);
    Api.runJob("outbox-relay", Instant.now());

    List<java.util.Map<String, Object>> delivered =
        io.kopilka.common.testing.Requests.as("admin")
            .get("/api/v1/admin/registration/outbox?status=DELIVERED&limit=1000")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(delivered).isNotEmpty().allSatisfy(m -> assertThat(m.get("payload")).isNull());
  }

  @Test
  void shouldPurgeDeliveredMessagesAfterAWeek() {
    String msisdn = newMsisdn();
    Api.sms(msisdn, "");
    Instant now = Instant.now();
    Api.runJob("outbox-relay", now);
    assertThat(outbound.sms(msisdn)).hasSize(1);

    Api.runJob("outbox-purge", now.plus(Duration.ofDays(6)));
    assertThat(outbound.sms(msisdn)).hasSize(1);
    Api.runJob("outbox-purge", now.plus(Duration.ofDays(8)));
    assertThat(outbound.sms(msisdn)).isEmpty();
  }

  private static List<LoggedRequest> opens(UUID membershipId) {
    return Stubs.server()
        .findAll(
            postRequestedFor(urlEqualTo("/internal/v1/accounts"))
                .withRequestBody(containing(membershipId.toString())));
  }

  private static List<LoggedRequest> welcome(String msisdn) {
    return Stubs.server()
        .findAll(
            postRequestedFor(urlEqualTo("/internal/v1/credits"))
                .withRequestBody(containing("\"msisdn\":\"" + msisdn + "\""))
                .withRequestBody(containing("WELCOME")));
  }
}
