package io.kopilka.gifting.job;

import io.kopilka.common.jobs.Job;
import io.kopilka.gifting.config.GiftingConfig;
import io.kopilka.gifting.service.GiftService;
import io.kopilka.gifting.service.GiftStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finishes confirmed gifts whose transfer did not get an answer (bonus-service down, a crash): the
 * transfer is asked again with the same key, so the points move once, and the gift ends COMPLETED
 * or FAILED. Gifts are leased with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class TransferRecoveryJob implements Job {

  private static final Logger LOG = Logger.getLogger(TransferRecoveryJob.class);
  static final int BATCH = 100;

  private final GiftStore store;
  private final GiftService gifts;
  private final GiftingConfig config;
  private final Clock clock;

  public TransferRecoveryJob(
      GiftStore store, GiftService gifts, GiftingConfig config, Clock clock) {
    this.store = store;
    this.gifts = gifts;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "gift-transfer-recovery";
  }

  @Scheduled(
      every = "{kopilka.jobs.gift-transfer-recovery.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  @Override
  public Result run(Instant asOf) {
    List<UUID> stalled = store.claimStalled(asOf.minus(config.recoveryAfter()), BATCH);
    for (UUID id : stalled) {
      try {
        store.find(id).ifPresent(gifts::transfer);
      } catch (RuntimeException e) {
        LOG.errorf(e, "Transfer of gift %s failed; retried on a later run", id);
      }
    }
    return new Result(stalled.size(), "Retried the transfers of " + stalled.size() + " gifts");
  }
}
