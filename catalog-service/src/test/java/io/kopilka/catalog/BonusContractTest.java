package io.kopilka.catalog;

import static io.kopilka.catalog.Api.available;
import static io.kopilka.catalog.Api.balance;
import static io.kopilka.catalog.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.catalog.client.BonusHolds;
import io.kopilka.common.client.Answer;
import io.kopilka.common.testing.Requests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract with bonus-service that the saga relies on, checked against the real service through
 * this service's own client: what a hold, capture and void answer, first and again.
 */
@QuarkusTest
class BonusContractTest extends TestSetup {

  private static final Duration TTL = Duration.ofHours(1);

  @Inject BonusHolds bonus;

  @Test
  void shouldAnswerTheSameHoldForTheSameKey() {
    String msisdn = member(100);
    String key = "redemption:" + UUID.randomUUID();

    BonusHolds.Hold first = bonus.hold(key, msisdn, 60, key, TTL).value();
    BonusHolds.Hold again = bonus.hold(key, msisdn, 60, key, TTL).value();

    assertThat(again.holdId()).isEqualTo(first.holdId());
    assertThat(first.status()).isEqualTo("HELD");
    assertThat(first.expiresAt()).isNotNull();
    assertThat(available(msisdn)).isEqualTo(40);
  }

  @Test
  void shouldCaptureOnceAndRefuseToVoidACapturedHold() {
    String msisdn = member(100);
    UUID holdId = hold(msisdn, 60);

    assertThat(bonus.capture(holdId).value().status()).isEqualTo("CAPTURED");
    assertThat(bonus.capture(holdId).value().status()).isEqualTo("CAPTURED");
    Answer<BonusHolds.Hold> voided = bonus.voidHold(holdId);

    assertThat(voided.refused()).isTrue();
    assertThat(voided.refusal().status()).isEqualTo(409);
    assertThat(balance(msisdn)).isEqualTo(40);
  }

  @Test
  void shouldVoidOnceAndRefuseToCaptureAVoidedHold() {
    String msisdn = member(100);
    UUID holdId = hold(msisdn, 60);

    assertThat(bonus.voidHold(holdId).value().status()).isEqualTo("VOIDED");
    assertThat(bonus.voidHold(holdId).value().status()).isEqualTo("VOIDED");
    Answer<BonusHolds.Hold> captured = bonus.capture(holdId);

    assertThat(captured.refused()).isTrue();
    assertThat(captured.refusal().status()).isEqualTo(409);
    assertThat(available(msisdn)).isEqualTo(100);
  }

  @Test
  void shouldRefuseHoldsItCannotMake() {
    String msisdn = member(50);
    String key = "redemption:" + UUID.randomUUID();

    Answer<BonusHolds.Hold> tooMuch = bonus.hold(key, msisdn, 60, key, TTL);
    assertThat(tooMuch.refusal().status()).isEqualTo(422);
    assertThat(tooMuch.refusal().code()).isEqualTo("ledger.insufficient-points");
    assertThat(tooMuch.refusal().detail()).isNotBlank();

    String nobody = Requests.newMsisdn();
    Answer<BonusHolds.Hold> noAccount = bonus.hold(key + "x", nobody, 10, key, TTL);
    assertThat(noAccount.refusal().status()).isEqualTo(404);
    assertThat(noAccount.refusal().code()).startsWith("account.");

    Answer<BonusHolds.Hold> unknown = bonus.voidHold(UUID.randomUUID());
    assertThat(unknown.refusal().status()).isEqualTo(404);
  }

  private UUID hold(String msisdn, long points) {
    String key = "redemption:" + UUID.randomUUID();
    return bonus.hold(key, msisdn, points, key, TTL).value().holdId();
  }
}
