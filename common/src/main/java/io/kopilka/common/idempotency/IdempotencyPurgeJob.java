package io.kopilka.common.idempotency;

import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Forgets idempotency records older than the retention (at least 24 h, ARCHITECTURE.md). */
@ApplicationScoped
public class IdempotencyPurgeJob implements Job {

  /** Idempotency configuration. */
  @ConfigMapping(prefix = "kopilka.idempotency")
  public interface Config {
    /** How long a key and its stored response are kept. */
    @WithDefault("PT48H")
    Duration retention();
  }

  private final EntityManager em;
  private final Config config;
  private final Clock clock;

  public IdempotencyPurgeJob(EntityManager em, Config config, Clock clock) {
    this.em = em;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "idempotency-purge";
  }

  @Scheduled(
      cron = "${kopilka.jobs.idempotency-purge.cron:0 30 * * * ?}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  @Transactional
  public Result run(Instant asOf) {
    Duration retention =
        config.retention().compareTo(Duration.ofHours(24)) < 0
            ? Duration.ofHours(24)
            : config.retention();
    int deleted =
        em.createNativeQuery("delete from idempotency_record where created_at < :cutoff")
            .setParameter("cutoff", asOf.minus(retention))
            .executeUpdate();
    return new Result(deleted, "idempotency records older than " + retention + " deleted");
  }
}
