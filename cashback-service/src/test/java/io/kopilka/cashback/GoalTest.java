package io.kopilka.cashback;

import static io.kopilka.cashback.Cashback.balance;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.asMember;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.kopilka.cashback.job.BillPaymentJob;
import io.kopilka.cashback.job.BillPaymentRetryJob;
import io.kopilka.cashback.job.GoalCheckJob;
import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.OutboxRows;
import io.kopilka.common.testing.RegistrationServiceProcess;
import io.kopilka.common.testing.Requests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Goals (C7): the phone bill paid from points on the 1st, and savings goals. */
@QuarkusTest
class GoalTest {

  @Inject BillPaymentJob bills;
  @Inject BillPaymentRetryJob retry;
  @Inject GoalCheckJob goalCheck;

  @AfterEach
  void billingBack() {
    given().contentType("application/json").body("true").put("/dev/billing/available");
  }

  @Test
  void theBillIsPaidFromPointsFirstOnTheFirstAndASecondRunPaysNoOneTwice() {
    String partly = member(300);
    String wholly = member(1000);
    String none = member(0);
    bill(partly, 45_050); // 450.50 RUB: 300 from points, the rest from the phone balance
    bill(wholly, 20_000);
    bill(none, 30_000);
    // 03:00 UTC on 1 January is 06:00 on the 1st in Moscow
    Instant first = Instant.parse("2027-01-01T03:00:00Z");

    bills.run(first);
    assertThat(balance(partly)).isZero();
    assertThat(balance(wholly)).isEqualTo(800);
    assertThat(balance(none)).isZero();
    assertThat(OutboxRows.to("registration", partly))
        .singleElement()
        .satisfies(
            sms ->
                assertThat(sms.payload())
                    .contains("январь 2027 оплачен баллами: 300 ₽, остаток 150,50 ₽"));
    assertThat(OutboxRows.to("registration", wholly))
        .singleElement()
        .satisfies(sms -> assertThat(sms.payload()).contains("оплачен баллами: 200 ₽."));
    assertThat(OutboxRows.to("registration", none)).isEmpty();

    BonusServiceProcess.credit(wholly, 100, "later:" + UUID.randomUUID());
    bills.run(first.plusSeconds(3600));
    assertThat(balance(wholly)).isEqualTo(900);
    assertThat(OutboxRows.to("registration", wholly)).hasSize(1);
    asMember(partly)
        .get("/api/v1/goals/me")
        .then()
        .statusCode(200)
        .body("phoneBill.name", equalTo("Оплата услуг связи"))
        .body("phoneBill.lastPayment.month", equalTo("2027-01"))
        .body("phoneBill.lastPayment.status", equalTo("PAID"))
        .body("phoneBill.lastPayment.billKopecks", equalTo(45_050))
        .body("phoneBill.lastPayment.paidPoints", equalTo(300));
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void aRunThatCannotReachBillingIsFinishedByTheNextAndPaysOnce() {
    String msisdn = member(500);
    bill(msisdn, 40_000);
    Instant first = Instant.parse("2027-02-01T03:00:00Z");
    given().contentType("application/json").body("false").put("/dev/billing/available");
    bills.run(first);
    assertThat(balance(msisdn)).isEqualTo(500);
    asMember(msisdn)
        .get("/api/v1/goals/me")
        .then()
        .body("phoneBill.lastPayment.status", equalTo("PENDING"));

    given().contentType("application/json").body("true").put("/dev/billing/available");
    retry.run(Instant.now());
    retry.run(Instant.now());
    bills.run(first.plusSeconds(120));
    assertThat(balance(msisdn)).isEqualTo(100);
    assertThat(OutboxRows.to("registration", msisdn)).hasSize(1);
  }

  @Test
  void aMemberIsToldOnceWhenTheBalanceReachesAGoal() {
    String msisdn = member(100);
    String goalId =
        asMember(msisdn)
            .body(Map.of("name", "Новый телефон", "targetPoints", 500))
            .post("/api/v1/goals/me")
            .then()
            .statusCode(201)
            .extract()
            .path("goalId");
    asMember(msisdn)
        .get("/api/v1/goals/me")
        .then()
        .body("balance", equalTo(100))
        .body("savings[0].goalId", equalTo(goalId))
        .body("savings[0].progressPoints", equalTo(100))
        .body("savings[0].reached", equalTo(false));
    goalCheck.run(Instant.now());
    assertThat(OutboxRows.to("registration", msisdn)).isEmpty();

    BonusServiceProcess.credit(msisdn, 400, "saved:" + UUID.randomUUID());
    goalCheck.run(Instant.now());
    goalCheck.run(Instant.now());
    assertThat(OutboxRows.to("registration", msisdn))
        .singleElement()
        .satisfies(
            sms ->
                assertThat(sms.payload())
                    .contains("Цель «Новый телефон» достигнута: на счёте 500 баллов"));
    asMember(msisdn)
        .get("/api/v1/goals/me")
        .then()
        .body("savings[0].reached", equalTo(true))
        .body("savings[0].reachedAt", notNullValue());
  }

  @Test
  void goalsAreValidatedCappedAndOnlyTheOwnerRemovesThem() {
    String msisdn = member(0);
    assertProblem(
            asMember(msisdn).body(Map.of("name", " ", "targetPoints", 0)).post("/api/v1/goals/me"),
            400,
            "request.invalid")
        .body("violations.size()", equalTo(2));
    String first = null;
    for (int i = 0; i < 10; i++) {
      String id =
          asMember(msisdn)
              .body(Map.of("name", "Цель " + i, "targetPoints", 1000 + i))
              .post("/api/v1/goals/me")
              .then()
              .statusCode(201)
              .extract()
              .path("goalId");
      first = first == null ? id : first;
    }
    assertProblem(
        asMember(msisdn)
            .body(Map.of("name", "Ещё одна", "targetPoints", 5))
            .post("/api/v1/goals/me"),
        422,
        "goal.too-many");
    assertProblem(
        asMember(Requests.newMsisdn()).delete("/api/v1/goals/me/" + first), 404, "goal.not-found");
    asMember(msisdn).delete("/api/v1/goals/me/" + first).then().statusCode(204);
    asMember(msisdn)
        .body(Map.of("name", "Ещё одна", "targetPoints", 5))
        .post("/api/v1/goals/me")
        .then()
        .statusCode(201);
  }

  private static String member(long points) {
    String msisdn = Requests.newMsisdn();
    RegistrationServiceProcess.join(msisdn, points);
    return msisdn;
  }

  private static void bill(String msisdn, long kopecks) {
    given()
        .contentType("application/json")
        .body(Map.of("amountKopecks", kopecks))
        .put("/dev/billing/bills/" + msisdn)
        .then()
        .statusCode(200);
  }
}
