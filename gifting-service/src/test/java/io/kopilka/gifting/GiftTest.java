package io.kopilka.gifting;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.gifting.Api.awaiting;
import static io.kopilka.gifting.Api.balance;
import static io.kopilka.gifting.Api.code;
import static io.kopilka.gifting.Api.confirm;
import static io.kopilka.gifting.Api.gift;
import static io.kopilka.gifting.Api.member;
import static io.kopilka.gifting.Api.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.OutboxRows;
import io.kopilka.common.testing.Requests;
import io.kopilka.gifting.domain.GiftStatus;
import io.kopilka.gifting.service.GiftStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules G1-G5 against the real registration-service and bonus-service. */
@QuarkusTest
class GiftTest extends TestSetup {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  @Inject GiftStore store;

  @BeforeEach
  void setUp() {
    MutableClock.INSTANCE.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  @AfterEach
  void tearDown() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void shouldMoveThePointsOnceTheSenderConfirmsWithTheSmsCode() {
    String sender = member(1000);
    String recipient = member(0);

    UUID id = awaiting(sender, recipient, 400);
    assertThat(OutboxRows.to("registration", sender).get(0).payload())
        .contains("Код подтверждения подарка")
        .contains("400 баллов");
    assertThat(balance(sender)).isEqualTo(1000);

    confirm(sender, id, code(sender))
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"))
        .body("points", equalTo(400))
        .body("completedAt", notNullValue());

    assertThat(balance(sender)).isEqualTo(600);
    assertThat(balance(recipient)).isEqualTo(400);
    // rule G5: gifted points expire at the year end like the recipient's own
    assertThat(BonusServiceProcess.account(recipient).getLong("expiringAtYearEnd")).isEqualTo(400);
    assertThat(OutboxRows.to("registration", recipient).get(0).payload())
        .contains("Вам подарили 400 баллов от +7 " + sender.substring(1, 4));
    asMember(recipient)
        .get("/api/v1/gifts/me")
        .then()
        .body("items[0].direction", equalTo("RECEIVED"))
        .body("items[0].senderMsisdn", equalTo(sender));
    asMember(sender)
        .get("/api/v1/gifts/me")
        .then()
        .body("items[0].direction", equalTo("SENT"))
        .body("items[0].status", equalTo("COMPLETED"));
    // the same code again answers the gift; nothing moves twice
    confirm(sender, id, code(sender)).then().statusCode(200).body("status", equalTo("COMPLETED"));
    assertThat(balance(sender)).isEqualTo(600);
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void shouldAllowThreeThousandPointsAGiftAndNoMore() {
    String sender = member(10_000);
    String recipient = member(0);

    assertProblem(gift(sender, recipient, 3001), 422, "gift.points-limit");
    send(sender, recipient, 3000).then().statusCode(200).body("status", equalTo("COMPLETED"));
  }

  @Test
  void shouldRefuseGiftsToOneselfToNonMembersAndBeyondTheBalance() {
    String sender = member(100);
    assertProblem(gift(sender, sender, 10), 422, "gift.self");
    assertProblem(gift(sender, Requests.newMsisdn(), 10), 422, "gift.recipient-not-member")
        .body("detail", containsString("не участвует в программе"));
    assertProblem(gift(sender, member(0), 101), 422, "gift.insufficient-points");
    assertProblem(gift(Requests.newMsisdn(), sender, 10), 409, "gift.sender-not-member");
    assertProblem(
        asMember(sender)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("recipientMsisdn", "123", "points", 0))
            .post("/api/v1/gifts"),
        400,
        "request.invalid");
    assertProblem(
        asMember(sender)
            .body(Map.of("recipientMsisdn", member(0), "points", 10))
            .post("/api/v1/gifts"),
        400,
        "idempotency.key-missing");
    assertProblem(
        asMember(sender)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType("application/json")
            .body("{\"recipientMsisdn\":\"" + sender + "\",\"points\":2.9}")
            .post("/api/v1/gifts"),
        400,
        "request.invalid-value");
    assertThat(OutboxRows.to("registration", sender)).isEmpty();
  }

  @Test
  void shouldGiftToOneRecipientADayAndFromMidnightMoscowToAnother() {
    String sender = member(5000);
    String first = member(0);
    String second = member(0);
    ZonedDateTime lastSecond =
        ZonedDateTime.now(MOSCOW).plusDays(1).withHour(23).withMinute(59).withSecond(59);
    MutableClock.INSTANCE.set(lastSecond.toInstant());

    send(sender, first, 100).then().statusCode(200);
    assertProblem(gift(sender, second, 100), 422, "gift.daily-recipient-limit")
        .body("detail", containsString("00:00 МСК"));
    send(sender, first, 200).then().statusCode(200);

    MutableClock.INSTANCE.set(lastSecond.plusSeconds(1).toInstant());
    send(sender, second, 100).then().statusCode(200).body("status", equalTo("COMPLETED"));
  }

  @Test
  void shouldCapTheDailyPointsAtThreeThousand() {
    String sender = member(10_000);
    String recipient = member(0);

    send(sender, recipient, 2500).then().statusCode(200);
    assertProblem(gift(sender, recipient, 501), 422, "gift.daily-points-limit")
        .body("detail", containsString("500 баллов"));
    send(sender, recipient, 500).then().statusCode(200);
    as("member").get("/api/v1/gifts/limits/me").then().statusCode(403);
    asMember(sender)
        .get("/api/v1/gifts/limits/me")
        .then()
        .body("pointsLeftToday", equalTo(0))
        .body("recipientToday", equalTo(recipient))
        .body("recipientsLeftToday", equalTo(0))
        .body("maxPointsPerGift", equalTo(3000));
  }

  @Test
  void shouldRefuseTheEleventhGiftOfAMonthAndAllowItOnTheFirst() {
    String sender = member(1000);
    String recipient = member(0);
    ZonedDateTime midMonth = ZonedDateTime.now(MOSCOW).withDayOfMonth(15).withHour(12);
    MutableClock.INSTANCE.set(midMonth.toInstant());

    for (int i = 0; i < 10; i++) {
      send(sender, recipient, 1).then().statusCode(200);
    }
    assertProblem(gift(sender, recipient, 1), 422, "gift.monthly-count-limit");
    asMember(sender).get("/api/v1/gifts/limits/me").then().body("giftsLeftThisMonth", equalTo(0));

    MutableClock.INSTANCE.set(midMonth.plusMonths(1).withDayOfMonth(1).withHour(0).toInstant());
    send(sender, recipient, 1).then().statusCode(200).body("status", equalTo("COMPLETED"));
  }

  @Test
  void shouldVoidAGiftAfterFiveWrongCodes() {
    String sender = member(100);
    UUID id = awaiting(sender, member(0), 10);
    String right = code(sender);
    String wrong = right.equals("000000") ? "111111" : "000000";

    for (int left = 4; left >= 1; left--) {
      assertProblem(confirm(sender, id, wrong), 422, "gift.code-wrong")
          .body("detail", containsString("Осталось попыток: " + left));
    }
    assertProblem(confirm(sender, id, wrong), 409, "gift.voided");
    assertProblem(confirm(sender, id, right), 409, "gift.voided");
    assertThat(balance(sender)).isEqualTo(100);
  }

  @Test
  void shouldExpireAGiftWhoseCodeWasNotUsedInFiveMinutes() {
    String sender = member(100);
    UUID late = awaiting(sender, member(0), 10);
    String lateCode = code(sender);
    UUID forgotten = awaiting(sender, member(0), 10);

    MutableClock.INSTANCE.set(MutableClock.INSTANCE.instant().plusSeconds(300));
    assertProblem(confirm(sender, late, lateCode), 409, "gift.expired");
    as("admin")
        .post("/api/v1/admin/gifting/jobs/gift-expiry?asOf=" + MutableClock.INSTANCE.instant())
        .then()
        .statusCode(200);
    assertThat(store.find(forgotten).orElseThrow().status).isEqualTo(GiftStatus.EXPIRED);
    assertThat(balance(sender)).isEqualTo(100);
  }

  @Test
  void shouldKeepEveryGiftToItsSender() {
    String sender = member(100);
    String other = member(100);
    UUID id = awaiting(sender, member(0), 10);

    assertProblem(confirm(other, id, code(sender)), 404, "gift.not-found");
    asMember(other)
        .get("/api/v1/gifts/me")
        .then()
        .body("items.giftId", org.hamcrest.Matchers.not(hasItems(id.toString())));
    assertThat(store.find(id).orElseThrow().status).isEqualTo(GiftStatus.AWAITING_CONFIRMATION);
  }

  @Test
  void shouldFailWithThePointsUntouchedWhenTheLedgerRefusesTheTransfer() {
    String sender = member(500);
    String recipient = member(0);
    UUID id = awaiting(sender, recipient, 400);
    // the points go elsewhere before the gift is confirmed
    BonusServiceProcess.debit(sender, 200);

    assertProblem(confirm(sender, id, code(sender)), 422, "gift.insufficient-points");

    assertThat(balance(sender)).isEqualTo(300);
    assertThat(balance(recipient)).isZero();
    // a failed gift gives its allowance back
    asMember(sender).get("/api/v1/gifts/limits/me").then().body("pointsLeftToday", equalTo(3000));
  }

  @Test
  void shouldFinishATransferThatStoppedAfterTheConfirmation() {
    String sender = member(500);
    String recipient = member(0);
    UUID id = awaiting(sender, recipient, 300);
    // confirmed and booked, then the process died before the points moved
    assertThat(store.confirm(sender, id, code(sender)).problem()).isNull();

    Instant later = MutableClock.INSTANCE.instant().plusSeconds(120);
    as("admin")
        .post("/api/v1/admin/gifting/jobs/gift-transfer-recovery?asOf=" + later)
        .then()
        .statusCode(200);
    as("admin")
        .post("/api/v1/admin/gifting/jobs/gift-transfer-recovery?asOf=" + later.plusSeconds(120))
        .then()
        .statusCode(200);

    assertThat(store.find(id).orElseThrow().status).isEqualTo(GiftStatus.COMPLETED);
    assertThat(balance(sender)).isEqualTo(200);
    assertThat(balance(recipient)).isEqualTo(300);
    assertThat(List.of(BonusServiceProcess.audit().getBoolean("clean"))).containsExactly(true);
  }
}
