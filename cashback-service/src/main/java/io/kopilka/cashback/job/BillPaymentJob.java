package io.kopilka.cashback.job;

import io.kopilka.cashback.client.Members;
import io.kopilka.cashback.service.BillPayments;
import io.kopilka.cashback.service.BillPayments.Outcome;
import io.kopilka.common.jobs.Job;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

/**
 * Rule C7: on the 1st of each month every active member's bill for that month is paid from points
 * first. Running it again for the same month pays no one twice and finishes what a failed run left.
 */
@ApplicationScoped
public class BillPaymentJob implements Job {

  static final int PAGE = 500;

  private final Members members;
  private final BillPayments payments;
  private final ProgrammeTime time;
  private final Clock clock;

  public BillPaymentJob(Members members, BillPayments payments, ProgrammeTime time, Clock clock) {
    this.members = members;
    this.payments = payments;
    this.time = time;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "bill-payment";
  }

  @Scheduled(
      cron = "{kopilka.jobs.bill-payment.cron}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  /** Pays the bills of the month (in programme time) that contains {@code asOf}. */
  @Override
  public Result run(Instant asOf) {
    YearMonth month = YearMonth.from(time.dateOf(asOf));
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    String after = null;
    do {
      Members.Page page = members.active(after, PAGE);
      for (Members.Member member : page.members()) {
        outcomes.merge(payments.pay(member, month), 1L, Long::sum);
      }
      after = page.next();
    } while (after != null);
    return new Result(
        outcomes.getOrDefault(Outcome.PAID, 0L), "Bills of " + month + ": " + outcomes);
  }
}
