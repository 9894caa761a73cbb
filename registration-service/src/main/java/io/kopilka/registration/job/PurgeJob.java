package io.kopilka.registration.job;

import io.kopilka.common.jobs.Job;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what has no use any more: login codes, wrong-code records and e-mail links a day after
 * they lapsed (the limits look back one hour), and leave requests nobody confirmed.
 */
@ApplicationScoped
public class PurgeJob implements Job {

  private static final Duration KEEP = Duration.ofDays(1);

  private final EntityManager em;
  private final Clock clock;

  public PurgeJob(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "purge";
  }

  @Scheduled(
      cron = "{kopilka.jobs.purge.cron}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  public Result run(Instant asOf) {
    Instant before = asOf.minus(KEEP);
    int deleted =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    delete("delete from otp_code where expires_at < :before", before)
                        + delete(
                            "delete from email_confirmation where expires_at < :before", before)
                        + delete("delete from leave_request where requested_at < :before", before)
                        + delete("delete from login_failure where at < :before", before));
    return new Result(
        deleted, deleted + " expired codes, links, leave requests and login failures deleted");
  }

  private int delete(String sql, Instant before) {
    return em.createNativeQuery(sql).setParameter("before", before).executeUpdate();
  }
}
