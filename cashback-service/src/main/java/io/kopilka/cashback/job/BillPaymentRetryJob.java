package io.kopilka.cashback.job;

import io.kopilka.cashback.service.BillPayments;
import io.kopilka.cashback.service.BillPayments.Outcome;
import io.kopilka.cashback.service.BillPayments.Pending;
import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Rule C7: finishes the bill payments that billing or bonus-service let fail, or that a stopped run
 * left midway; under the same key, so nothing is paid twice.
 */
@ApplicationScoped
public class BillPaymentRetryJob implements Job {

  static final int BATCH = 200;

  private final BillPayments payments;
  private final Clock clock;

  public BillPaymentRetryJob(BillPayments payments, Clock clock) {
    this.payments = payments;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "bill-payment-retry";
  }

  @Scheduled(
      every = "{kopilka.jobs.bill-payment-retry.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  /** Goes on while whole batches succeed; a failure waits for the next run. */
  @Override
  public Result run(Instant asOf) {
    long finished = 0;
    boolean failed = false;
    List<Pending> batch;
    do {
      batch = payments.unfinished(BATCH);
      for (Pending pending : batch) {
        Outcome outcome = payments.pay(pending.member(), pending.month());
        if (outcome == Outcome.FAILED) {
          failed = true;
        } else if (outcome != Outcome.SKIPPED) {
          finished++;
        }
      }
    } while (batch.size() == BATCH && !failed);
    return new Result(finished, finished + " unfinished bill payments finished");
  }
}
