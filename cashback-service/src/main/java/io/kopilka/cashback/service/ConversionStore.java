package io.kopilka.cashback.service;

import io.kopilka.cashback.domain.Conversion;
import io.kopilka.common.time.ProgrammeTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.hibernate.query.NativeQuery;

/** Conversions by (partner, order id), each changed only under its row lock. */
@ApplicationScoped
public class ConversionStore {

  private final EntityManager em;
  private final ProgrammeTime time;

  public ConversionStore(EntityManager em, ProgrammeTime time) {
    this.em = em;
    this.time = time;
  }

  /**
   * The conversion of the candidate's (partner, order), locked; the candidate itself, inserted, if
   * there was none. The insert skips a conflicting row, so a partner's report and a claim, or two
   * reports, arriving together make one conversion: compare the returned id with the candidate's.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Conversion lockOrCreate(Conversion candidate) {
    create(candidate);
    return lock(candidate.partnerId, candidate.orderId);
  }

  /**
   * Inserts the candidate unless its (partner, order) already has a conversion; true when it did.
   * The new row stays this transaction's, invisible and locked to others, until it commits.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean create(Conversion candidate) {
    Instant now = time.now();
    return em.createNativeQuery(
                "insert into conversion (id, partner_id, order_id, click_id, msisdn, membership_id,"
                    + " amount_kopecks, rate_bp, points, status, source, occurred_at, due_at,"
                    + " created_at, updated_at)"
                    + " values (:id, :partner, :order, :click, :msisdn, :membership, :amount, :rate,"
                    + " :points, :status, :source, :occurred, :due, :now, :now)"
                    + " on conflict (partner_id, order_id) do nothing")
            .unwrap(NativeQuery.class)
            .addSynchronizedQuerySpace("conversion")
            .setParameter("id", candidate.id)
            .setParameter("partner", candidate.partnerId)
            .setParameter("order", candidate.orderId)
            .setParameter("click", candidate.clickId)
            .setParameter("msisdn", candidate.msisdn)
            .setParameter("membership", candidate.membershipId)
            .setParameter("amount", candidate.amountKopecks)
            .setParameter("rate", candidate.rateBp)
            .setParameter("points", candidate.points)
            .setParameter("status", candidate.status.name())
            .setParameter("source", candidate.source.name())
            .setParameter("occurred", candidate.occurredAt)
            .setParameter("due", candidate.dueAt)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  /** The conversion of (partner, order), or null; not locked. */
  public Conversion find(String partnerId, String orderId) {
    return first(byOrder(partnerId, orderId));
  }

  /** The locked conversion of (partner, order), or null. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Conversion lock(String partnerId, String orderId) {
    return first(byOrder(partnerId, orderId).setLockMode(LockModeType.PESSIMISTIC_WRITE));
  }

  private TypedQuery<Conversion> byOrder(String partnerId, String orderId) {
    return em.createQuery(
            "from Conversion c where c.partnerId = :partner and c.orderId = :order",
            Conversion.class)
        .setParameter("partner", partnerId)
        .setParameter("order", orderId);
  }

  private static Conversion first(TypedQuery<Conversion> query) {
    return query.getResultStream().findFirst().orElse(null);
  }
}
