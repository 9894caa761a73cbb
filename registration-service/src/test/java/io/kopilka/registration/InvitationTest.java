package io.kopilka.registration;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static io.kopilka.registration.Api.invitations;
import static io.kopilka.registration.Api.invite;
import static io.kopilka.registration.Api.ussd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Invitations (rule R6): a member invites a friend by number, the friend is told by SMS how to
 * join, and the friend's activation by any channel credits the inviter once per friend ever.
 */
@QuarkusTest
class InvitationTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  private static final String INVITATION = "приглашает вас в программу Копилка";
  private static final ExecutorService THREADS = Executors.newFixedThreadPool(8);

  @Inject Outbound outbound;

  @AfterEach
  void resetClock() {
    MutableClock.INSTANCE.reset();
  }

  @AfterAll
  static void stopThreads() {
    THREADS.shutdownNow();
  }

  @Test
  void shouldSendTheFriendOneSmsAndCreditTheInviterWhenTheFriendJoinsByUssd() {
    String inviter = newMsisdn();
    UUID inviterMembership = Api.activeWebMember(inviter);
    String friend = newMsisdn();

    Response invited = invite(inviter, friend);
    invited
        .then()
        .statusCode(201)
        .header("Location", endsWith("/api/v1/members/me/invitations"))
        .body("friendMsisdn", is(friend))
        .body("status", is("OPEN"))
        .body("bonusEarned", is(false));
    Instant created = Instant.parse(invited.path("createdAt"));
    assertThat(Instant.parse(invited.<String>path("expiresAt")))
        .isEqualTo(created.plus(Duration.ofDays(30)));
    assertThat(outbound.sms(friend))
        .containsExactly(
            "Абонент +7 "
                + inviter.substring(1, 4)
                + " ***-**-"
                + inviter.substring(9)
                + " приглашает вас в программу Копилка. Вступить: *111*455*1# или пустое SMS на"
                + " 4555.");

    ussd(friend, "*111*455*1#");

    List<JsonNode> credits = outbound.referralCredits(inviter);
    assertThat(credits).hasSize(1);
    assertThat(credits.get(0).get("points").asLong()).isEqualTo(50);
    assertThat(credits.get(0).get("membershipId").asText()).isEqualTo(inviterMembership.toString());
    assertThat(credits.get(0).get("reference").asText()).isEqualTo("referral:" + friend);
    JsonPath mine = invitations(inviter);
    assertThat(mine.getList("invitationId")).containsExactly(invited.<String>path("invitationId"));
    assertThat(mine.getString("[0].status")).isEqualTo("JOINED");
    assertThat(mine.getBoolean("[0].bonusEarned")).isTrue();
    assertThat(Api.events(friend)).contains("REFERRAL_CREDITED");
    // the friend's membership does not show the inviter's number the SMS masked
    asMember(friend).get("/api/v1/members/me").then().body("referrerMsisdn", nullValue());
  }

  @Test
  void shouldCreditTheInviterWhenTheFriendJoinsBySms() {
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    String friend = newMsisdn();
    invite(inviter, friend).then().statusCode(201);

    Api.sms(friend, "");

    assertThat(outbound.referralCredits(inviter)).hasSize(1);
    assertThat(invitations(inviter).getString("[0].status")).isEqualTo("JOINED");
  }

  @Test
  void shouldCountAnInvitationForAWebApplicationThatWasValidWhenTheFriendApplied() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(start);
    String inviter = newMsisdn();
    Api.activeWebMember(inviter);
    String approved = newMsisdn();
    String autoApproved = newMsisdn();
    invite(inviter, approved).then().statusCode(201);
    invite(inviter, autoApproved).then().statusCode(201);

    MutableClock.INSTANCE.set(start.plus(Duration.ofDays(29)));
    Api.approve(Api.apply(approved));
    UUID waiting = Api.apply(autoApproved);
    // approved after the invitation expired: it counts, the friend applied in time
    Instant later = start.plus(Duration.ofDays(30)).plus(Duration.ofHours(1));
    MutableClock.INSTANCE.set(later);
    Api.runJob("auto-approval", later);

    as("support")
        .get("/api/v1/admin/registration/members/" + waiting)
        .then()
        .body("status", is("ACTIVE"));
    assertThat(outbound.referralCredits(inviter))
        .extracting(c -> c.get("reference").asText())
        .containsExactlyInAnyOrder("referral:" + approved, "referral:" + autoApproved);
  }

  @Test
  void shouldNotCountAnExpiredInvitation() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(start);
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    String friend = newMsisdn();
    invite(inviter, friend).then().statusCode(201);

    MutableClock.INSTANCE.set(start.plus(Duration.ofDays(30)));
    ussd(friend, "*111*455*1#");

    assertThat(outbound.referralCredits(inviter)).isEmpty();
    assertThat(Api.events(friend)).doesNotContain("REFERRAL_CREDITED", "REFERRAL_NOT_CREDITED");
    assertThat(invitations(inviter).getString("[0].status")).isEqualTo("EXPIRED");
  }

  @Test
  void shouldNotCreditAnInviterWhoLeftBeforeTheFriendJoined() {
    String inviter = newMsisdn();
    Api.activeWebMember(inviter);
    String friend = newMsisdn();
    invite(inviter, friend).then().statusCode(201);
    asMember(inviter).delete("/api/v1/members/me?confirm=true").then().statusCode(200);
    assertProblem(invite(inviter, newMsisdn()), 422, "invitation.not-a-member");

    ussd(friend, "*111*455*1#");

    assertThat(outbound.referralCredits(inviter)).isEmpty();
    assertThat(Api.events(friend)).contains("REFERRAL_NOT_CREDITED");
    assertThat(invitations(inviter).getString("[0].status")).isEqualTo("JOINED");
    assertThat(invitations(inviter).getBoolean("[0].bonusEarned")).isFalse();
  }

  @Test
  void shouldEndAnInvitationWithTheInvitersMembershipThatSentIt() {
    String inviter = newMsisdn();
    Api.activeWebMember(inviter);
    String friend = newMsisdn();
    invite(inviter, friend).then().statusCode(201);
    asMember(inviter).delete("/api/v1/members/me?confirm=true").then().statusCode(200);
    ussd(inviter, "*111*455*1#"); // a new membership, which starts from zero (rule R9)

    Api.sms(friend, "");

    assertThat(outbound.referralCredits(inviter)).isEmpty();
    assertThat(
            as("support")
                .get("/api/v1/admin/registration/members?msisdn=" + friend)
                .jsonPath()
                .getList("[0].events.detail", String.class))
        .anyMatch(d -> d != null && d.contains("earlier membership"));
  }

  @Test
  void shouldCountOnlyTheNewestInvitationOfTwoInviters() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(start);
    String first = newMsisdn();
    String second = newMsisdn();
    ussd(first, "*111*455*1#");
    ussd(second, "*111*455*1#");
    String friend = newMsisdn();
    invite(first, friend).then().statusCode(201);
    MutableClock.INSTANCE.set(start.plus(Duration.ofMinutes(1)));
    invite(second, friend).then().statusCode(201);
    assertThat(outbound.sms(friend)).hasSize(2).allMatch(t -> t.contains(INVITATION));

    MutableClock.INSTANCE.set(start.plus(Duration.ofMinutes(2)));
    ussd(friend, "*111*455*1#");

    assertThat(outbound.referralCredits(second)).hasSize(1);
    assertThat(outbound.referralCredits(first)).isEmpty();
    assertThat(invitations(second).getString("[0].status")).isEqualTo("JOINED");
    assertThat(invitations(first).getString("[0].status")).isEqualTo("OPEN");
  }

  @Test
  void shouldPreferTheReferrerNamedOnTheWebForm() {
    String inviter = newMsisdn();
    String referrer = newMsisdn();
    ussd(inviter, "*111*455*1#");
    ussd(referrer, "*111*455*1#");
    String friend = newMsisdn();
    invite(inviter, friend).then().statusCode(201);

    Map<String, Object> form = Api.form();
    form.put("referrerMsisdn", referrer);
    Api.approve(Api.apply(friend, form));

    assertThat(outbound.referralCredits(referrer)).hasSize(1);
    assertThat(outbound.referralCredits(inviter)).isEmpty();
    assertThat(invitations(inviter).getString("[0].status")).isEqualTo("OPEN");
  }

  @Test
  void shouldNotCreditASecondInviterWhenTheFriendLeavesAndRejoins() {
    String first = newMsisdn();
    String second = newMsisdn();
    ussd(first, "*111*455*1#");
    ussd(second, "*111*455*1#");
    String friend = newMsisdn();
    invite(first, friend).then().statusCode(201);
    ussd(friend, "*111*455*1#");
    assertThat(outbound.referralCredits(first)).hasSize(1);

    asMember(friend).delete("/api/v1/members/me?confirm=true").then().statusCode(200);
    invite(second, friend).then().statusCode(201);
    assertThat(outbound.lastSms(friend)).contains(INVITATION);
    Api.sms(friend, "");

    assertThat(outbound.referralCredits(first)).hasSize(1);
    assertThat(outbound.referralCredits(second)).isEmpty();
    assertThat(Api.events(friend)).contains("REFERRAL_NOT_CREDITED");
    assertThat(invitations(second).getString("[0].status")).isEqualTo("JOINED");
    assertThat(invitations(second).getBoolean("[0].bonusEarned")).isFalse();
  }

  @Test
  void shouldAnswerARepeatWithTheOpenInvitationAndSendNoSecondSms() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(start);
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    String friend = newMsisdn();
    String id = invite(inviter, friend).then().statusCode(201).extract().path("invitationId");

    MutableClock.INSTANCE.set(start.plus(Duration.ofDays(29)));
    invite(inviter, friend)
        .then()
        .statusCode(200)
        .body("invitationId", is(id))
        .body("status", is("OPEN"));
    assertThat(outbound.sms(friend)).hasSize(1);

    // once it has expired, a new invitation goes out
    MutableClock.INSTANCE.set(start.plus(Duration.ofDays(30)));
    String second = invite(inviter, friend).then().statusCode(201).extract().path("invitationId");
    assertThat(second).isNotEqualTo(id);
    assertThat(outbound.sms(friend)).hasSize(2);
    assertThat(invitations(inviter).getList("status")).containsExactly("OPEN", "EXPIRED");
  }

  @Test
  void shouldAnswerAlikeForMembersButSendThemNothingAndNeverCountIt() {
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    String member = newMsisdn();
    ussd(member, "*111*455*1#");
    String applicant = newMsisdn();
    Api.apply(applicant);

    for (String friend : List.of(member, applicant)) {
      invite(inviter, friend)
          .then()
          .statusCode(201)
          .body("friendMsisdn", is(friend))
          .body("status", is("OPEN"))
          .body("bonusEarned", is(false));
      assertThat(outbound.sms(friend)).noneMatch(t -> t.contains(INVITATION));
    }
    assertThat(invitations(inviter).getList("status")).containsExactly("OPEN", "OPEN");

    // an invitation sent to a member never counts, even if they leave and come back at once
    asMember(member).delete("/api/v1/members/me?confirm=true").then().statusCode(200);
    ussd(member, "*111*455*1#");
    assertThat(outbound.referralCredits(inviter)).isEmpty();
  }

  @Test
  void shouldRefuseInvalidInvitationsAndWriteNothing() {
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    String path = "/api/v1/members/me/invitations";

    Response malformed = invite(inviter, "89161234567");
    assertProblem(malformed, 400, "request.invalid");
    assertThat(malformed.jsonPath().getString("violations[0].field")).isEqualTo("msisdn");
    assertProblem(asMember(inviter).body(Map.of()).post(path), 400, "request.invalid");
    assertProblem(
        asMember(inviter).body(Map.of("msisdn", newMsisdn(), "inviter", "79001234567")).post(path),
        400,
        "request.unknown-property");
    Response self = invite(inviter, inviter);
    assertProblem(self, 422, "invitation.self");
    assertThat(self.jsonPath().getString("violations[0].field")).isEqualTo("msisdn");

    String stranger = newMsisdn();
    assertProblem(invite(stranger, newMsisdn()), 422, "invitation.not-a-member");
    String applicant = newMsisdn();
    Api.apply(applicant);
    assertProblem(invite(applicant, newMsisdn()), 422, "invitation.not-a-member");
    assertProblem(
        as("support").body(Map.of("msisdn", newMsisdn())).post(path), 403, "auth.forbidden");

    assertThat(invitations(inviter).getList("$")).isEmpty();
    assertThat(invitations(stranger).getList("$")).isEmpty();
    assertThat(invitations(applicant).getList("$")).isEmpty();
    assertThat(outbound.sms("89161234567")).isEmpty();
  }

  @Test
  void shouldLimitInvitationsPerProgrammeDay() {
    LocalDate tomorrow = LocalDate.now(MOSCOW).plusDays(1);
    Instant morning = tomorrow.atTime(10, 0).atZone(MOSCOW).toInstant();
    MutableClock.INSTANCE.set(morning);
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    List<String> friends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String friend = newMsisdn();
      friends.add(friend);
      invite(inviter, friend).then().statusCode(201);
    }

    String eleventh = newMsisdn();
    Response limited = invite(inviter, eleventh);
    assertProblem(limited, 429, "invitation.too-many");
    assertThat(limited.header("Retry-After")).isEqualTo(String.valueOf(14 * 3600));
    assertThat(outbound.sms(eleventh)).isEmpty();
    // a repeat is no new invitation: still answered
    invite(inviter, friends.get(0)).then().statusCode(200);

    MutableClock.INSTANCE.set(tomorrow.plusDays(1).atStartOfDay(MOSCOW).toInstant());
    invite(inviter, eleventh).then().statusCode(201);
    assertThat(invitations(inviter).getList("$")).hasSize(11);
  }

  @Test
  void shouldMakeOneInvitationOfConcurrentRequests() throws Exception {
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    String friend = newMsisdn();

    List<Response> answers = concurrently(8, i -> invite(inviter, friend));

    assertThat(answers).extracting(Response::statusCode).containsOnly(201, 200);
    assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
    assertThat(answers)
        .extracting(r -> r.<String>path("invitationId"))
        .containsOnly(answers.get(0).<String>path("invitationId"));
    assertThat(outbound.sms(friend)).hasSize(1);
    assertThat(invitations(inviter).getList("$")).hasSize(1);
  }

  @Test
  void shouldNotExceedTheDailyLimitWithConcurrentRequests() throws Exception {
    String inviter = newMsisdn();
    ussd(inviter, "*111*455*1#");
    for (int i = 0; i < 8; i++) {
      invite(inviter, newMsisdn()).then().statusCode(201);
    }

    List<Response> answers = concurrently(6, i -> invite(inviter, newMsisdn()));

    assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(2);
    assertThat(answers).filteredOn(r -> r.statusCode() == 429).hasSize(4);
    assertThat(invitations(inviter).getList("$")).hasSize(10);
  }

  @Test
  void shouldEitherCountTheInvitationOrNotSendItWhenTheFriendJoinsAtTheSameMoment()
      throws Exception {
    for (int round = 0; round < 5; round++) {
      String inviter = newMsisdn();
      ussd(inviter, "*111*455*1#");
      String friend = newMsisdn();

      concurrently(
          2,
          i -> {
            if (i == 0) {
              invite(inviter, friend).then().statusCode(201);
            } else {
              ussd(friend, "*111*455*1#");
            }
            return null;
          });

      boolean invited = outbound.sms(friend).stream().anyMatch(t -> t.contains(INVITATION));
      assertThat(outbound.referralCredits(inviter)).hasSize(invited ? 1 : 0);
    }
  }

  private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> call)
      throws Exception {
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.add(CompletableFuture.supplyAsync(() -> call.apply(index), THREADS));
    }
    List<T> results = new ArrayList<>();
    for (CompletableFuture<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }
}
