package io.kopilka.cashback.service;

import io.kopilka.cashback.domain.Conversion;
import io.kopilka.cashback.domain.ConversionStatus;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.outbox.Outbox;
import io.kopilka.common.time.ProgrammeTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Rule C4: an approved conversion's cashback goes to the member's account in bonus-service through
 * the outbox, under the conversion's id (the outbox message id, and so bonus-service's idempotency
 * key): a conversion is credited at most once, whatever approves it. Once bonus-service has taken
 * the credit, the member is told by SMS.
 */
@ApplicationScoped
public class Credits {

  static final String CREDITS_PATH = "/internal/v1/credits";

  /** The body of bonus-service's {@code POST /internal/v1/credits}. */
  public record Credit(
      String msisdn,
      UUID membershipId,
      long points,
      String reason,
      String reference,
      String description) {}

  private final EntityManager em;
  private final Outbox outbox;
  private final MemberSms sms;
  private final ProgrammeTime time;

  public Credits(EntityManager em, Outbox outbox, MemberSms sms, ProgrammeTime time) {
    this.em = em;
    this.outbox = outbox;
    this.sms = sms;
    this.time = time;
  }

  /** Approves the locked conversion and queues its credit, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void approve(Conversion conversion, String partnerName) {
    Instant now = time.now();
    conversion.status = ConversionStatus.APPROVED;
    conversion.decidedAt = now;
    conversion.updatedAt = now;
    if (conversion.points == 0) {
      conversion.creditedAt = now; // nothing to credit, nothing to tell
      return;
    }
    outbox.enqueue(
        conversion.id,
        "bonus",
        CREDITS_PATH,
        new Credit(
            conversion.msisdn,
            conversion.membershipId,
            conversion.points,
            "CASHBACK",
            "conversion:" + conversion.id,
            Texts.creditDescription(partnerName)));
  }

  /**
   * Marks approved conversions whose credit bonus-service has taken as credited and queues each
   * member's SMS; returns how many. Rows are claimed with SKIP LOCKED, so two runs never tell a
   * member twice.
   */
  @Transactional
  public int notifyCredited(int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select c.id, c.msisdn, c.points, p.name from conversion c"
                    + " join outbox_message m on m.id = c.id"
                    + " join partner p on p.id = c.partner_id"
                    + " where c.status = 'APPROVED' and c.credited_at is null"
                    + " and m.status = 'DELIVERED'"
                    + " order by c.decided_at limit :limit for update of c skip locked")
            .setParameter("limit", limit)
            .getResultList();
    Instant now = time.now();
    for (Object[] row : rows) {
      em.createNativeQuery("update conversion set credited_at = :now where id = :id")
          .setParameter("now", now)
          .setParameter("id", row[0])
          .executeUpdate();
      sms.send((String) row[1], Texts.credited(((Number) row[2]).longValue(), (String) row[3]));
    }
    return rows.size();
  }
}
