package io.kopilka.gifting;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.gifting.Api.code;
import static io.kopilka.gifting.Api.confirm;
import static io.kopilka.gifting.Api.gift;
import static io.kopilka.gifting.Api.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.gifting.domain.Gift;
import io.kopilka.gifting.service.GiftStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bonus-service unreachable: a new gift can't be checked (503, nothing written), and a confirmed
 * gift stays CONFIRMED with its allowance booked and no point moved, for the recovery job.
 */
@QuarkusTest
@TestProfile(BonusDownTest.Unreachable.class)
class BonusDownTest extends TestSetup {

  /** bonus-service's address points where nothing listens. */
  public static class Unreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.rest-client.bonus.url", "http://localhost:9");
    }
  }

  @Inject GiftStore store;

  @Test
  void shouldNeitherCreateNorHalfMoveAGiftWithoutTheLedger() {
    String sender = member(500);
    String recipient = member(0);

    assertProblem(gift(sender, recipient, 100), 503, "gift.unavailable");

    Gift gift = QuarkusTransaction.requiringNew().call(() -> store.create(sender, recipient, 100));
    confirm(sender, gift.id, code(sender))
        .then()
        .statusCode(200)
        .body("status", equalTo("CONFIRMED"));
    assertThat(BonusServiceProcess.account(sender).getLong("balance")).isEqualTo(500);
    assertThat(BonusServiceProcess.account(recipient).getLong("balance")).isZero();
  }
}
