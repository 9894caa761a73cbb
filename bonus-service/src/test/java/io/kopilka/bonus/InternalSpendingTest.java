package io.kopilka.bonus;

import static io.kopilka.bonus.Api.available;
import static io.kopilka.bonus.Api.balance;
import static io.kopilka.bonus.Api.credit;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InternalSpendingTest {

  @AfterEach
  void ledgerStaysConsistent() {
    Api.assertAuditClean();
  }

  @Test
  void shouldCreditEachCreditableReasonIncludingFixedPromotionAmountsA6() {
    String msisdn = newMsisdn();
    open(msisdn);
    for (String reason :
        new String[] {
          "WELCOME",
          "EMAIL",
          "REFERRAL",
          "BIRTHDAY",
          "PROMOTION",
          "CASHBACK",
          "GIFT",
          "REFUND",
          "ADJUSTMENT"
        }) {
      post(
              "/internal/v1/credits",
              Map.of("msisdn", msisdn, "points", 10, "reason", reason, "reference", "r-" + reason))
          .statusCode(201)
          .body("reason", equalTo(reason));
    }
    assertThat(available(msisdn)).isEqualTo(90);
  }

  @Test
  void shouldRefuseToCreditADebitReason() {
    String msisdn = newMsisdn();
    open(msisdn);
    assertProblem(
        post(
            "/internal/v1/credits",
            Map.of("msisdn", msisdn, "points", 10, "reason", "EXPIRY", "reference", "x")),
        400,
        "credit.reason-not-allowed");
    assertThat(available(msisdn)).isZero();
  }

  @Test
  void shouldReplayACreditWithTheSameKeyAndRefuseTheKeyWithAnotherBody() {
    String msisdn = newMsisdn();
    open(msisdn);
    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of("msisdn", msisdn, "points", 100, "reason", "WELCOME", "reference", "m1");

    long first =
        as("service")
            .header("Idempotency-Key", key)
            .body(body)
            .post("/internal/v1/credits")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("entryId");
    long again =
        as("service")
            .header("Idempotency-Key", key)
            .body(body)
            .post("/internal/v1/credits")
            .then()
            .statusCode(201)
            .header("Idempotent-Replayed", "true")
            .extract()
            .jsonPath()
            .getLong("entryId");

    assertThat(again).isEqualTo(first);
    assertThat(available(msisdn)).isEqualTo(100);
    assertProblem(
        as("service")
            .header("Idempotency-Key", key)
            .body(Map.of("msisdn", msisdn, "points", 200, "reason", "WELCOME", "reference", "m1"))
            .post("/internal/v1/credits")
            .then(),
        422,
        "idempotency.key-reused");
    assertProblem(
        as("service").body(body).post("/internal/v1/credits").then(),
        400,
        "idempotency.key-missing");
    assertProblem(
        as("service")
            .header("Idempotency-Key", "has space")
            .body(body)
            .post("/internal/v1/credits")
            .then(),
        400,
        "idempotency.key-invalid");
    assertThat(available(msisdn)).isEqualTo(100);
  }

  @Test
  void shouldScopeIdempotencyKeysToTheCaller() {
    String msisdn = newMsisdn();
    open(msisdn);
    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of("msisdn", msisdn, "points", 100, "reason", "WELCOME", "reference", "m1");
    as("service")
        .header("Idempotency-Key", key)
        .body(body)
        .post("/internal/v1/credits")
        .then()
        .statusCode(201);

    given("catalog-service")
        .header("Idempotency-Key", key)
        .body(body)
        .post("/internal/v1/credits")
        .then()
        .statusCode(201);

    assertThat(available(msisdn)).isEqualTo(200);
  }

  @Test
  void shouldHoldThenCaptureExactlyOnce() {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 500);
    String holdId =
        hold(msisdn, 210).statusCode(201).body("status", equalTo("HELD")).extract().path("holdId");

    assertThat(balance(msisdn).getLong("held")).isEqualTo(210);
    assertThat(available(msisdn)).isEqualTo(290);

    post("/internal/v1/holds/" + holdId + "/capture", Map.of())
        .statusCode(200)
        .body("status", equalTo("CAPTURED"));
    post("/internal/v1/holds/" + holdId + "/capture", Map.of())
        .statusCode(200)
        .body("status", equalTo("CAPTURED"));
    assertProblem(
        post("/internal/v1/holds/" + holdId + "/void", Map.of()), 409, "hold.already-resolved");

    assertThat(balance(msisdn).getLong("balance")).isEqualTo(290);
    assertThat(balance(msisdn).getLong("held")).isZero();
  }

  @Test
  void shouldVoidAHoldOnceAndNeverCaptureItAfterwards() {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 100);
    String holdId = hold(msisdn, 100).statusCode(201).extract().path("holdId");

    post("/internal/v1/holds/" + holdId + "/void", Map.of())
        .statusCode(200)
        .body("status", equalTo("VOIDED"));
    post("/internal/v1/holds/" + holdId + "/void", Map.of())
        .statusCode(200)
        .body("status", equalTo("VOIDED"));
    assertProblem(
        post("/internal/v1/holds/" + holdId + "/capture", Map.of()), 409, "hold.already-resolved");

    assertThat(available(msisdn)).isEqualTo(100);
  }

  @Test
  void shouldRefuseAHoldBeyondTheAvailablePoints() {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 100);
    hold(msisdn, 60).statusCode(201);

    assertProblem(hold(msisdn, 50), 422, "ledger.insufficient-points");
    assertThat(available(msisdn)).isEqualTo(40);
  }

  @Test
  void shouldExpireAHoldAndReleaseItsPoints() {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 100);
    String holdId = Api.hold(msisdn, 100, 60);

    Api.runJob("hold-expiry", java.time.Instant.now().plusSeconds(61));

    assertThat(available(msisdn)).isEqualTo(100);
    assertProblem(
        post("/internal/v1/holds/" + holdId + "/capture", Map.of()), 409, "hold.already-resolved");
    post("/internal/v1/holds/" + holdId + "/void", Map.of())
        .statusCode(200)
        .body("status", equalTo("EXPIRED"));
  }

  @Test
  void shouldTransferPointsBetweenTwoMembersInOneTransactionG5() {
    String from = newMsisdn();
    String to = newMsisdn();
    open(from);
    open(to);
    credit(from, 1000);

    post(
            "/internal/v1/transfers",
            Map.of("fromMsisdn", from, "toMsisdn", to, "points", 300, "reference", "gift-1"))
        .statusCode(201)
        .body("fromBalance", equalTo(700))
        .body("toBalance", equalTo(300));

    assertProblem(
        post(
            "/internal/v1/transfers",
            Map.of("fromMsisdn", from, "toMsisdn", to, "points", 701, "reference", "gift-2")),
        422,
        "ledger.insufficient-points");
    assertProblem(
        post(
            "/internal/v1/transfers",
            Map.of("fromMsisdn", from, "toMsisdn", from, "points", 1, "reference", "gift-3")),
        422,
        "transfer.same-account");
    assertProblem(
        post(
            "/internal/v1/transfers",
            Map.of(
                "fromMsisdn", from, "toMsisdn", newMsisdn(), "points", 1, "reference", "gift-4")),
        404,
        "account.not-found");
    assertThat(available(from)).isEqualTo(700);
    assertThat(
            asMember(to)
                .get("/api/v1/accounts/me/history")
                .then()
                .extract()
                .jsonPath()
                .getString("items[0].reason"))
        .isEqualTo("GIFT");
  }

  @Test
  void shouldPayTheBillPointForRoubleWithAtMostTheAvailablePointsB4() {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 300);
    hold(msisdn, 100).statusCode(201);

    post(
            "/internal/v1/bill-payments",
            Map.of("msisdn", msisdn, "maxPoints", 500, "reference", "bill-2026-12"))
        .statusCode(200)
        .body("paidPoints", equalTo(200))
        .body("balance", equalTo(100));
    post(
            "/internal/v1/bill-payments",
            Map.of("msisdn", msisdn, "maxPoints", 500, "reference", "bill-2027-01"))
        .statusCode(200)
        .body("paidPoints", equalTo(0));
  }

  @Test
  void shouldRejectInvalidSpendingRequestsAndWriteNothing() {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 100);

    assertProblem(
            post(
                "/internal/v1/credits",
                Map.of("msisdn", "8916", "points", 0, "reason", "WELCOME", "reference", "")),
            400,
            "request.invalid")
        .body(
            "violations.field",
            org.hamcrest.Matchers.containsInAnyOrder("msisdn", "points", "reference"));
    assertProblem(
            post(
                "/internal/v1/credits",
                Map.of("msisdn", msisdn, "points", 5, "reason", "NOPE", "reference", "x")),
            400,
            "request.invalid-value")
        .body("violations[0].field", equalTo("reason"));
    assertProblem(
        post("/internal/v1/holds", Map.of("msisdn", msisdn, "points", -1, "reference", "x")),
        400,
        "request.invalid");
    assertProblem(
        post(
            "/internal/v1/holds",
            Map.of("msisdn", msisdn, "points", 1, "reference", "x", "ttlSeconds", 999999)),
        400,
        "hold.ttl-too-long");
    assertProblem(
        post("/internal/v1/holds/" + UUID.randomUUID() + "/capture", Map.of()),
        404,
        "hold.not-found");
    assertProblem(
        post(
            "/internal/v1/credits",
            Map.of(
                "msisdn",
                msisdn,
                "points",
                5,
                "reason",
                "WELCOME",
                "reference",
                "x",
                "balance",
                1000000)),
        400,
        "request.unknown-property");

    assertThat(balance(msisdn).getLong("balance")).isEqualTo(100);
    assertThat(balance(msisdn).getLong("held")).isZero();
  }

  private static ValidatableResponse hold(String msisdn, long points) {
    return post(
        "/internal/v1/holds",
        Map.of("msisdn", msisdn, "points", points, "reference", "order-" + UUID.randomUUID()));
  }

  private static ValidatableResponse post(String path, Map<String, Object> body) {
    return as("service")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post(path)
        .then();
  }

  private static io.restassured.specification.RequestSpecification given(String serviceName) {
    return io.restassured.RestAssured.given()
        .contentType(io.restassured.http.ContentType.JSON)
        .header(
            "Authorization",
            "Bearer " + io.kopilka.common.testing.TestTokens.token(serviceName, "service"));
  }
}
