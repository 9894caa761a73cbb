package io.kopilka.cashback.job;

import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Rule C4, C5: a pending conversion whose partner let its confirmation window pass becomes OVERDUE,
 * so the member may claim it; a late decision from the partner is still accepted.
 */
@ApplicationScoped
public class ConversionOverdueJob implements Job {

  private final EntityManager em;
  private final Clock clock;

  public ConversionOverdueJob(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "conversion-overdue";
  }

  @Scheduled(
      cron = "{kopilka.jobs.conversion-overdue.cron}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  @Transactional
  public Result run(Instant asOf) {
    int overdue =
        em.createNativeQuery(
                "update conversion set status = 'OVERDUE', updated_at = :asOf"
                    + " where status = 'PENDING' and due_at < :asOf")
            .setParameter("asOf", asOf)
            .executeUpdate();
    return new Result(overdue, overdue + " pending conversions are now overdue");
  }
}
