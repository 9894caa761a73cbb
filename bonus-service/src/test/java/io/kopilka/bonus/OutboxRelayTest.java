package io.kopilka.bonus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.outbox.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against a WireMock stand-in for registration-service's SMS endpoint: delivery
 * with the row id as idempotency key and a service token, back-off on failure, parking after the
 * last attempt, and an admin retry.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.Profile.class)
class OutboxRelayTest {

  static WireMockServer registration;

  /** Its own Quarkus start: the registration URL points at WireMock and attempts are few. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("kopilka.outbox.max-attempts", "3", "kopilka.outbox.initial-backoff", "PT10S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(RegistrationStub.class));
    }
  }

  /** Starts WireMock before Quarkus and points the outbox destination at it. */
  public static class RegistrationStub implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      registration = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      registration.start();
      return Map.of("kopilka.outbox.destinations.registration.url", registration.baseUrl());
    }

    @Override
    public void stop() {
      registration.stop();
    }
  }

  @Inject OutboxRelay relay;
  @Inject MemberSms notifications;

  @BeforeEach
  void drainAndReset() {
    registration.resetAll();
    registration.stubFor(
        post(urlEqualTo("/internal/v1/notifications/sms")).willReturn(aResponse().withStatus(202)));
    relay.run(Instant.now().plusSeconds(86_400 * 365)); // deliver whatever earlier tests left
    registration.resetRequests();
  }

  @Test
  void shouldDeliverWithTheRowIdAsIdempotencyKeyAndAServiceToken() {
    String msisdn = newMsisdn();
    QuarkusTransaction.requiringNew().run(() -> notifications.send(msisdn, "Привет"));

    relay.run(Instant.now());

    List<LoggedRequest> requests =
        registration.findAll(postRequestedFor(urlEqualTo("/internal/v1/notifications/sms")));
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.get(0);
    assertThat(request.getHeader("Idempotency-Key")).matches("[0-9a-f-]{36}");
    assertThat(request.getHeader("Authorization")).startsWith("Bearer ");
    registration.verify(
        postRequestedFor(urlEqualTo("/internal/v1/notifications/sms"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Idempotency-Key", matching("[0-9a-f-]{36}"))
            .withRequestBody(equalToJson("{\"msisdn\":\"" + msisdn + "\",\"text\":\"Привет\"}")));
    relay.run(Instant.now());
    assertThat(registration.findAll(postRequestedFor(urlEqualTo("/internal/v1/notifications/sms"))))
        .hasSize(1);
  }

  @Test
  void shouldRetryWithBackOffAndParkAfterTheLastAttemptThenLetAnAdminRetry() {
    registration.stubFor(
        post(urlEqualTo("/internal/v1/notifications/sms")).willReturn(aResponse().withStatus(503)));
    String msisdn = newMsisdn();
    QuarkusTransaction.requiringNew().run(() -> notifications.send(msisdn, "Сбой"));
    Instant t0 = Instant.now();

    relay.run(t0); // attempt 1 fails: next in 10 s
    relay.run(t0.plusSeconds(5)); // not due yet
    assertThat(registration.findAll(postRequestedFor(urlEqualTo("/internal/v1/notifications/sms"))))
        .hasSize(1);
    relay.run(t0.plusSeconds(11)); // attempt 2 fails: next in 20 s
    relay.run(t0.plusSeconds(25)); // not due yet
    relay.run(t0.plusSeconds(32)); // attempt 3 fails: parked
    relay.run(t0.plusSeconds(3600));
    assertThat(registration.findAll(postRequestedFor(urlEqualTo("/internal/v1/notifications/sms"))))
        .hasSize(3);

    JsonPath parked =
        as("admin")
            .get("/api/v1/admin/bonus/outbox?status=PARKED")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String id = parked.getString("find { it.payload.contains('" + msisdn + "') }.id");
    assertThat(id).isNotNull();
    assertThat(parked.getString("find { it.id == '" + id + "' }.lastError")).contains("503");

    registration.stubFor(
        post(urlEqualTo("/internal/v1/notifications/sms")).willReturn(aResponse().withStatus(202)));
    as("admin").post("/api/v1/admin/bonus/outbox/" + id + "/retry").then().statusCode(200);
    relay.run(Instant.now());

    assertThat(registration.findAll(postRequestedFor(urlEqualTo("/internal/v1/notifications/sms"))))
        .hasSize(4);
    as("admin").post("/api/v1/admin/bonus/outbox/" + id + "/retry").then().statusCode(404);
  }
}
