package io.kopilka.catalog.service;

import io.kopilka.catalog.client.BonusHolds;
import io.kopilka.catalog.client.Provisioning;
import io.kopilka.catalog.client.ProvisioningApi;
import io.kopilka.catalog.config.CatalogConfig;
import io.kopilka.catalog.domain.Channel;
import io.kopilka.catalog.domain.Redemption;
import io.kopilka.catalog.domain.Reward;
import io.kopilka.catalog.domain.RewardKind;
import io.kopilka.catalog.domain.Step;
import io.kopilka.common.client.Answer;
import io.kopilka.common.client.Refusal;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Digests;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The redemption saga (rules K3, K5): hold the price in bonus-service, fulfil the reward (a
 * certificate code from the pool, or an activation by the provisioning gateway), capture the hold.
 * A failure after the hold voids it, so the member is never charged without the reward nor given it
 * without paying.
 *
 * <p>Each step is persisted before the next begins, and every remote call is idempotent (the hold
 * by its key, the activation by the redemption id, capture and void by the hold's state), so the
 * recovery job can take over a redemption left anywhere in the middle and finish or compensate it.
 * No transaction stays open across a remote call.
 */
@ApplicationScoped
public class RedemptionSaga {

  private static final Logger LOG = Logger.getLogger(RedemptionSaga.class);

  /** More than the longest path (PENDING, HELD, FULFILLED, COMPLETED, with a lost race). */
  private static final int MAX_STEPS = 8;

  private final RewardService rewards;
  private final RedemptionStore store;
  private final BonusHolds bonus;
  private final Provisioning provisioning;
  private final CatalogConfig config;
  private final ProgrammeTime time;

  public RedemptionSaga(
      RewardService rewards,
      RedemptionStore store,
      BonusHolds bonus,
      Provisioning provisioning,
      CatalogConfig config,
      ProgrammeTime time) {
    this.rewards = rewards;
    this.store = store;
    this.bonus = bonus;
    this.provisioning = provisioning;
    this.config = config;
    this.time = time;
  }

  /**
   * Orders {@code rewardCode} for {@code msisdn} once per ({@code caller}, {@code key}): a retry
   * with the same key and request gets the same order, in whatever step it has reached. A reward
   * that can't be ordered is refused before anything is written or held.
   */
  public Redemption order(
      String caller, String key, String msisdn, String rewardCode, Channel channel) {
    Idempotency.requireValid(key);
    String hash = Digests.sha256Hex(msisdn + "\n" + rewardCode + "\n" + channel);
    Optional<Redemption> earlier = store.findByKey(caller, key);
    if (earlier.isPresent()) {
      return replay(earlier.get(), hash);
    }
    Reward reward = rewards.requireOrderable(rewardCode);
    Redemption redemption = new Redemption();
    redemption.id = UUID.randomUUID();
    redemption.caller = caller;
    redemption.idempotencyKey = key;
    redemption.requestHash = hash;
    redemption.msisdn = msisdn;
    redemption.channel = channel;
    redemption.rewardCode = reward.code;
    redemption.rewardTitle = reward.title;
    redemption.kind = reward.kind;
    redemption.product = reward.product;
    redemption.days = reward.days;
    redemption.quantity = reward.quantity;
    redemption.unit = reward.unit;
    redemption.points = reward.points;
    redemption.paidPriceKopecks = reward.paidPriceKopecks;
    RedemptionStore.Created created = store.create(redemption);
    if (!created.created()) {
      return replay(created.redemption(), hash);
    }
    return advance(created.redemption(), time.now());
  }

  private static Redemption replay(Redemption earlier, String hash) {
    if (!earlier.requestHash.equals(hash)) {
      throw ProblemException.unprocessable(
          "idempotency.key-reused",
          "This Idempotency-Key was already used with a different request body.");
    }
    return earlier;
  }

  /**
   * Moves the redemption on as far as it can go now and returns it: finished, or waiting for a
   * service that did not answer (the recovery job goes on later). {@code now} decides when waiting
   * for the provisioning gateway is given up.
   */
  public Redemption advance(UUID id, Instant now) {
    return advance(
        store.find(id).orElseThrow(() -> new IllegalStateException("No redemption " + id)), now);
  }

  private Redemption advance(Redemption start, Instant now) {
    Redemption r = start;
    for (int i = 0; i < MAX_STEPS && r.step.unfinished(); i++) {
      Redemption next =
          switch (r.step) {
            case PENDING -> hold(r);
            case HELD -> fulfil(r, now);
            case FULFILLED -> capture(r);
            case COMPENSATING -> release(r);
            default -> null;
          };
      if (next == null) {
        // waiting for a service, or another run moved it first: answer with where it is now
        return store.find(r.id).orElseThrow();
      }
      r = next;
    }
    return r;
  }

  /**
   * PENDING: hold the price. Each step returns the redemption as it moved, or null when it could
   * not move now.
   */
  private Redemption hold(Redemption r) {
    Answer<BonusHolds.Hold> answer;
    try {
      answer = askForHold(r);
    } catch (RuntimeException e) {
      // even a refused last retry may follow an earlier try that made the hold: release it
      LOG.warnf("Hold for order %s failed: %s", r.id, e.toString());
      return store.compensate(
          r.id,
          Step.PENDING,
          Failure.BONUS_UNAVAILABLE,
          "bonus-service did not answer; any points it held for this order are released."
              + " Try again in a few minutes.");
    }
    if (answer.refused()) {
      Refusal refusal = answer.refusal();
      if (inFlight(refusal)) {
        return null;
      }
      return store.failed(
          r.id,
          Step.PENDING,
          holdFailure(refusal),
          "Order " + r.id + ": " + describe(refusal),
          false);
    }
    return store.held(r.id, answer.value().holdId(), answer.value().expiresAt());
  }

  /** HELD: give the reward. */
  private Redemption fulfil(Redemption r, Instant now) {
    if (r.kind == RewardKind.CERTIFICATE) {
      return store.fulfilWithCertificate(r.id, r.rewardCode);
    }
    if (!now.isBefore(r.holdExpiresAt.minus(config.giveUpBeforeHoldExpiry()))) {
      return store.compensate(
          r.id,
          Step.HELD,
          Failure.FULFILMENT_UNAVAILABLE,
          "The provisioning gateway did not activate " + r.product + " in time.");
    }
    Answer<String> answer;
    try {
      answer =
          provisioning.activate(
              new ProvisioningApi.Activation(
                  r.id.toString(),
                  r.msisdn,
                  r.product,
                  r.days,
                  r.quantity,
                  r.unit == null ? null : r.unit.name()));
    } catch (RuntimeException e) {
      // it may have been activated: only a repeat of the same activation can tell
      LOG.warnf("Activation for order %s failed, retried later: %s", r.id, e.toString());
      return null;
    }
    if (answer.refused()) {
      return store.compensate(
          r.id,
          Step.HELD,
          Failure.FULFILMENT_REFUSED,
          "Order "
              + r.id
              + ": the provisioning gateway refused "
              + r.product
              + ": "
              + describe(answer.refusal()));
    }
    return store.fulfilled(r.id, answer.value());
  }

  /** FULFILLED: spend the held points. */
  private Redemption capture(Redemption r) {
    Answer<BonusHolds.Hold> answer;
    try {
      answer = bonus.capture(r.holdId);
    } catch (RuntimeException e) {
      LOG.warnf("Capture for order %s failed, retried later: %s", r.id, e.toString());
      return null;
    }
    if (answer.refused() && !holdGone(answer.refusal())) {
      LOG.errorf("Capture for order %s refused, retried later: %s", r.id, answer.refusal());
      return null;
    }
    if (answer.refused()) {
      LOG.errorf(
          "Order %s of %s was fulfilled but its hold %s can't be captured: %s",
          r.id, Msisdn.mask(r.msisdn), r.holdId, answer.refusal());
      return store.unpaid(r.id, "bonus-service refused the capture: " + describe(answer.refusal()));
    }
    return store.completed(r.id);
  }

  /** COMPENSATING: release whatever is held, then the order has failed. */
  private Redemption release(Redemption r) {
    UUID holdId = r.holdId;
    Answer<BonusHolds.Hold> voided;
    try {
      if (holdId == null) {
        // the hold's answer was lost: the same key returns the same hold, or makes one now
        Answer<BonusHolds.Hold> again = askForHold(r);
        if (again.refused()) {
          return inFlight(again.refusal())
              ? null
              : store.failed(r.id, Step.COMPENSATING, null, null, false);
        }
        holdId = again.value().holdId();
      }
      voided = bonus.voidHold(holdId);
    } catch (RuntimeException e) {
      LOG.warnf("Void for order %s failed, retried later: %s", r.id, e.toString());
      return null;
    }
    if (voided.refused() && voided.refusal().status() != 404) {
      // only a fulfilled order's hold is ever captured, and those never come here
      LOG.errorf("Hold %s of failed order %s can't be voided: %s", holdId, r.id, voided.refusal());
      return null;
    }
    return store.failed(r.id, Step.COMPENSATING, null, null, !voided.refused());
  }

  private Answer<BonusHolds.Hold> askForHold(Redemption r) {
    String reference = "redemption:" + r.id;
    return bonus.hold(reference, r.msisdn, r.points, reference, config.holdTtl());
  }

  /** bonus-service no longer has the hold to capture: unknown (404), or expired or voided (409). */
  private static boolean holdGone(Refusal refusal) {
    return refusal.status() == 404 || refusal.status() == 409;
  }

  private static boolean inFlight(Refusal refusal) {
    return refusal.status() == 409 && refusal.code().equals("idempotency.in-flight");
  }

  private static Failure holdFailure(Refusal refusal) {
    if (refusal.code().endsWith("insufficient-points")) {
      return Failure.INSUFFICIENT_POINTS;
    }
    if (refusal.status() == 404 || refusal.code().startsWith("account.")) {
      return Failure.NO_ACCOUNT;
    }
    return Failure.BONUS_REFUSED;
  }

  /** What the other side said, for the order's failure detail. */
  private static String describe(Refusal refusal) {
    return refusal.detail() != null ? refusal.detail() : "status " + refusal.status();
  }
}
