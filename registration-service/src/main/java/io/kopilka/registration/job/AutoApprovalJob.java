package io.kopilka.registration.job;

import io.kopilka.common.jobs.Job;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.service.MembershipService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Rule R2: web applications nobody reviewed within the configured delay (2 h) become active.
 * Applications are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and a
 * reviewer deciding at the same moment wins or loses cleanly.
 */
@ApplicationScoped
public class AutoApprovalJob implements Job {

  static final int BATCH = 100;

  private final MembershipService memberships;
  private final EntityManager em;
  private final RegistrationConfig config;
  private final Clock clock;

  public AutoApprovalJob(
      MembershipService memberships, EntityManager em, RegistrationConfig config, Clock clock) {
    this.memberships = memberships;
    this.em = em;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "auto-approval";
  }

  @Scheduled(
      every = "{kopilka.jobs.auto-approval.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  /** Approves the applications made before {@code asOf} minus the delay, batch after batch. */
  @Override
  public Result run(Instant asOf) {
    Instant appliedBefore = asOf.minus(config.autoApprovalDelay());
    long approved = 0;
    int claimed;
    do {
      int[] pass = new int[2];
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                List<UUID> due = claim(appliedBefore);
                pass[0] = due.size();
                for (UUID id : due) {
                  if (memberships.autoApprove(id)) {
                    pass[1]++;
                  }
                }
              });
      claimed = pass[0];
      approved += pass[1];
    } while (claimed == BATCH);
    return new Result(approved, approved + " applications approved");
  }

  private List<UUID> claim(Instant appliedBefore) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "select id from membership where status = 'PENDING_REVIEW' and applied_at <= :before"
                    + " order by applied_at limit :limit for update skip locked")
            .setParameter("before", appliedBefore)
            .setParameter("limit", BATCH)
            .getResultList();
    return ids;
  }
}
