package io.kopilka.cashback.job;

import io.kopilka.cashback.service.Credits;
import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Rule C4: tells members, once bonus-service has taken a credit, that cashback was credited. */
@ApplicationScoped
public class CreditNoticeJob implements Job {

  static final int BATCH = 500;

  private final Credits credits;
  private final Clock clock;

  public CreditNoticeJob(Credits credits, Clock clock) {
    this.credits = credits;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "credit-notices";
  }

  @Scheduled(
      every = "{kopilka.jobs.credit-notices.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  public Result run(Instant asOf) {
    long told = 0;
    int batch;
    do {
      batch = credits.notifyCredited(BATCH);
      told += batch;
    } while (batch == BATCH);
    return new Result(told, told + " members told of credited cashback");
  }
}
