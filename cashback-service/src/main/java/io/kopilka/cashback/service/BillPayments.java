package io.kopilka.cashback.service;

import io.kopilka.cashback.client.Billing;
import io.kopilka.cashback.client.BonusLedger;
import io.kopilka.cashback.client.Members.Member;
import io.kopilka.cashback.config.CashbackConfig;
import io.kopilka.common.client.Answer;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Rule C7: a member's phone bill for a month is paid from points first, at most once. Each member
 * and month has a row; an attempt claims it, asks billing for the bill and pays through
 * bonus-service under a key made of the number and month, then records what was paid and tells the
 * member. An attempt that stops midway is taken up again by a later run with the same key, so the
 * points are paid once whatever happens.
 */
@ApplicationScoped
public class BillPayments {

  private static final Logger LOG = Logger.getLogger(BillPayments.class);

  /** How one member's month went. */
  public enum Outcome {
    PAID,
    NOTHING_DUE,
    NO_ACCOUNT,
    /** Paid already, or another run is at it. */
    SKIPPED,
    /** Billing or bonus-service failed; a later run tries again. */
    FAILED
  }

  private final EntityManager em;
  private final Billing billing;
  private final BonusLedger bonus;
  private final MemberSms sms;
  private final CashbackConfig config;
  private final ProgrammeTime time;

  public BillPayments(
      EntityManager em,
      Billing billing,
      BonusLedger bonus,
      MemberSms sms,
      CashbackConfig config,
      ProgrammeTime time) {
    this.em = em;
    this.billing = billing;
    this.bonus = bonus;
    this.sms = sms;
    this.config = config;
    this.time = time;
  }

  public Outcome pay(Member member, YearMonth month) {
    if (!QuarkusTransaction.requiringNew().call(() -> claim(member, month))) {
      return Outcome.SKIPPED;
    }
    try {
      OptionalLong bill = billing.bill(member.msisdn(), month);
      long rubles = bill.orElse(0) / 100; // 1 point = 1 RUB: whole rubles only
      if (rubles == 0) {
        return finish(member, month, Outcome.NOTHING_DUE, bill.orElse(0), 0);
      }
      Answer<Long> paid =
          bonus.payBill(key(member.msisdn(), month), member.msisdn(), rubles, "bill:" + month);
      if (paid.refusal() != null) {
        if (paid.refusal().status() == 404) {
          return finish(member, month, Outcome.NO_ACCOUNT, bill.getAsLong(), 0);
        }
        return failed(member, month, paid.refusal().toString());
      }
      return finish(member, month, Outcome.PAID, bill.getAsLong(), paid.value());
    } catch (RuntimeException e) {
      return failed(member, month, e.toString());
    }
  }

  /** A member's month left PENDING by a failed or interrupted attempt. */
  public record Pending(Member member, YearMonth month) {}

  /** Months left PENDING whose attempt failed or went stale, oldest month first. */
  public List<Pending> unfinished(int limit) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select msisdn, month, membership_id from bill_payment"
                              + " where status = 'PENDING'"
                              + " and (attempt_at is null or attempt_at < :stale)"
                              + " order by month, msisdn limit :limit")
                      .setParameter("stale", time.now().minus(config.billPaymentRetryAfter()))
                      .setParameter("limit", limit)
                      .getResultList();
              return rows.stream()
                  .map(
                      r ->
                          new Pending(
                              new Member((String) r[0], (UUID) r[2]),
                              YearMonth.parse((String) r[1])))
                  .toList();
            });
  }

  /** bonus-service's idempotency key of the member's month. */
  static String key(String msisdn, YearMonth month) {
    return UUID.nameUUIDFromBytes(
            ("bill-payment:" + msisdn + ":" + month).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Creates the month's row if needed and claims it unless paid or being paid. */
  private boolean claim(Member member, YearMonth month) {
    Instant now = time.now();
    em.createNativeQuery(
            "insert into bill_payment (msisdn, month, membership_id, status, created_at)"
                + " values (:msisdn, :month, :membership, 'PENDING', :now) on conflict do nothing")
        .setParameter("msisdn", member.msisdn())
        .setParameter("month", month.toString())
        .setParameter("membership", member.membershipId())
        .setParameter("now", now)
        .executeUpdate();
    return em.createNativeQuery(
                "update bill_payment set attempts = attempts + 1, attempt_at = :now"
                    + " where msisdn = :msisdn and month = :month and status = 'PENDING'"
                    + " and (attempt_at is null or attempt_at < :stale)")
            .setParameter("msisdn", member.msisdn())
            .setParameter("month", month.toString())
            .setParameter("now", now)
            .setParameter("stale", now.minus(config.billPaymentRetryAfter()))
            .executeUpdate()
        == 1;
  }

  private Outcome finish(
      Member member, YearMonth month, Outcome outcome, long billKopecks, long paidPoints) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              int updated =
                  em.createNativeQuery(
                          "update bill_payment set status = :status, bill_kopecks = :bill,"
                              + " paid_points = :paid, decided_at = :now, last_error = null"
                              + " where msisdn = :msisdn and month = :month"
                              + " and status = 'PENDING'")
                      .setParameter("status", outcome.name())
                      .setParameter("bill", billKopecks)
                      .setParameter("paid", paidPoints)
                      .setParameter("now", time.now())
                      .setParameter("msisdn", member.msisdn())
                      .setParameter("month", month.toString())
                      .executeUpdate();
              if (updated == 1 && paidPoints > 0) {
                sms.send(member.msisdn(), Texts.billPaid(month, billKopecks, paidPoints));
              }
            });
    return outcome;
  }

  /** Leaves the row PENDING and unclaimed: the next run tries again. */
  private Outcome failed(Member member, YearMonth month, String error) {
    LOG.warnf("Bill payment of %s for %s failed: %s", Msisdn.mask(member.msisdn()), month, error);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update bill_payment set last_error = :error, attempt_at = null"
                            + " where msisdn = :msisdn and month = :month")
                    .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
                    .setParameter("msisdn", member.msisdn())
                    .setParameter("month", month.toString())
                    .executeUpdate());
    return Outcome.FAILED;
  }
}
