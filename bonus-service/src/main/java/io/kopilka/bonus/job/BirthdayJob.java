package io.kopilka.bonus.job;

import io.kopilka.bonus.config.BonusConfig;
import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.bonus.service.Claims;
import io.kopilka.bonus.service.Ledger;
import io.kopilka.bonus.service.Texts;
import io.kopilka.common.jobs.Job;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

/**
 * The birthday bonus (R7): on the member's birthday (in the programme zone), once a year. Members
 * born on 29 February celebrate on 28 February in other years.
 */
@ApplicationScoped
public class BirthdayJob implements Job {

  private static final String CANDIDATES =
      "select id from account where status = 'OPEN'"
          + " and extract(month from birth_date) = :month and extract(day from birth_date) in (:days)"
          + " and (last_birthday_year is null or last_birthday_year < :year)"
          + " and id > :after order by id limit :limit";

  private final Claims claims;
  private final Ledger ledger;
  private final MemberSms notifications;
  private final BonusConfig config;
  private final ProgrammeTime time;

  public BirthdayJob(
      Claims claims,
      Ledger ledger,
      MemberSms notifications,
      BonusConfig config,
      ProgrammeTime time) {
    this.claims = claims;
    this.ledger = ledger;
    this.notifications = notifications;
    this.config = config;
    this.time = time;
  }

  @Override
  public String name() {
    return "birthday";
  }

  @Scheduled(
      cron = "{kopilka.jobs.birthday.cron}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(time.now());
  }

  @Override
  public Result run(Instant asOf) {
    LocalDate today = time.dateOf(asOf);
    List<Integer> days =
        MonthDay.from(today).equals(MonthDay.of(2, 28)) && !today.isLeapYear()
            ? List.of(28, 29)
            : List.of(today.getDayOfMonth());
    Map<String, Object> params =
        Map.of("month", today.getMonthValue(), "days", days, "year", today.getYear());
    long credited =
        claims.forEachBatch(
            CANDIDATES,
            params,
            batch -> {
              long n = 0;
              for (Account account : batch) {
                if (account.lastBirthdayYear != null
                    && account.lastBirthdayYear >= today.getYear()) {
                  continue; // another replica got here first
                }
                account.lastBirthdayYear = today.getYear();
                ledger.credit(
                    account,
                    config.birthdayPoints(),
                    Reason.BIRTHDAY,
                    "birthday:" + today.getYear(),
                    "С днём рождения!");
                notifications.send(account.msisdn, Texts.birthday(config.birthdayPoints()));
                n++;
              }
              return n;
            });
    return new Result(credited, credited + " birthday bonuses credited for " + today);
  }
}
