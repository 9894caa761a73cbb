package io.kopilka.bonus;

import static io.kopilka.bonus.Api.available;
import static io.kopilka.bonus.Api.credit;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountLifecycleTest {

  @AfterEach
  void ledgerStaysConsistent() {
    Api.assertAuditClean();
  }

  @Test
  void shouldOpenAnAccountOncePerMembership() {
    String msisdn = newMsisdn();
    UUID membership = UUID.randomUUID();
    Map<String, Object> body =
        Map.of(
            "membershipId", membership, "msisdn", msisdn, "joinedOn", LocalDate.now().toString());

    long id =
        as("service")
            .body(body)
            .post("/internal/v1/accounts")
            .then()
            .statusCode(201)
            .body("status", equalTo("OPEN"))
            .extract()
            .jsonPath()
            .getLong("accountId");
    long again =
        as("service")
            .body(body)
            .post("/internal/v1/accounts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("accountId");

    assertThat(again).isEqualTo(id);
  }

  @Test
  void shouldRefuseASecondOpenAccountForTheSameNumber() {
    String msisdn = newMsisdn();
    open(msisdn);

    assertProblem(
        as("service")
            .body(
                Map.of(
                    "membershipId",
                    UUID.randomUUID(),
                    "msisdn",
                    msisdn,
                    "joinedOn",
                    LocalDate.now().toString()))
            .post("/internal/v1/accounts")
            .then(),
        409,
        "account.msisdn-has-open-account");
  }

  @Test
  void shouldForfeitTheBalanceOnLeavingAndStartFromZeroOnRejoiningR9() {
    String msisdn = newMsisdn();
    UUID membership = open(msisdn);
    credit(msisdn, 350);
    Api.hold(msisdn, 50, 900);

    as("service")
        .body(Map.of("reason", "SMS 0"))
        .post("/internal/v1/accounts/" + membership + "/closure")
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED"))
        .body("forfeitedPoints", equalTo(350))
        .body("balance", equalTo(0));
    as("service")
        .body(Map.of())
        .post("/internal/v1/accounts/" + membership + "/closure")
        .then()
        .statusCode(200)
        .body("forfeitedPoints", equalTo(350));

    assertProblem(
        asMember(msisdn).get("/api/v1/accounts/me/balance").then(), 404, "account.not-found");
    assertProblem(
        as("service")
            .body(
                Map.of(
                    "membershipId",
                    membership,
                    "msisdn",
                    msisdn,
                    "joinedOn",
                    LocalDate.now().toString()))
            .post("/internal/v1/accounts")
            .then(),
        409,
        "account.closed");

    open(msisdn); // a new membership
    assertThat(available(msisdn)).isZero();
    assertThat(
            asMember(msisdn)
                .get("/api/v1/accounts/me/history")
                .then()
                .extract()
                .jsonPath()
                .getList("items"))
        .isEmpty();
  }

  @Test
  void shouldSetTheBirthDateOfAMemberWhoJoinedWithoutOneOnceR7() {
    String msisdn = newMsisdn();
    UUID membership = UUID.randomUUID();
    as("service")
        .body(Map.of("membershipId", membership, "msisdn", msisdn, "joinedOn", "2026-01-10"))
        .post("/internal/v1/accounts")
        .then()
        .statusCode(201);
    String path = "/internal/v1/accounts/" + membership + "/birth-date";

    as("service")
        .body(Map.of("birthDate", "1990-05-17"))
        .post(path)
        .then()
        .statusCode(200)
        .body("birthDate", equalTo("1990-05-17"));
    as("service").body(Map.of("birthDate", "1990-05-17")).post(path).then().statusCode(200);
    assertProblem(
        as("service").body(Map.of("birthDate", "1991-05-17")).post(path),
        409,
        "account.birth-date-set");
    assertProblem(
        as("service").body(Map.of("birthDate", "2999-01-01")).post(path), 400, "request.invalid");
    assertProblem(
        as("service")
            .body(Map.of("birthDate", "1990-05-17"))
            .post("/internal/v1/accounts/" + UUID.randomUUID() + "/birth-date"),
        404,
        "account.not-found");
    assertProblem(
        asMember(msisdn).body(Map.of("birthDate", "1990-05-17")).post(path), 403, "auth.forbidden");
  }

  @Test
  void shouldCreditOnlyTheNamedMembershipR9() {
    String msisdn = newMsisdn();
    UUID first = open(msisdn);
    as("service")
        .body(Map.of("reason", "member left"))
        .post("/internal/v1/accounts/" + first + "/closure")
        .then()
        .statusCode(200);
    UUID second = open(msisdn);

    // a credit earned in the first membership arrives late: it must not reach the second
    assertProblem(creditTo(msisdn, first), 409, "account.closed");
    assertProblem(creditTo(msisdn, UUID.randomUUID()), 404, "account.not-found");
    assertProblem(creditTo(newMsisdn(), second), 409, "account.membership-conflict");
    assertThat(available(msisdn)).isZero();

    creditTo(msisdn, second).then().statusCode(201);
    assertThat(available(msisdn)).isEqualTo(10);
  }

  private static io.restassured.response.Response creditTo(String msisdn, UUID membershipId) {
    return as("service")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(
            Map.of(
                "msisdn",
                msisdn,
                "membershipId",
                membershipId,
                "points",
                10,
                "reason",
                "WELCOME",
                "reference",
                "membership:" + membershipId))
        .post("/internal/v1/credits");
  }

  @Test
  void shouldRejectInvalidAccountRequests() {
    assertProblem(
            as("service")
                .body(
                    Map.of(
                        "membershipId",
                        "not-a-uuid",
                        "msisdn",
                        newMsisdn(),
                        "joinedOn",
                        "2026-01-01"))
                .post("/internal/v1/accounts")
                .then(),
            400,
            "request.invalid-value")
        .body("violations[0].field", equalTo("membershipId"));
    assertProblem(
            as("service")
                .body(
                    Map.of(
                        "membershipId",
                        UUID.randomUUID(),
                        "msisdn",
                        newMsisdn(),
                        "joinedOn",
                        "2999-01-01"))
                .post("/internal/v1/accounts")
                .then(),
            400,
            "request.invalid")
        .body("violations[0].field", equalTo("joinedOn"));
    assertProblem(
        as("service").body("{").post("/internal/v1/accounts").then(),
        400,
        "request.malformed-json");
    assertProblem(as("service").post("/internal/v1/accounts").then(), 400, "request.invalid");
    assertProblem(
        as("service")
            .body(Map.of())
            .post("/internal/v1/accounts/" + UUID.randomUUID() + "/closure")
            .then(),
        404,
        "account.not-found");
  }
}
