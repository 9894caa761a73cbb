package io.kopilka.bonus.job;

import io.kopilka.bonus.service.Claims;
import io.kopilka.bonus.service.SpendingService;
import io.kopilka.common.jobs.Job;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Expires holds that were neither captured nor voided in time, releasing their points. */
@ApplicationScoped
public class HoldExpiryJob implements Job {

  private final SpendingService spending;
  private final EntityManager em;
  private final Clock clock;

  public HoldExpiryJob(SpendingService spending, EntityManager em, Clock clock) {
    this.spending = spending;
    this.em = em;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "hold-expiry";
  }

  @Scheduled(
      every = "{kopilka.jobs.hold-expiry.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  public Result run(Instant asOf) {
    long expired = 0;
    List<UUID> due;
    long pass;
    do {
      due = QuarkusTransaction.requiringNew().call(() -> due(asOf));
      pass = 0;
      for (UUID id : due) {
        if (spending.expireHold(id, asOf)) {
          pass++;
        }
      }
      expired += pass;
    } while (due.size() == Claims.BATCH && pass > 0);
    return new Result(expired, expired + " holds expired");
  }

  private List<UUID> due(Instant asOf) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "select id from hold where status = 'HELD' and expires_at <= :asOf"
                    + " order by expires_at limit :limit")
            .setParameter("asOf", asOf)
            .setParameter("limit", Claims.BATCH)
            .getResultList();
    return ids;
  }
}
