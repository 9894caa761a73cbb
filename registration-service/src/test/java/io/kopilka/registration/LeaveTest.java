package io.kopilka.registration;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Leaving (R9): by the member, with confirmation when points would be lost, or by support. */
@QuarkusTest
class LeaveTest {

  @Inject Outbound outbound;

  @Test
  void shouldAskForConfirmationWhenPointsWouldBeLost() {
    String msisdn = newMsisdn();
    UUID id = Api.activeWebMember(msisdn);
    Stubs.balance(msisdn, 1250, 1250);

    Response unconfirmed = asMember(msisdn).delete("/api/v1/members/me");
    assertProblem(unconfirmed, 409, "membership.leave-unconfirmed");
    assertThat(unconfirmed.jsonPath().getString("detail")).contains("1250 points");
    asMember(msisdn).get("/api/v1/members/me").then().body("status", is("ACTIVE"));
    assertThat(outbound.toBonus(msisdn).size()).isEqualTo(2); // open + welcome, no closure

    asMember(msisdn)
        .delete("/api/v1/members/me?confirm=true")
        .then()
        .statusCode(200)
        .body("status", is("LEFT"))
        .body("leftAt", org.hamcrest.Matchers.notNullValue())
        // who reviewed the membership is for support's eyes only, as in GET /members/me
        .body("events", org.hamcrest.Matchers.nullValue());
    assertThat(closures(id)).isEqualTo(1);
    assertThat(outbound.lastSms(msisdn)).contains("Вы вышли");
  }

  @Test
  void shouldLeaveAtOnceWithAnEmptyAccountAndStartAgainFromZero() {
    String msisdn = newMsisdn();
    UUID first = Api.activeWebMember(msisdn);
    Stubs.balance(msisdn, 0, 0);

    asMember(msisdn).delete("/api/v1/members/me").then().statusCode(200).body("status", is("LEFT"));
    assertThat(closures(first)).isEqualTo(1);

    UUID second = Api.activeWebMember(msisdn);
    assertThat(second).isNotEqualTo(first);
    asMember(msisdn).get("/api/v1/members/me").then().body("membershipId", is(second.toString()));
    assertThat(
            as("support")
                .get("/api/v1/admin/registration/members?msisdn=" + msisdn)
                .jsonPath()
                .getList("status"))
        .containsExactly("ACTIVE", "LEFT");
  }

  @Test
  void shouldWithdrawAPendingApplicationWithoutTouchingBonus() {
    String msisdn = newMsisdn();
    Api.apply(msisdn);
    asMember(msisdn).delete("/api/v1/members/me").then().statusCode(200).body("status", is("LEFT"));
    assertThat(outbound.toBonus(msisdn)).isEmpty();
    assertProblem(asMember(msisdn).delete("/api/v1/members/me"), 404, "membership.not-found");
  }

  @Test
  void shouldRecordWhoEndedAMembershipForTheMemberAndWhy() {
    String msisdn = newMsisdn();
    UUID id = Api.activeWebMember(msisdn);

    as("support")
        .body(Map.of("channel", "SHOP", "reason", "Паспорт 45 01 123456, салон на Тверской"))
        .post("/api/v1/admin/registration/members/" + id + "/leave")
        .then()
        .statusCode(200)
        .body("status", is("LEFT"))
        .body("events[2].type", is("LEFT"))
        .body("events[2].actor", is("support-test"))
        .body("events[2].channel", is("SHOP"))
        .body("events[2].detail", is("Паспорт 45 01 123456, салон на Тверской"))
        .body("events[2].at", org.hamcrest.Matchers.notNullValue());
    assertThat(closures(id)).isEqualTo(1);

    assertProblem(
        as("support")
            .body(Map.of("channel", "HOTLINE", "reason", "повтор"))
            .post("/api/v1/admin/registration/members/" + id + "/leave"),
        409,
        "membership.ended");
    assertProblem(
        as("support")
            .body(Map.of("channel", "MAIL", "reason", "x"))
            .post("/api/v1/admin/registration/members/" + id + "/leave"),
        400,
        "request.invalid-value");
    assertProblem(
        asMember(msisdn)
            .body(Map.of("channel", "SHOP", "reason", "x"))
            .post("/api/v1/admin/registration/members/" + id + "/leave"),
        403,
        "auth.forbidden");
  }

  @Test
  void shouldKeepSupportsReasonOutOfTheLedger() {
    String msisdn = newMsisdn();
    UUID id = Api.activeWebMember(msisdn);
    String reason = "Паспорт 45 01 123456, " + "Ж".repeat(470);
    as("support")
        .body(Map.of("channel", "HOTLINE", "reason", reason))
        .post("/api/v1/admin/registration/members/" + id + "/leave")
        .then()
        .statusCode(200)
        .body("events[2].detail", is(reason));

    String sent =
        outbound.toBonus("").stream()
            .filter(m -> m.path().equals("/internal/v1/accounts/" + id + "/closure"))
            .findFirst()
            .orElseThrow()
            .body()
            .get("reason")
            .asText();
    assertThat(sent).isEqualTo("Выход из программы через горячую линию");
  }

  @Test
  void shouldLeaveOnceWhenTwoRequestsRace() throws Exception {
    String msisdn = newMsisdn();
    UUID id = Api.activeWebMember(msisdn);
    java.util.concurrent.CompletableFuture<Integer> first =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> asMember(msisdn).delete("/api/v1/members/me?confirm=true").statusCode());
    java.util.concurrent.CompletableFuture<Integer> second =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> asMember(msisdn).delete("/api/v1/members/me?confirm=true").statusCode());

    assertThat(java.util.List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 404);
    assertThat(closures(id)).isEqualTo(1);
  }

  @Test
  void shouldNotLeaveWhenTheBalanceCannotBeRead() {
    String msisdn = newMsisdn();
    Api.activeWebMember(msisdn);
    Stubs.server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    "/internal/v1/accounts/" + msisdn + "/balance")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));

    assertProblem(asMember(msisdn).delete("/api/v1/members/me"), 503, "bonus.unavailable");
    asMember(msisdn).get("/api/v1/members/me").then().body("status", is("ACTIVE"));
  }

  private long closures(UUID membershipId) {
    return outbound.toBonus("").stream()
        .filter(m -> m.path().equals("/internal/v1/accounts/" + membershipId + "/closure"))
        .count();
  }
}
