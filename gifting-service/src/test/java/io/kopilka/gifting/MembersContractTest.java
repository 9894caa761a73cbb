package io.kopilka.gifting;

import static io.kopilka.gifting.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.Requests;
import io.kopilka.gifting.client.BonusLedger;
import io.kopilka.gifting.client.Members;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The contracts with registration-service (member lookup) and bonus-service (balance) that a gift
 * relies on, checked against the real services through this service's own clients. Transfers are
 * checked by every gift of {@link GiftTest}.
 */
@QuarkusTest
class MembersContractTest extends TestSetup {

  @Inject Members members;
  @Inject BonusLedger bonus;

  @Test
  void shouldTellMembersFromOtherNumbers() {
    String msisdn = member(70);

    assertThat(members.isActive(msisdn)).isTrue();
    assertThat(members.isActive(Requests.newMsisdn())).isFalse();
    assertThat(bonus.available(msisdn)).hasValue(70);
    assertThat(bonus.available(Requests.newMsisdn())).isEmpty();
  }
}
