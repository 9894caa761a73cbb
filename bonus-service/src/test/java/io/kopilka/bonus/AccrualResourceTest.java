package io.kopilka.bonus;

import static io.kopilka.bonus.Api.accrue;
import static io.kopilka.bonus.Api.available;
import static io.kopilka.bonus.Api.event;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class AccrualResourceTest {

  @AfterEach
  void ledgerStaysConsistent() {
    Api.assertAuditClean();
  }

  @ParameterizedTest(name = "{0}: {1} kopecks earn {2} points")
  @CsvSource({
    "TELECOM, 100000, 200", // rule A1: 1 point per 5 RUB
    "SHOP, 90000, 300", // rule A2: 1 point per 3 RUB
    "TAXI, 45000, 450", // rule A3: 1 point per 1 RUB
    "CARD, 60000, 20" // rule A4: 1 point per 30 RUB
  })
  void shouldAccrueByKindRatesA1ToA4(String kind, long kopecks, long points) {
    String msisdn = newMsisdn();
    open(msisdn);

    JsonPath result = accrue(msisdn, kind, kopecks);

    assertThat(result.getString("status")).isEqualTo("ACCRUED");
    assertThat(result.getLong("points")).isEqualTo(points);
    assertThat(available(msisdn)).isEqualTo(points);
  }

  @Test
  void shouldCarryRemainderOverToTheNextSpendOfTheSameKindA7() {
    String msisdn = newMsisdn();
    open(msisdn);

    assertThat(accrue(msisdn, "TELECOM", 799).getLong("points"))
        .isEqualTo(1); // 7.99 RUB: 2.99 left
    assertThat(accrue(msisdn, "SHOP", 200).getLong("points"))
        .isZero(); // another kind keeps its own
    assertThat(accrue(msisdn, "TELECOM", 201).getLong("points"))
        .isEqualTo(1); // 2.99 + 2.01 = 5 RUB

    assertThat(available(msisdn)).isEqualTo(2);
  }

  @Test
  void shouldMultiplyAccrualsByTenureR8() {
    String oneYear = newMsisdn();
    String threeYears = newMsisdn();
    open(oneYear, LocalDate.now().minusYears(1).minusDays(1), LocalDate.of(1980, 1, 1));
    open(threeYears, LocalDate.now().minusYears(3).minusDays(1), LocalDate.of(1980, 1, 1));

    assertThat(accrue(oneYear, "TAXI", 100000).getLong("points")).isEqualTo(1100); // ×1.1
    assertThat(accrue(threeYears, "TAXI", 100000).getLong("points")).isEqualTo(1200); // ×1.2
  }

  @Test
  void shouldCreditTheCardBonusOnceWhenCardSpendExceedsThreeThousandRoublesA5() {
    String msisdn = newMsisdn();
    open(msisdn);

    assertThat(accrue(msisdn, "CARD", 300000).getLong("bonusPoints")).isZero(); // exactly 3,000 RUB
    assertThat(accrue(msisdn, "CARD", 3000).getLong("bonusPoints")).isEqualTo(1000); // now beyond
    assertThat(accrue(msisdn, "CARD", 300000).getLong("bonusPoints"))
        .isZero(); // once per membership

    assertThat(available(msisdn)).isEqualTo(100 + 1 + 100 + 1000);
  }

  @Test
  void shouldAccrueTheSameEventOnceA9() {
    String msisdn = newMsisdn();
    open(msisdn);
    Map<String, Object> event = event(UUID.randomUUID().toString(), msisdn, "TAXI", 5000);

    JsonPath first =
        as("billing")
            .body(event)
            .post("/api/v1/accruals")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath again =
        as("billing")
            .body(event)
            .post("/api/v1/accruals")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(again.getMap("")).isEqualTo(first.getMap(""));
    assertThat(available(msisdn)).isEqualTo(50);
  }

  @Test
  void shouldRefuseAnEventIdReusedForADifferentEventA9() {
    String msisdn = newMsisdn();
    open(msisdn);
    String eventId = UUID.randomUUID().toString();
    as("billing")
        .body(event(eventId, msisdn, "TAXI", 5000))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200);

    assertProblem(
        as("billing").body(event(eventId, msisdn, "TAXI", 7000)).post("/api/v1/accruals").then(),
        422,
        "accrual.event-id-reused");
    assertThat(available(msisdn)).isEqualTo(50);
  }

  @Test
  void shouldAcknowledgeANonMemberWithZeroPointsAndAReason() {
    JsonPath result = accrue(newMsisdn(), "TELECOM", 100000);

    assertThat(result.getString("status")).isEqualTo("NOT_MEMBER");
    assertThat(result.getLong("points")).isZero();
    assertThat(result.getString("reason")).isNotBlank();
  }

  @Test
  void shouldReversePointsOfARefundA8() {
    String msisdn = newMsisdn();
    open(msisdn);
    String eventId = UUID.randomUUID().toString();
    as("billing")
        .body(event(eventId, msisdn, "TAXI", 100000))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200);

    refund(eventId, 40000).body("reversedPoints", equalTo(400)).body("debitedPoints", equalTo(400));
    refund(eventId, 60000)
        .body("reversedPoints", equalTo(600))
        .body("refundedKopecks", equalTo(100000));

    assertThat(available(msisdn)).isZero();
    assertProblem(refund(eventId, 1), 422, "accrual.refund-exceeds-spend");
  }

  @Test
  void shouldNetAnAlreadySpentRefundAgainstLaterAccrualsWithoutGoingNegativeA8() {
    String msisdn = newMsisdn();
    open(msisdn);
    String eventId = UUID.randomUUID().toString();
    as("billing")
        .body(event(eventId, msisdn, "TAXI", 100000))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200);
    Api.payBill(msisdn, 700); // 300 left

    refund(eventId, 100000)
        .body("reversedPoints", equalTo(1000))
        .body("debitedPoints", equalTo(300))
        .body("deferredPoints", equalTo(700));
    assertThat(available(msisdn)).isZero();

    JsonPath next = accrue(msisdn, "TAXI", 50000); // earns 500, all netted
    assertThat(next.getLong("points")).isZero();
    assertThat(next.getLong("nettedPoints")).isEqualTo(500);
    JsonPath history =
        asMember(msisdn).get("/api/v1/accounts/me/history").then().extract().jsonPath();
    assertThat(history.getString("items[0].reason"))
        .isEqualTo("ACCRUAL"); // B2: still in the history
    assertThat(history.getLong("items[0].points")).isZero();
    assertThat(history.getString("items[0].description")).contains("500 б. в счёт возврата");
    JsonPath after = accrue(msisdn, "TAXI", 50000); // 200 netted, 300 credited
    assertThat(after.getLong("nettedPoints")).isEqualTo(200);
    assertThat(after.getLong("points")).isEqualTo(300);
    assertThat(available(msisdn)).isEqualTo(300);
  }

  @Test
  void shouldTakeTheCardBonusBackWhenARefundBringsCardSpendUnderTheThresholdA5A8() {
    String msisdn = newMsisdn();
    open(msisdn);
    String eventId = UUID.randomUUID().toString();
    as("billing")
        .body(event(eventId, msisdn, "CARD", 300100))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200)
        .body("bonusPoints", equalTo(1000));
    assertThat(available(msisdn)).isEqualTo(1100);

    refund(eventId, 300100)
        .body("reversedPoints", equalTo(1100))
        .body("debitedPoints", equalTo(1100));

    assertThat(available(msisdn)).isZero();
    assertThat(accrue(msisdn, "CARD", 300100).getLong("bonusPoints"))
        .isEqualTo(1000); // earned again, once
  }

  @Test
  void shouldReplayARefundWithTheSameIdempotencyKey() {
    String msisdn = newMsisdn();
    open(msisdn);
    String eventId = UUID.randomUUID().toString();
    as("billing")
        .body(event(eventId, msisdn, "TAXI", 100000))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200);
    String key = UUID.randomUUID().toString();

    as("billing")
        .header("Idempotency-Key", key)
        .body(Map.of("amountKopecks", 10000))
        .post("/api/v1/accruals/" + eventId + "/refund")
        .then()
        .statusCode(200);
    as("billing")
        .header("Idempotency-Key", key)
        .body(Map.of("amountKopecks", 10000))
        .post("/api/v1/accruals/" + eventId + "/refund")
        .then()
        .statusCode(200)
        .header("Idempotent-Replayed", "true");

    assertThat(available(msisdn)).isEqualTo(900);
    assertProblem(
        as("billing")
            .header("Idempotency-Key", key)
            .body(Map.of("amountKopecks", 20000))
            .post("/api/v1/accruals/" + eventId + "/refund")
            .then(),
        422,
        "idempotency.key-reused");
    assertProblem(
        as("billing")
            .body(Map.of("amountKopecks", 20000))
            .post("/api/v1/accruals/" + eventId + "/refund")
            .then(),
        400,
        "idempotency.key-missing");
  }

  @Test
  void shouldAccrueABatchWithPerEventResultsWhereOneBadEventFailsNothingElse() {
    String msisdn = newMsisdn();
    String other = newMsisdn();
    open(msisdn);
    open(other);
    Map<String, Object> bad =
        new HashMap<>(event(UUID.randomUUID().toString(), msisdn, "TAXI", -5));
    Map<String, Object> wrongType =
        new HashMap<>(event(UUID.randomUUID().toString(), msisdn, "TAXI", 100));
    wrongType.put("amountKopecks", "lots");
    Map<String, Object> duplicate = event(UUID.randomUUID().toString(), other, "SHOP", 30000);
    List<Object> events =
        List.of(
            event(UUID.randomUUID().toString(), msisdn, "TAXI", 10000),
            bad,
            duplicate,
            wrongType,
            event(UUID.randomUUID().toString(), newMsisdn(), "TAXI", 10000),
            duplicate);

    JsonPath result =
        as("billing")
            .body(Map.of("events", events))
            .post("/api/v1/accruals/batch")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(result.getInt("accepted")).isEqualTo(4);
    assertThat(result.getInt("rejected")).isEqualTo(2);
    assertThat(result.getList("results.status", String.class))
        .containsExactly("ACCRUED", "REJECTED", "ACCRUED", "REJECTED", "NOT_MEMBER", "ACCRUED");
    assertThat(result.getString("results[1].violations[0].field")).isEqualTo("amountKopecks");
    assertThat(result.getString("results[3].violations[0].field")).isEqualTo("amountKopecks");
    assertThat(available(msisdn)).isEqualTo(100);
    assertThat(available(other)).isEqualTo(100); // the duplicate accrued once
  }

  @Test
  void shouldRejectOnlyTheEventOfABatchThatReusesAnEventIdA9() {
    String msisdn = newMsisdn();
    open(msisdn);
    String reused = UUID.randomUUID().toString();
    as("billing")
        .body(event(reused, msisdn, "TAXI", 10000))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200);

    JsonPath result =
        as("billing")
            .body(
                Map.of(
                    "events",
                    List.of(
                        event(reused, msisdn, "TAXI", 99999),
                        event(UUID.randomUUID().toString(), msisdn, "TAXI", 20000))))
            .post("/api/v1/accruals/batch")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(result.getList("results.status", String.class))
        .containsExactly("REJECTED", "ACCRUED");
    assertThat(result.getString("results[0].violations[0].field")).isEqualTo("eventId");
    assertThat(available(msisdn)).isEqualTo(300);
  }

  @Test
  void shouldNotCarryARemainderIntoAnotherYearA7() {
    String msisdn = newMsisdn();
    open(msisdn);
    Map<String, Object> december =
        new HashMap<>(event(UUID.randomUUID().toString(), msisdn, "TELECOM", 499));
    december.put("occurredAt", "2025-12-31T20:00:00Z"); // 23:00 in Moscow
    Map<String, Object> january =
        new HashMap<>(event(UUID.randomUUID().toString(), msisdn, "TELECOM", 499));
    january.put("occurredAt", "2025-12-31T21:30:00Z"); // 00:30 on 1 January in Moscow

    as("billing").body(december).post("/api/v1/accruals").then().statusCode(200);
    as("billing")
        .body(january)
        .post("/api/v1/accruals")
        .then()
        .statusCode(200)
        .body("points", equalTo(0));
    Map<String, Object> later =
        new HashMap<>(event(UUID.randomUUID().toString(), msisdn, "TELECOM", 1));
    later.put("occurredAt", "2026-03-01T10:00:00Z");
    as("billing")
        .body(later)
        .post("/api/v1/accruals")
        .then()
        .statusCode(200)
        .body("points", equalTo(1)); // 4.99 + 0.01 of 2026
  }

  @Test
  void shouldRefuseAnEmptyOrOversizedBatch() {
    assertProblem(
        as("billing").body(Map.of("events", List.of())).post("/api/v1/accruals/batch").then(),
        400,
        "request.invalid");
    List<Object> tooMany =
        java.util.stream.IntStream.range(0, 1001).mapToObj(i -> (Object) Map.of()).toList();
    assertProblem(
            as("billing").body(Map.of("events", tooMany)).post("/api/v1/accruals/batch").then(),
            400,
            "request.invalid")
        .body("violations[0].field", equalTo("events"));
  }

  private static io.restassured.response.ValidatableResponse refund(String eventId, long kopecks) {
    return as("billing")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("amountKopecks", kopecks))
        .post("/api/v1/accruals/" + eventId + "/refund")
        .then();
  }
}
