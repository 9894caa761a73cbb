package io.kopilka.catalog.job;

import io.kopilka.catalog.config.CatalogConfig;
import io.kopilka.catalog.domain.Redemption;
import io.kopilka.catalog.domain.Step;
import io.kopilka.catalog.service.RedemptionSaga;
import io.kopilka.catalog.service.RedemptionStore;
import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finishes or compensates redemptions whose saga stopped in the middle (a crash, a timeout, a
 * gateway that was down): each is leased with {@code FOR UPDATE SKIP LOCKED} and moved on by the
 * same steps as a live order, which are idempotent and conditional, so it happens exactly once even
 * with several replicas or a live request still running.
 */
@ApplicationScoped
public class RecoveryJob implements Job {

  private static final Logger LOG = Logger.getLogger(RecoveryJob.class);

  private final RedemptionStore store;
  private final RedemptionSaga saga;
  private final CatalogConfig config;
  private final Clock clock;

  public RecoveryJob(
      RedemptionStore store, RedemptionSaga saga, CatalogConfig config, Clock clock) {
    this.store = store;
    this.saga = saga;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "redemption-recovery";
  }

  @Scheduled(
      every = "{kopilka.jobs.redemption-recovery.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  /**
   * Moves on the redemptions that have not moved since {@code asOf} minus the recovery delay. Each
   * is leased on its own just before it is moved, so a slow batch never outlives its leases, and is
   * moved as of the later of {@code asOf} and the clock.
   */
  @Override
  public Result run(Instant asOf) {
    Instant cutoff = asOf.minus(config.recoveryAfter());
    Map<Step, Integer> outcomes = new EnumMap<>(Step.class);
    int moved = 0;
    for (; moved < config.recoveryBatch(); moved++) {
      List<UUID> leased = store.claimStalled(cutoff, 1);
      if (leased.isEmpty()) {
        break;
      }
      UUID id = leased.get(0);
      Instant now = clock.instant();
      try {
        Redemption r = saga.advance(id, asOf.isAfter(now) ? asOf : now);
        outcomes.merge(r.step, 1, Integer::sum);
      } catch (RuntimeException e) {
        LOG.errorf(e, "Recovery of order %s failed; retried on a later run", id);
      }
    }
    return new Result(moved, "Moved on " + moved + " orders; now " + outcomes);
  }
}
