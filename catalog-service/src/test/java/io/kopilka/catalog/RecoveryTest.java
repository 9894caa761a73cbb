package io.kopilka.catalog;

import static io.kopilka.catalog.Api.available;
import static io.kopilka.catalog.Api.balance;
import static io.kopilka.catalog.Api.member;
import static io.kopilka.common.testing.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.catalog.client.BonusHolds;
import io.kopilka.catalog.domain.Channel;
import io.kopilka.catalog.domain.Redemption;
import io.kopilka.catalog.domain.Reward;
import io.kopilka.catalog.domain.Step;
import io.kopilka.catalog.service.Failure;
import io.kopilka.catalog.service.RedemptionStore;
import io.kopilka.catalog.service.RewardService;
import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.OutboxRows;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A saga stopped mid-way (the process died between two steps) is finished or compensated by the
 * recovery job, exactly once. The stop is simulated by running only the first steps, with the same
 * calls the saga makes.
 */
@QuarkusTest
class RecoveryTest extends TestSetup {

  @Inject RedemptionStore store;
  @Inject RewardService rewards;
  @Inject BonusHolds bonus;

  private Instant now;

  @BeforeEach
  void setUp() {
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(now);
    Api.provisioning("ACCEPT");
  }

  @AfterEach
  void tearDown() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void shouldCaptureAnOrderThatStoppedBetweenFulfilmentAndCapture() {
    String msisdn = member(300);
    Redemption r = begin(msisdn, "42");
    BonusHolds.Hold hold = hold(r);
    assertThat(store.held(r.id, hold.holdId(), hold.expiresAt())).isNotNull();
    assertThat(store.fulfilled(r.id, "gw-1")).isNotNull();
    // the process dies here: points held, option given, nothing captured
    assertThat(available(msisdn)).isEqualTo(50);
    assertThat(balance(msisdn)).isEqualTo(300);

    recover(now.plus(Duration.ofMinutes(2)));
    recover(now.plus(Duration.ofMinutes(4)));

    assertThat(store.find(r.id).orElseThrow().step).isEqualTo(Step.COMPLETED);
    assertThat(balance(msisdn)).isEqualTo(50);
    assertThat(available(msisdn)).isEqualTo(50);
    assertThat(OutboxRows.to("registration", msisdn)).hasSize(1);
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void shouldFinishAnOrderWhoseHoldAnswerWasLost() {
    String msisdn = member(300);
    Redemption r = begin(msisdn, "42");
    UUID lost = hold(r).holdId();
    // the process dies before it records the hold

    recover(now.plus(Duration.ofMinutes(2)));

    Redemption done = store.find(r.id).orElseThrow();
    assertThat(done.step).isEqualTo(Step.COMPLETED);
    assertThat(done.holdId).isEqualTo(lost);
    assertThat(balance(msisdn)).isEqualTo(50);
    assertThat(available(msisdn)).isEqualTo(50);
  }

  @Test
  void shouldReleaseAHoldWhoseAnswerWasLostWhenTheOrderFailed() {
    String msisdn = member(300);
    Redemption r = begin(msisdn, "42");
    hold(r);
    // bonus-service answered too late: the order failed, the hold it made is still there
    assertThat(store.compensate(r.id, Step.PENDING, Failure.BONUS_UNAVAILABLE, "timeout"))
        .isNotNull();
    assertThat(available(msisdn)).isEqualTo(50);

    recover(now.plus(Duration.ofMinutes(2)));

    Redemption failed = store.find(r.id).orElseThrow();
    assertThat(failed.step).isEqualTo(Step.FAILED);
    assertThat(failed.failureCode).isEqualTo("bonus.unavailable");
    assertThat(available(msisdn)).isEqualTo(300);
    assertThat(balance(msisdn)).isEqualTo(300);
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void shouldLeaveAMovingOrderAlone() {
    String msisdn = member(300);
    Redemption r = begin(msisdn, "42");

    recover(now.plus(Duration.ofSeconds(30)));

    assertThat(store.find(r.id).orElseThrow().step).isEqualTo(Step.PENDING);
  }

  private Redemption begin(String msisdn, String rewardCode) {
    Reward reward = rewards.requireOrderable(rewardCode);
    Redemption r = new Redemption();
    r.id = UUID.randomUUID();
    r.caller = "member:" + msisdn;
    r.idempotencyKey = UUID.randomUUID().toString();
    r.requestHash = "test";
    r.msisdn = msisdn;
    r.channel = Channel.API;
    r.rewardCode = reward.code;
    r.rewardTitle = reward.title;
    r.kind = reward.kind;
    r.product = reward.product;
    r.days = reward.days;
    r.points = reward.points;
    assertThat(store.create(r).created()).isTrue();
    return r;
  }

  /** The hold exactly as the saga asks for it. */
  private BonusHolds.Hold hold(Redemption r) {
    String reference = "redemption:" + r.id;
    return bonus.hold(reference, r.msisdn, r.points, reference, Duration.ofHours(1)).value();
  }

  /** Runs the recovery job; other tests' unfinished orders may be moved on too. */
  private static void recover(Instant asOf) {
    as("admin")
        .post("/api/v1/admin/catalog/jobs/redemption-recovery?asOf=" + asOf)
        .then()
        .statusCode(200);
  }
}
