package io.kopilka.gifting.job;

import io.kopilka.common.jobs.Job;
import io.kopilka.gifting.service.GiftStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Gifts not confirmed while their code was valid expire (rule G1). */
@ApplicationScoped
public class GiftExpiryJob implements Job {

  static final int BATCH = 500;

  private final GiftStore store;
  private final Clock clock;

  public GiftExpiryJob(GiftStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "gift-expiry";
  }

  @Scheduled(
      every = "{kopilka.jobs.gift-expiry.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  public Result run(Instant asOf) {
    long expired = 0;
    int batch;
    do {
      batch = store.expire(asOf, BATCH);
      expired += batch;
    } while (batch == BATCH);
    return new Result(expired, "Expired " + expired + " unconfirmed gifts");
  }
}
