package io.kopilka.catalog;

import static io.kopilka.catalog.Api.available;
import static io.kopilka.catalog.Api.balance;
import static io.kopilka.catalog.Api.member;
import static io.kopilka.catalog.Api.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.BonusServiceProcess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The saga under concurrent orders: the ledger and the certificate pool never over-give. */
@QuarkusTest
class ConcurrencyTest extends TestSetup {

  @Test
  void shouldGiveExactlyWhatTheBalanceCoversToFiftyConcurrentOrders() throws Exception {
    String reward = Api.optionReward(30);
    String msisdn = member(300);

    List<Response> responses = concurrently(50, i -> order(msisdn, reward));

    Map<Integer, Long> statuses = countByStatus(responses);
    assertThat(statuses).containsEntry(201, 10L).containsEntry(422, 40L).hasSize(2);
    assertThat(responses.stream().filter(r -> r.statusCode() == 422))
        .allSatisfy(
            r ->
                assertThat(r.jsonPath().getString("code"))
                    .isEqualTo("redemption.insufficient-points"));
    assertThat(balance(msisdn)).isZero();
    assertThat(available(msisdn)).isZero();
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void shouldGiveTheLastFiveCodesToFiveOfTwentyRacingMembers() throws Exception {
    String reward =
        Api.certificateReward(
            40, List.of("LAST-0001", "LAST-0002", "LAST-0003", "LAST-0004", "LAST-0005"));
    List<String> members = IntStream.range(0, 20).mapToObj(i -> member(100)).toList();

    List<Response> responses = concurrently(20, i -> order(members.get(i), reward));

    Map<Integer, Long> statuses = countByStatus(responses);
    assertThat(statuses).containsEntry(201, 5L).containsEntry(409, 15L).hasSize(2);
    List<String> codes =
        responses.stream()
            .filter(r -> r.statusCode() == 201)
            .map(r -> r.jsonPath().getString("certificate.code"))
            .toList();
    assertThat(codes)
        .containsExactlyInAnyOrder("LAST-0001", "LAST-0002", "LAST-0003", "LAST-0004", "LAST-0005");
    assertThat(responses.stream().filter(r -> r.statusCode() == 409))
        .allSatisfy(
            r -> assertThat(r.jsonPath().getString("code")).isEqualTo("reward.out-of-stock"));
    long charged = members.stream().filter(m -> balance(m) == 60).count();
    long untouched = members.stream().filter(m -> balance(m) == 100 && available(m) == 100).count();
    assertThat(charged).isEqualTo(5);
    assertThat(untouched).isEqualTo(15);
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  private static List<Response> concurrently(int n, Function<Integer, Response> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<Response> task =
            () -> {
              start.await();
              return call.apply(index);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> future : futures) {
        responses.add(future.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<Integer, Long> countByStatus(List<Response> responses) {
    return responses.stream()
        .collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
  }
}
