package io.kopilka.bonus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import io.kopilka.common.jobs.Job;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.outbox.Outbox;
import io.kopilka.common.outbox.OutboxRelay;
import io.kopilka.common.persistence.SqlValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against a WireMock stand-in for registration-service's SMS endpoint and for a
 * second destination ({@code other}, under {@code /other} of the same WireMock): delivery with the
 * row id as idempotency key and a service token, back-off on failure, parking after the last
 * attempt, an admin retry, one lane per destination, and order within a destination.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.Profile.class)
class OutboxRelayTest {

  static final String SMS = "/internal/v1/notifications/sms";
  static final String THINGS = "/internal/v1/things";
  static final String OTHER = "/other" + THINGS;

  static WireMockServer registration;

  /**
   * Its own Quarkus start: the destinations point at WireMock, attempts are few and batches small
   * (a run takes several).
   */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "kopilka.outbox.max-attempts", "3",
          "kopilka.outbox.initial-backoff", "PT10S",
          "kopilka.outbox.batch-size", "4");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(RegistrationStub.class));
    }
  }

  /** Starts WireMock before Quarkus and points the outbox destinations at it. */
  public static class RegistrationStub implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      registration = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      registration.start();
      return Map.of(
          "kopilka.outbox.destinations.registration.url",
          registration.baseUrl(),
          "kopilka.outbox.destinations.other.url",
          registration.baseUrl() + "/other");
    }

    @Override
    public void stop() {
      registration.stop();
    }
  }

  @Inject OutboxRelay relay;
  @Inject MemberSms notifications;
  @Inject Outbox outbox;
  @Inject EntityManager em;

  @BeforeEach
  void drainAndReset() {
    registration.resetAll();
    registration.stubFor(post(urlEqualTo(SMS)).willReturn(aResponse().withStatus(202)));
    registration.stubFor(post(urlEqualTo(OTHER)).willReturn(aResponse().withStatus(200)));
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

  @Test
  void shouldDeliverToOneDestinationWhileAnotherFailsAndKeepTheFailedOnesInOrder() {
    registration.stubFor(post(urlEqualTo(SMS)).willReturn(aResponse().withStatus(503)));
    String tag = newMsisdn();
    List<UUID> sms = new ArrayList<>();
    List<UUID> other = new ArrayList<>();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              // the first batch (4): sms 1, other 1, sms 2, sms 3; the second: other 2, other 3
              sms.add(outbox.enqueue("registration", SMS, body(tag, "sms 1")));
              other.add(outbox.enqueue("other", THINGS, body(tag, "other 1")));
              sms.add(outbox.enqueue("registration", SMS, body(tag, "sms 2")));
              sms.add(outbox.enqueue("registration", SMS, body(tag, "sms 3")));
              other.add(outbox.enqueue("other", THINGS, body(tag, "other 2")));
              other.add(outbox.enqueue("other", THINGS, body(tag, "other 3")));
            });
    Instant t0 = Instant.now();

    Job.Result result = relay.run(t0);

    // the SMS lane stopped at its first failure; the other lane went on, into the next batch
    assertThat(result.summary()).isEqualTo("3 delivered, 1 failed, 2 released");
    assertThat(texts(SMS)).containsExactly("sms 1");
    assertThat(texts(OTHER)).containsExactly("other 1", "other 2", "other 3");
    Row failed = row(sms.get(0));
    assertThat(failed.status()).isEqualTo("PENDING");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.nextAttemptAt()).isBetween(t0.plusSeconds(10), t0.plusSeconds(20));
    for (UUID released : sms.subList(1, 3)) {
      assertThat(row(released))
          .isEqualTo(new Row("PENDING", 0, failed.nextAttemptAt(), null, null));
    }
    for (UUID delivered : other) {
      Row row = row(delivered);
      assertThat(row.status()).isEqualTo("DELIVERED");
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.deliveredAt()).isNotNull();
      assertThat(row.lastError()).isNull();
    }

    relay.run(t0.plusSeconds(5)); // not due yet
    assertThat(texts(SMS)).containsExactly("sms 1");

    registration.stubFor(post(urlEqualTo(SMS)).willReturn(aResponse().withStatus(202)));
    assertThat(relay.run(failed.nextAttemptAt()).summary())
        .isEqualTo("3 delivered, 0 failed, 0 released");
    assertThat(texts(SMS)).containsExactly("sms 1", "sms 1", "sms 2", "sms 3");
    assertThat(row(sms.get(0)).attempts()).isEqualTo(2);
    assertThat(row(sms.get(1)).attempts()).isEqualTo(1);
    assertThat(sms.stream().map(id -> row(id).status())).containsOnly("DELIVERED");
  }

  @Test
  void shouldGoOnWithALaneWhenTheDestinationRefusesOneMessage() {
    registration.stubFor(
        post(urlEqualTo(SMS))
            .withRequestBody(containing("\"refused\""))
            .willReturn(aResponse().withStatus(409)));
    String tag = newMsisdn();
    List<UUID> sms = new ArrayList<>();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              sms.add(outbox.enqueue("registration", SMS, body(tag, "sms 1")));
              sms.add(outbox.enqueue("registration", SMS, body(tag, "refused")));
              sms.add(outbox.enqueue("registration", SMS, body(tag, "sms 3")));
            });

    // a 409 is about that message, not the destination: the lane goes on
    assertThat(relay.run(Instant.now()).summary()).isEqualTo("2 delivered, 1 failed, 0 released");

    assertThat(texts(SMS)).containsExactly("sms 1", "refused", "sms 3");
    Row refused = row(sms.get(1));
    assertThat(refused.status()).isEqualTo("PENDING");
    assertThat(refused.attempts()).isEqualTo(1);
    assertThat(refused.lastError()).contains("409");
    assertThat(row(sms.get(0)).status()).isEqualTo("DELIVERED");
    assertThat(row(sms.get(2)).status()).isEqualTo("DELIVERED");
  }

  @Test
  void shouldDeliverTheMessagesOfADestinationInTheOrderTheyWereQueued() {
    String tag = newMsisdn();
    List<String> smsTexts = new ArrayList<>();
    List<String> otherTexts = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 1; i <= 7; i++) {
                smsTexts.add("sms " + i);
                ids.add(outbox.enqueue("registration", SMS, body(tag, "sms " + i)));
                otherTexts.add("other " + i);
                ids.add(outbox.enqueue("other", THINGS, body(tag, "other " + i)));
              }
            });

    assertThat(relay.run(Instant.now()).summary()).isEqualTo("14 delivered, 0 failed, 0 released");

    assertThat(texts(SMS)).containsExactlyElementsOf(smsTexts);
    assertThat(texts(OTHER)).containsExactlyElementsOf(otherTexts);
    for (UUID id : ids) {
      Row row = row(id);
      assertThat(row.status()).isEqualTo("DELIVERED");
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.deliveredAt()).isNotNull();
    }
  }

  private static Map<String, String> body(String msisdn, String text) {
    return Map.of("msisdn", msisdn, "text", text);
  }

  /** The texts posted to {@code path}, in the order WireMock received them. */
  private static List<String> texts(String path) {
    return registration.findAll(postRequestedFor(urlEqualTo(path))).stream()
        .map(request -> JsonPath.from(request.getBodyAsString()).getString("text"))
        .toList();
  }

  record Row(
      String status, int attempts, Instant nextAttemptAt, Instant deliveredAt, String lastError) {}

  private Row row(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Object[] r =
                  (Object[])
                      em.createNativeQuery(
                              "select status, attempts, next_attempt_at, delivered_at, last_error"
                                  + " from outbox_message where id = :id")
                          .setParameter("id", id)
                          .getSingleResult();
              return new Row(
                  (String) r[0],
                  ((Number) r[1]).intValue(),
                  SqlValues.instant(r[2]),
                  SqlValues.instant(r[3]),
                  (String) r[4]);
            });
  }
}
