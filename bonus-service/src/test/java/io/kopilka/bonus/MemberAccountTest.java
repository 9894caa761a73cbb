package io.kopilka.bonus;

import static io.kopilka.bonus.Api.accrue;
import static io.kopilka.bonus.Api.credit;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberAccountTest {

  @Test
  void shouldShowTheBalanceWithHeldAndExpiringPointsB1() {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 250);

    JsonPath balance = Api.balance(msisdn);

    assertThat(balance.getString("msisdn")).isEqualTo(msisdn);
    assertThat(balance.getLong("available")).isEqualTo(250);
    assertThat(balance.getLong("held")).isZero();
    assertThat(balance.getLong("expiringAtYearEnd")).isEqualTo(250);
    assertThat(balance.getString("expiresAt")).endsWith("-12-31T21:00:00Z");
  }

  @Test
  void shouldPageTheHistoryNewestFirstWithReasonsB2() {
    String msisdn = newMsisdn();
    open(msisdn);
    for (int i = 1; i <= 7; i++) {
      credit(msisdn, i);
    }
    accrue(msisdn, "TAXI", 1000);

    List<Long> points = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = asMember(msisdn).queryParam("limit", 3);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page =
          request.get("/api/v1/accounts/me/history").then().statusCode(200).extract().jsonPath();
      points.addAll(page.getList("items.points", Long.class));
      assertThat(page.getList("items.reason")).doesNotContainNull();
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(points).containsExactly(10L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void shouldShowOnlyTheTokensOwnAccount() {
    String mine = newMsisdn();
    String theirs = newMsisdn();
    open(mine);
    open(theirs);
    credit(theirs, 999);

    assertThat(Api.balance(mine).getLong("available")).isZero();
    assertThat(
            asMember(mine)
                .get("/api/v1/accounts/me/history")
                .then()
                .extract()
                .jsonPath()
                .getList("items"))
        .isEmpty();
    // a member cannot name another account: no such parameter exists, and internal paths refuse
    // members
    assertProblem(
        asMember(mine).get("/internal/v1/accounts/" + theirs + "/balance").then(),
        403,
        "auth.forbidden");
  }

  @Test
  void shouldRefuseCallersWithoutAMemberToken() {
    assertProblem(
            RestAssured.given().get("/api/v1/accounts/me/balance").then(),
            401,
            "auth.unauthenticated")
        .header("WWW-Authenticate", "Bearer");
    assertProblem(
        RestAssured.given()
            .header("Authorization", "Bearer not.a.token")
            .get("/api/v1/accounts/me/balance")
            .then(),
        401,
        "auth.unauthenticated");
    assertProblem(
        RestAssured.given()
            .header("Authorization", TestTokens.bearer("billing"))
            .get("/api/v1/accounts/me/balance")
            .then(),
        403,
        "auth.forbidden");
    assertProblem(
        RestAssured.given()
            .header("Authorization", "Bearer " + TestTokens.token("not-a-number", "member"))
            .get("/api/v1/accounts/me/balance")
            .then(),
        403,
        "auth.not-a-member");
  }

  @Test
  void shouldRejectBadHistoryParameters() {
    String msisdn = newMsisdn();
    open(msisdn);
    assertProblem(
        asMember(msisdn).queryParam("cursor", "garbage!").get("/api/v1/accounts/me/history").then(),
        400,
        "history.invalid-cursor");
    assertProblem(
        asMember(msisdn).queryParam("limit", 0).get("/api/v1/accounts/me/history").then(),
        400,
        "request.invalid");
    assertProblem(
        asMember(msisdn).queryParam("limit", 101).get("/api/v1/accounts/me/history").then(),
        400,
        "request.invalid");
    assertProblem(
        asMember(newMsisdn()).get("/api/v1/accounts/me/history").then(), 404, "account.not-found");
  }
}
