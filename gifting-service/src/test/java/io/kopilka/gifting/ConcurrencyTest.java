package io.kopilka.gifting;

import static io.kopilka.gifting.Api.awaiting;
import static io.kopilka.gifting.Api.balance;
import static io.kopilka.gifting.Api.code;
import static io.kopilka.gifting.Api.confirm;
import static io.kopilka.gifting.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules G2-G4 hold under concurrent confirmations: the check and the booking are one step. */
@QuarkusTest
class ConcurrencyTest extends TestSetup {

  @AfterEach
  void tearDown() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void shouldCompleteGiftsToOnlyOneOfTwoRecipientsOfTenConcurrentConfirmations() throws Exception {
    MutableClock.INSTANCE.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    String sender = member(5000);
    List<String> recipients = List.of(member(0), member(0));
    List<UUID> gifts = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      gifts.add(awaiting(sender, recipients.get(i % 2), 100));
      codes.add(code(sender));
    }
    assertThat(Api.gift(sender, recipients.get(0), 100).jsonPath().getString("code"))
        .isEqualTo("gift.too-many-awaiting");

    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return confirm(sender, gifts.get(n), codes.get(n));
              }));
    }
    start.countDown();
    List<Response> responses = new ArrayList<>();
    for (Future<Response> future : futures) {
      responses.add(future.get());
    }
    pool.shutdown();

    Map<String, Long> completedByRecipient =
        responses.stream()
            .filter(r -> r.statusCode() == 200)
            .collect(
                Collectors.groupingBy(
                    r -> r.jsonPath().getString("recipientMsisdn"), Collectors.counting()));
    assertThat(completedByRecipient).hasSize(1).containsValue(5L);
    assertThat(responses.stream().filter(r -> r.statusCode() != 200))
        .hasSize(5)
        .allSatisfy(
            r ->
                assertThat(r.jsonPath().getString("code")).isEqualTo("gift.daily-recipient-limit"));
    String winner = completedByRecipient.keySet().iterator().next();
    String loser = recipients.get(0).equals(winner) ? recipients.get(1) : recipients.get(0);
    assertThat(balance(sender)).isEqualTo(4500);
    assertThat(balance(winner)).isEqualTo(500);
    assertThat(balance(loser)).isZero();
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }
}
