package io.kopilka.registration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static io.kopilka.registration.Api.invite;
import static io.kopilka.registration.Api.sms;
import static io.kopilka.registration.Api.ussd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule R6 end to end: the outbox relay delivers to the real bonus-service (through the WireMock
 * stand-in, which proxies to it here), so the test sees the points the ledger really credited.
 */
@QuarkusTest
class InvitationBonusTest {

  @BeforeEach
  void proxyToTheRealBonusService() {
    // what earlier tests queued goes to the stand-in, so only this test's messages reach the ledger
    Api.runJob("outbox-relay", Instant.now());
    Stubs.server()
        .stubFor(
            any(urlPathMatching("/internal/v1/(accounts|credits)(/.*)?"))
                .atPriority(1)
                .willReturn(aResponse().proxiedFrom(BonusServiceProcess.url())));
  }

  @AfterEach
  void reset() {
    Stubs.reset();
  }

  @Test
  void shouldCreditFiftyPointsOnceWhenTheInvitedFriendJoinsByUssdAndAgainLater() {
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    String friend = newMsisdn();
    invite(inviter, friend).then().statusCode(201);

    ussd(friend, "*111*455*1#");
    deliver();

    assertThat(BonusServiceProcess.account(inviter).getLong("balance")).isEqualTo(50);
    assertThat(referrals(inviter)).containsExactly(50L);

    // the friend leaves, another member invites them and they join again: no second bonus
    asMember(friend).delete("/api/v1/members/me?confirm=true").then().statusCode(200);
    String other = newMsisdn();
    ussd(other, "*111*455*1#");
    invite(other, friend).then().statusCode(201);
    ussd(friend, "*111*455*1#");
    deliver();

    assertThat(BonusServiceProcess.account(inviter).getLong("balance")).isEqualTo(50);
    assertThat(referrals(inviter)).containsExactly(50L);
    assertThat(BonusServiceProcess.account(other).getLong("balance")).isZero();
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void shouldCreditFiftyPointsOnceWhenTheInvitedFriendJoinsBySms() {
    String inviter = newMsisdn();
    sms(inviter, "");
    String friend = newMsisdn();
    invite(inviter, friend).then().statusCode(201);

    sms(friend, "");
    sms(friend, ""); // "already a member"
    deliver();

    assertThat(BonusServiceProcess.account(inviter).getLong("balance")).isEqualTo(50);
    assertThat(referrals(inviter)).containsExactly(50L);
  }

  /** Delivers what is due, then retries whatever failed on the first attempt. */
  private static void deliver() {
    Instant now = Instant.now();
    Api.runJob("outbox-relay", now);
    Api.runJob("outbox-relay", now.plus(Duration.ofHours(1)));
  }

  /** The REFERRAL entries of the member's bonus history, as bonus-service keeps it. */
  private static List<Long> referrals(String msisdn) {
    return given()
        .baseUri(BonusServiceProcess.url())
        .header("Authorization", "Bearer " + TestTokens.member(msisdn))
        .get("/api/v1/accounts/me/history")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.findAll { it.reason == 'REFERRAL' }.points", Long.class);
  }
}
