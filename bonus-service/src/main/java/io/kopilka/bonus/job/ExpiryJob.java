package io.kopilka.bonus.job;

import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.service.Claims;
import io.kopilka.bonus.service.Ledger;
import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Year-end expiry (B3): points of lots whose year has ended leave the balance as an EXPIRY entry.
 * Runs daily, so points released later by a voided hold expire on the next run.
 */
@ApplicationScoped
public class ExpiryJob implements Job {

  private static final String CANDIDATES =
      // every ended lot, empty ones too: Ledger.expire deletes those
      "select distinct account_id from lot where expires_at <= :asOf"
          + " and account_id > :after order by account_id limit :limit";

  private final Claims claims;
  private final Ledger ledger;
  private final Clock clock;

  public ExpiryJob(Claims claims, Ledger ledger, Clock clock) {
    this.claims = claims;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "expiry";
  }

  @Scheduled(
      cron = "{kopilka.jobs.expiry.cron}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  public Result run(Instant asOf) {
    long[] points = {0};
    long accounts =
        claims.forEachBatch(
            CANDIDATES,
            Map.of("asOf", asOf),
            batch -> {
              long n = 0;
              for (Account account : batch) {
                long expired = ledger.expire(account, asOf);
                points[0] += expired;
                n += expired > 0 ? 1 : 0;
              }
              return n;
            });
    return new Result(accounts, points[0] + " points expired on " + accounts + " accounts");
  }
}
