package io.kopilka.common.outbox;

import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Deletes delivered outbox messages after {@code kopilka.outbox.delivered-retention} (7 days): they
 * may carry personal data (an SMS text) and have no use once delivered. Parked messages stay until
 * an operator retries them.
 */
@ApplicationScoped
public class OutboxPurgeJob implements Job {

  private final EntityManager em;
  private final OutboxConfig config;
  private final Clock clock;

  public OutboxPurgeJob(EntityManager em, OutboxConfig config, Clock clock) {
    this.em = em;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "outbox-purge";
  }

  @Scheduled(
      cron = "${kopilka.jobs.outbox-purge.cron:0 45 * * * ?}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  @Transactional
  public Result run(Instant asOf) {
    int deleted =
        em.createNativeQuery(
                "delete from outbox_message where status = 'DELIVERED' and created_at < :cutoff")
            .setParameter("cutoff", asOf.minus(config.deliveredRetention()))
            .executeUpdate();
    return new Result(
        deleted,
        deleted + " delivered messages older than " + config.deliveredRetention() + " deleted");
  }
}
