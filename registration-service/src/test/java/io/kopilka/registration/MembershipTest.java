package io.kopilka.registration;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import io.kopilka.common.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Web applications, their review and activation, and the credits activation queues (R2, R6). */
@QuarkusTest
class MembershipTest {

  @Inject Outbound outbound;

  @AfterEach
  void resetClock() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void shouldTellOtherServicesWhetherANumberIsAMember() {
    String member = newMsisdn();
    UUID membershipId = Api.activeWebMember(member);

    as("service")
        .get("/internal/v1/members/" + member)
        .then()
        .statusCode(200)
        .body("membershipId", is(membershipId.toString()))
        .body("status", is("ACTIVE"));
    assertProblem(
        as("service").get("/internal/v1/members/" + newMsisdn()), 404, "membership.not-found");
    assertProblem(as("service").get("/internal/v1/members/123"), 400, "request.invalid");
    assertProblem(asMember(member).get("/internal/v1/members/" + member), 403, "auth.forbidden");
  }

  @Test
  void shouldWalkTheActiveMembersInNumberOrder() {
    String first = newMsisdn();
    String second = newMsisdn();
    Api.activeWebMember(first);
    Api.activeWebMember(second);
    asMember(newMsisdn()).body(Api.form()).post("/api/v1/members").then().statusCode(201);

    List<String> seen = new ArrayList<>();
    String after = null;
    do {
      var request = as("service").queryParam("limit", 2);
      if (after != null) {
        request.queryParam("after", after);
      }
      JsonPath page =
          request.get("/internal/v1/members").then().statusCode(200).extract().jsonPath();
      List<String> numbers = page.getList("items.msisdn");
      assertThat(numbers).hasSizeLessThanOrEqualTo(2);
      assertThat(page.getList("items.status", String.class)).allMatch("ACTIVE"::equals);
      seen.addAll(numbers);
      after = page.getString("next");
    } while (after != null);
    assertThat(seen).contains(first, second).isSorted().doesNotHaveDuplicates();
    assertProblem(
        as("service").queryParam("limit", 0).get("/internal/v1/members"), 400, "request.invalid");
    assertProblem(
        as("service").queryParam("after", "x").get("/internal/v1/members"), 400, "request.invalid");
  }

  @Test
  void shouldTakeAnApplicationForReview() {
    String msisdn = newMsisdn();
    Response response = asMember(msisdn).body(Api.form()).post("/api/v1/members");

    response
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/members/me"));
    JsonPath body = response.jsonPath();
    assertThat(body.getString("status")).isEqualTo("PENDING_REVIEW");
    assertThat(body.getString("channel")).isEqualTo("WEB");
    assertThat(body.getString("msisdn")).isEqualTo(msisdn);
    assertThat(body.getBoolean("emailConfirmed")).isFalse();
    // nothing reaches bonus-service before activation
    assertThat(outbound.toBonus(msisdn)).isEmpty();
    asMember(msisdn)
        .get("/api/v1/members/me")
        .then()
        .statusCode(200)
        .body("status", is("PENDING_REVIEW"));
  }

  @Test
  void shouldActivateOnApprovalWithAccountWelcomePointsAndSms() {
    String msisdn = newMsisdn();
    UUID id = Api.apply(msisdn);

    as("support")
        .post("/api/v1/admin/registration/members/" + id + "/approval")
        .then()
        .statusCode(200)
        .body("status", is("ACTIVE"))
        .body("events.type", org.hamcrest.Matchers.contains("APPLIED", "APPROVED"))
        .body("events[1].actor", is("support-test"));

    List<Outbound.Message> calls = outbound.toBonus(msisdn);
    assertThat(calls)
        .extracting(Outbound.Message::path)
        .containsExactly("/internal/v1/accounts", "/internal/v1/credits");
    JsonNode open = calls.get(0).body();
    assertThat(open.get("membershipId").asText()).isEqualTo(id.toString());
    assertThat(open.get("birthDate").asText()).isEqualTo("1990-05-17");
    assertThat(open.get("joinedOn").asText())
        .isEqualTo(LocalDate.now(ZoneId.of("Europe/Moscow")).toString());
    JsonNode welcome = calls.get(1).body();
    assertThat(welcome.get("points").asLong()).isEqualTo(100);
    assertThat(welcome.get("membershipId").asText()).isEqualTo(id.toString());
    assertThat(welcome.get("reason").asText()).isEqualTo("WELCOME");
    assertThat(outbound.lastSms(msisdn)).contains("Заявка одобрена").contains("100 баллов");
  }

  @Test
  void shouldRejectWithAReasonAndLetTheNumberApplyAgain() {
    String msisdn = newMsisdn();
    UUID id = Api.apply(msisdn);

    assertProblem(
        as("support")
            .body(Map.of("reason", " "))
            .post("/api/v1/admin/registration/members/" + id + "/rejection"),
        400,
        "request.invalid");
    as("support")
        .body(Map.of("reason", "Имя не совпадает с данными абонента"))
        .post("/api/v1/admin/registration/members/" + id + "/rejection")
        .then()
        .statusCode(200)
        .body("status", is("REJECTED"))
        .body("rejectionReason", is("Имя не совпадает с данными абонента"));
    assertThat(outbound.toBonus(msisdn)).isEmpty();
    assertThat(outbound.lastSms(msisdn)).contains("отклонена");
    assertProblem(
        as("support").post("/api/v1/admin/registration/members/" + id + "/approval"),
        409,
        "membership.not-pending");

    UUID second = Api.apply(msisdn);
    assertThat(second).isNotEqualTo(id);
  }

  @Test
  void shouldAutoApproveAfterTwoHoursUnlessReviewedEarlier() {
    Instant applied = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(applied);
    String waiting = newMsisdn();
    UUID waitingId = Api.apply(waiting);
    String reviewed = newMsisdn();
    UUID reviewedId = Api.apply(reviewed);
    as("support")
        .body(Map.of("reason", "Нет согласия"))
        .post("/api/v1/admin/registration/members/" + reviewedId + "/rejection")
        .then()
        .statusCode(200);

    Api.runJob("auto-approval", applied.plus(Duration.ofMinutes(119)));
    as("support")
        .get("/api/v1/admin/registration/members/" + waitingId)
        .then()
        .body("status", is("PENDING_REVIEW"));

    Api.runJob("auto-approval", applied.plus(Duration.ofHours(2)));
    as("support")
        .get("/api/v1/admin/registration/members/" + waitingId)
        .then()
        .body("status", is("ACTIVE"))
        .body("events[1].type", is("AUTO_APPROVED"));
    as("support")
        .get("/api/v1/admin/registration/members/" + reviewedId)
        .then()
        .body("status", is("REJECTED"));
    assertThat(outbound.credits(waiting)).hasSize(1);
  }

  @Test
  void shouldListPendingApplicationsOldestFirst() {
    String msisdn = newMsisdn();
    UUID id = Api.apply(msisdn);
    List<String> pending =
        as("support")
            .get("/api/v1/admin/registration/members/pending?limit=500")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("membershipId");
    assertThat(pending).contains(id.toString());
    assertProblem(
        as("support").get("/api/v1/admin/registration/members/pending?limit=0"),
        400,
        "request.invalid");
  }

  @Test
  void shouldCreditTheInviterOncePerFriend() {
    String inviter = newMsisdn();
    UUID inviterMembership = Api.activeWebMember(inviter);
    String friend = newMsisdn();
    Map<String, Object> form = Api.form();
    form.put("referrerMsisdn", inviter);
    UUID first = Api.apply(friend, form);
    Api.approve(first);

    List<JsonNode> referral = referralCredits(inviter);
    assertThat(referral).hasSize(1);
    assertThat(referral.get(0).get("points").asLong()).isEqualTo(50);
    assertThat(referral.get(0).get("membershipId").asText())
        .isEqualTo(inviterMembership.toString());
    assertThat(referral.get(0).get("reference").asText()).isEqualTo("referral:" + friend);

    // the friend leaves and re-joins with the same inviter: no second bonus (rule R6)
    asMember(friend).delete("/api/v1/members/me?confirm=true").then().statusCode(200);
    Api.approve(Api.apply(friend, form));
    assertThat(referralCredits(inviter)).hasSize(1);
    as("support")
        .get("/api/v1/admin/registration/members?msisdn=" + friend)
        .then()
        .body("[0].events.type", org.hamcrest.Matchers.hasItem("REFERRAL_NOT_CREDITED"));
  }

  @Test
  void shouldCreditTheReferralOnceWhenActivationRacesAReviewer() throws Exception {
    Instant applied = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(applied);
    String inviter = newMsisdn();
    Api.activeWebMember(inviter);
    for (int round = 0; round < 5; round++) {
      String friend = newMsisdn();
      Map<String, Object> form = Api.form();
      form.put("referrerMsisdn", inviter);
      UUID id = Api.apply(friend, form);

      CompletableFuture<Integer> reviewer =
          CompletableFuture.supplyAsync(
              () ->
                  as("support")
                      .post("/api/v1/admin/registration/members/" + id + "/approval")
                      .statusCode());
      CompletableFuture<Void> job =
          CompletableFuture.runAsync(
              () -> Api.runJob("auto-approval", applied.plus(Duration.ofHours(3))));
      assertThat(reviewer.get()).isIn(200, 409);
      job.get();

      assertThat(outbound.toBonus(id.toString()))
          .as("accounts opened")
          .filteredOn(m -> m.path().equals("/internal/v1/accounts"))
          .hasSize(1);
      assertThat(outbound.credits(friend)).as("welcome credits").hasSize(1);
    }
    assertThat(referralCredits(inviter)).hasSize(5);
  }

  @Test
  void shouldNotCreditAnInviterWhoIsNotAnActiveMember() {
    String inviter = newMsisdn();
    Api.apply(inviter); // only pending
    String friend = newMsisdn();
    Map<String, Object> form = Api.form();
    form.put("referrerMsisdn", inviter);
    Api.approve(Api.apply(friend, form));

    assertThat(referralCredits(inviter)).isEmpty();
  }

  @Test
  void shouldRejectAnInvalidFormAndWriteNothing() {
    String msisdn = newMsisdn();
    Map<String, Object> noConsent = Api.form();
    noConsent.put("consent", false);
    Response refused = asMember(msisdn).body(noConsent).post("/api/v1/members");
    assertProblem(refused, 400, "request.invalid");
    assertThat(refused.jsonPath().getString("violations[0].field")).isEqualTo("consent");

    Map<String, Object> child = Api.form();
    child.put("birthDate", LocalDate.now().minusYears(13).toString());
    assertProblem(asMember(msisdn).body(child).post("/api/v1/members"), 400, "request.invalid");

    Map<String, Object> badEmail = Api.form();
    badEmail.put("email", "not-an-address");
    assertProblem(asMember(msisdn).body(badEmail).post("/api/v1/members"), 400, "request.invalid");

    Map<String, Object> self = Api.form();
    self.put("referrerMsisdn", msisdn);
    assertProblem(asMember(msisdn).body(self).post("/api/v1/members"), 400, "request.invalid");

    Map<String, Object> extra = Api.form();
    extra.put("status", "ACTIVE");
    assertProblem(
        asMember(msisdn).body(extra).post("/api/v1/members"), 400, "request.unknown-property");

    asMember(msisdn).get("/api/v1/members/me").then().statusCode(404);
  }

  @Test
  void shouldKeepOneCurrentMembershipPerNumber() {
    String msisdn = newMsisdn();
    Api.apply(msisdn);
    assertProblem(
        asMember(msisdn).body(Api.form()).post("/api/v1/members"), 409, "membership.exists");
  }

  @Test
  void shouldKeepAdminPathsForSupportAndAdmin() {
    String msisdn = newMsisdn();
    UUID id = Api.apply(msisdn);
    assertProblem(
        asMember(msisdn).post("/api/v1/admin/registration/members/" + id + "/approval"),
        403,
        "auth.forbidden");
    assertProblem(
        as("billing").get("/api/v1/admin/registration/members?msisdn=" + msisdn),
        403,
        "auth.forbidden");
    assertProblem(
        as("admin").get("/api/v1/admin/registration/members/" + UUID.randomUUID()),
        404,
        "membership.not-found");
    as("admin")
        .get("/api/v1/admin/registration/members?msisdn=" + msisdn)
        .then()
        .statusCode(200)
        .body("size()", is(1));
  }

  private List<JsonNode> referralCredits(String inviter) {
    return outbound.credits(inviter).stream()
        .filter(c -> c.get("reason").asText().equals("REFERRAL"))
        .toList();
  }
}
