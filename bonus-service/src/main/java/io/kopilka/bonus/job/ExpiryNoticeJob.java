package io.kopilka.bonus.job;

import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.service.Claims;
import io.kopilka.bonus.service.Texts;
import io.kopilka.common.jobs.Job;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.Map;

/** Tells members in December how many points expire at the year end (B3), once a year. */
@ApplicationScoped
public class ExpiryNoticeJob implements Job {

  private static final String CANDIDATES =
      "select a.id from account a where a.status = 'OPEN' and a.balance > 0"
          + " and (a.expiry_notice_year is null or a.expiry_notice_year < :year)"
          + " and a.id > :after order by a.id limit :limit";

  private final Claims claims;
  private final MemberSms notifications;
  private final ProgrammeTime time;
  private final EntityManager em;

  public ExpiryNoticeJob(
      Claims claims, MemberSms notifications, ProgrammeTime time, EntityManager em) {
    this.claims = claims;
    this.notifications = notifications;
    this.time = time;
    this.em = em;
  }

  @Override
  public String name() {
    return "expiry-notice";
  }

  @Scheduled(
      cron = "{kopilka.jobs.expiry-notice.cron}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(time.now());
  }

  @Override
  public Result run(Instant asOf) {
    LocalDate today = time.dateOf(asOf);
    if (today.getMonth() != Month.DECEMBER) {
      return new Result(0, "expiry notices go out in December only");
    }
    Instant yearEnd = time.endOfYear(asOf);
    long notified =
        claims.forEachBatch(
            CANDIDATES,
            Map.of("year", today.getYear()),
            batch -> {
              long n = 0;
              for (Account account : batch) {
                if (account.expiryNoticeYear != null
                    && account.expiryNoticeYear >= today.getYear()) {
                  continue; // another replica got here first
                }
                account.expiryNoticeYear = today.getYear();
                long expiring = Math.min(expiring(account.id, yearEnd), account.balance);
                if (expiring > 0) {
                  notifications.send(
                      account.msisdn,
                      Texts.expiryNotice(expiring, time.dateOf(yearEnd).minusDays(1)));
                  n++;
                }
              }
              return n;
            });
    return new Result(notified, notified + " members told about points expiring at " + yearEnd);
  }

  private long expiring(long accountId, Instant yearEnd) {
    return ((Number)
            em.createNativeQuery(
                    "select coalesce(sum(remaining), 0) from lot where account_id = :account"
                        + " and remaining > 0 and expires_at <= :yearEnd")
                .setParameter("account", accountId)
                .setParameter("yearEnd", yearEnd)
                .getSingleResult())
        .longValue();
  }
}
