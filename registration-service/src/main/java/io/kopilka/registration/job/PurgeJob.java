package io.kopilka.registration.job;

import io.kopilka.common.jobs.Job;
import io.kopilka.registration.config.RegistrationConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what has no use any more: login codes, wrong-code records and e-mail links a day after
 * they lapsed (the limits look back one hour), leave requests nobody confirmed, and invitations
 * once their retention after expiry is over (they hold a friend's number, who may never have
 * joined).
 */
@ApplicationScoped
public class PurgeJob implements Job {

  private static final Duration KEEP = Duration.ofDays(1);

  private final EntityManager em;
  private final Clock clock;
  private final RegistrationConfig config;

  public PurgeJob(EntityManager em, Clock clock, RegistrationConfig config) {
    this.em = em;
    this.clock = clock;
    this.config = config;
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
    Instant invitationsBefore = asOf.minus(config.invitation().retention());
    int deleted =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    delete("delete from otp_code where expires_at < :before", before)
                        + delete(
                            "delete from email_confirmation where expires_at < :before", before)
                        + delete("delete from leave_request where requested_at < :before", before)
                        + delete("delete from login_failure where at < :before", before)
                        + delete(
                            "delete from invitation where expires_at < :before",
                            invitationsBefore));
    return new Result(
        deleted,
        deleted + " expired codes, links, leave requests, login failures and invitations deleted");
  }

  private int delete(String sql, Instant before) {
    return em.createNativeQuery(sql).setParameter("before", before).executeUpdate();
  }
}
