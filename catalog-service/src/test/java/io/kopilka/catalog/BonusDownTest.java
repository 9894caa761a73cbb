package io.kopilka.catalog;

import static io.kopilka.catalog.Api.order;
import static io.kopilka.common.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.catalog.domain.Redemption;
import io.kopilka.catalog.domain.Step;
import io.kopilka.common.testing.OutboxRows;
import io.kopilka.common.testing.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bonus-service unreachable: the order is refused with a clear 503 and nothing is held. */
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

  @Test
  void shouldRefuseWith503AndHoldNothing() {
    String msisdn = Requests.newMsisdn();

    assertProblem(order(msisdn, "11"), 503, "bonus.unavailable");

    Redemption r =
        QuarkusTransaction.requiringNew()
            .call(() -> Redemption.<Redemption>find("msisdn", msisdn).firstResult());
    // whether an earlier try made a hold is unknown: it is released once bonus-service answers
    assertThat(r.step).isEqualTo(Step.COMPENSATING);
    assertThat(r.failureCode).isEqualTo("bonus.unavailable");
    assertThat(r.holdId).isNull();
    assertThat(OutboxRows.to("registration", msisdn)).isEmpty();
  }
}
