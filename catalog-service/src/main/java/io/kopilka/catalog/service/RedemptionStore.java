package io.kopilka.catalog.service;

import io.kopilka.catalog.domain.Redemption;
import io.kopilka.catalog.domain.RewardKind;
import io.kopilka.catalog.domain.Step;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.time.ProgrammeTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The saga's persisted steps. Each step is one short transaction that moves a redemption only from
 * the step it is expected to be in ({@code where step = :from}) and returns it as it is now; a
 * {@code null} answer means someone else (the recovery job, or the first of two identical requests)
 * moved it first. Messages for other services are written to the outbox in the same transaction as
 * the step they follow.
 */
@ApplicationScoped
public class RedemptionStore {

  private final EntityManager em;
  private final CertificatePool pool;
  private final Refunds refunds;
  private final MemberSms sms;
  private final ProgrammeTime time;
  private final MeterRegistry metrics;

  public RedemptionStore(
      EntityManager em,
      CertificatePool pool,
      Refunds refunds,
      MemberSms sms,
      ProgrammeTime time,
      MeterRegistry metrics) {
    this.em = em;
    this.pool = pool;
    this.refunds = refunds;
    this.sms = sms;
    this.time = time;
    this.metrics = metrics;
  }

  /** A new redemption, or the one its caller's key already made ({@code created} false). */
  public record Created(Redemption redemption, boolean created) {}

  @Transactional
  public Optional<Redemption> find(UUID id) {
    return Optional.ofNullable(Redemption.findById(id));
  }

  @Transactional
  public Optional<Redemption> findByKey(String caller, String key) {
    return Redemption.find(
            "caller = :caller and idempotencyKey = :key",
            Parameters.with("caller", caller).and("key", key))
        .firstResultOptional();
  }

  /**
   * Persists {@code redemption} as PENDING unless its caller already used its key. A lock on the
   * key makes a concurrent duplicate wait for the first and then find it.
   */
  @Transactional
  public Created create(Redemption redemption) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 3))")
        .setParameter("key", redemption.caller + "\n" + redemption.idempotencyKey)
        .getSingleResult();
    Optional<Redemption> existing = findByKey(redemption.caller, redemption.idempotencyKey);
    if (existing.isPresent()) {
      return new Created(existing.get(), false);
    }
    Instant now = time.now();
    redemption.step = Step.PENDING;
    redemption.createdAt = now;
    redemption.updatedAt = now;
    redemption.persist();
    return new Created(redemption, true);
  }

  @Transactional
  public Redemption held(UUID id, UUID holdId, Instant expiresAt) {
    return move(
        id,
        Step.PENDING,
        Step.HELD,
        ", holdId = :hold, holdExpiresAt = :expires",
        Map.of("hold", holdId, "expires", expiresAt));
  }

  @Transactional
  public Redemption fulfilled(UUID id, String activationId) {
    return move(
        id,
        Step.HELD,
        Step.FULFILLED,
        ", activationId = :activation",
        Collections.singletonMap("activation", activationId));
  }

  /**
   * Gives the redemption a certificate code (rule K5), or, with the pool empty, sends it to
   * compensation. The step moves first, so two runs of the same redemption can't take two codes.
   */
  @Transactional
  public Redemption fulfilWithCertificate(UUID id, String rewardCode) {
    Redemption r = move(id, Step.HELD, Step.FULFILLED, "", Map.of());
    if (r == null || pool.assign(rewardCode, id)) {
      return r;
    }
    em.detach(r);
    return setFailure(
        id,
        Step.FULFILLED,
        Step.COMPENSATING,
        Failure.OUT_OF_STOCK,
        "The certificates of reward " + rewardCode + " ran out; the points are released.");
  }

  /** Captured: the order is done, and the member gets the confirmation (K4: with its terms). */
  @Transactional
  public Redemption completed(UUID id) {
    Redemption r = move(id, Step.FULFILLED, Step.COMPLETED, ", completedAt = :now", Map.of());
    if (r != null) {
      sms.send(r.msisdn, confirmation(r, time.dateOf(r.completedAt)));
      count("completed", null);
    }
    return r;
  }

  /** The order can't go on; a hold that may exist must be voided before it is FAILED. */
  @Transactional
  public Redemption compensate(UUID id, Step from, Failure failure, String detail) {
    return setFailure(id, from, Step.COMPENSATING, failure, detail);
  }

  /**
   * The order failed and nothing is held. {@code failure} is null when compensation already
   * recorded why. {@code wasHeld}: the member is told by SMS, as points were held for a while.
   */
  @Transactional
  public Redemption failed(UUID id, Step from, Failure failure, String detail, boolean wasHeld) {
    Redemption r =
        failure == null
            ? move(id, from, Step.FAILED, "", Map.of())
            : setFailure(id, from, Step.FAILED, failure, detail);
    if (r != null) {
      if (wasHeld) {
        sms.send(r.msisdn, Texts.failed(r.rewardTitle, Failure.of(r.failureCode).reason));
      }
      count("failed", r.failureCode);
    }
    return r;
  }

  /** Given, but its hold could no longer be captured: left to support, loudly. */
  @Transactional
  public Redemption unpaid(UUID id, String detail) {
    Redemption r =
        move(
            id,
            Step.FULFILLED,
            Step.UNPAID,
            ", completedAt = :now, failureCode = 'redemption.unpaid', failureDetail = :detail",
            Map.of("detail", truncate(detail)));
    if (r != null) {
      count("unpaid", null);
    }
    return r;
  }

  /**
   * Gives the points of a completed order back, once: the step moves to REFUNDED and the credit
   * goes to bonus-service through the outbox in the same transaction.
   */
  @Transactional
  public Redemption refund(UUID id, String actor, String reason) {
    Redemption r = Redemption.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (r == null) {
      throw ProblemException.notFound("redemption.not-found", "There is no order " + id + ".");
    }
    if (r.step == Step.REFUNDED) {
      throw ProblemException.conflict(
          "redemption.already-refunded", "Order " + id + " was refunded at " + r.refundedAt + ".");
    }
    if (r.step != Step.COMPLETED) {
      throw ProblemException.conflict(
          "redemption.not-completed",
          "Order " + id + " is " + r.step + "; only a completed order's points can be refunded.");
    }
    r.step = Step.REFUNDED;
    r.refundedAt = time.now();
    r.refundedBy = actor;
    r.refundReason = reason;
    r.updatedAt = r.refundedAt;
    refunds.refund(
        r.msisdn, r.points, "redemption:" + id + ":refund", Texts.refundEntry(r.rewardTitle));
    sms.send(r.msisdn, Texts.refunded(r.rewardTitle, r.points));
    count("refunded", null);
    return r;
  }

  /**
   * Leases up to {@code limit} redemptions that stopped moving before {@code cutoff} to the caller:
   * their time is set to now, so other replicas leave them alone for a while.
   */
  @Transactional
  public List<UUID> claimStalled(Instant cutoff, int limit) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "update redemption set updated_at = :now where id in (select id from redemption"
                    + " where step in ('PENDING', 'HELD', 'FULFILLED', 'COMPENSATING')"
                    + " and updated_at < :cutoff order by updated_at limit :limit"
                    + " for update skip locked) returning id",
                UUID.class)
            .setParameter("now", time.now())
            .setParameter("cutoff", cutoff)
            .setParameter("limit", limit)
            .getResultList();
    return ids;
  }

  private Redemption setFailure(UUID id, Step from, Step to, Failure failure, String detail) {
    Map<String, Object> params = new HashMap<>();
    params.put("code", failure.code);
    params.put("detail", truncate(detail));
    return move(id, from, to, ", failureCode = :code, failureDetail = :detail", params);
  }

  /** The redemption after the move, or null when it wasn't in step {@code from}. */
  private Redemption move(UUID id, Step from, Step to, String set, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("id", id);
    all.put("from", from);
    all.put("to", to);
    all.put("now", time.now());
    int moved =
        Redemption.update(
            "step = :to, updatedAt = :now" + set + " where id = :id and step = :from", all);
    return moved == 1 ? Redemption.findById(id) : null;
  }

  private String confirmation(Redemption r, LocalDate today) {
    if (r.kind == RewardKind.CERTIFICATE) {
      String code =
          pool.reveal(r.id)
              .orElseThrow(() -> new IllegalStateException("Order " + r.id + " has no code"));
      return Texts.certificateIssued(
          r.rewardTitle, code, OrderTerms.lastDay(today, r.days), r.points);
    }
    if (r.kind == RewardKind.SUBSCRIPTION) {
      return Texts.subscribed(
          r.rewardTitle, OrderTerms.paidFrom(today, r.days), r.paidPriceKopecks, r.points);
    }
    return Texts.activated(r.rewardTitle, OrderTerms.lastDay(today, r.days), r.points);
  }

  private void count(String outcome, String failure) {
    metrics
        .counter(
            "kopilka.redemptions", "outcome", outcome, "failure", failure == null ? "" : failure)
        .increment();
  }

  private static String truncate(String detail) {
    return detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
  }
}
