package io.kopilka.gifting.service;

import io.kopilka.common.error.Problem;
import io.kopilka.common.time.ProgrammeTime;
import io.kopilka.gifting.config.GiftingConfig;
import io.kopilka.gifting.rest.GiftDtos.LimitsView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Rules G2-G4: what a sender may still gift today and this month. Gifts count from the moment they
 * are confirmed (CONFIRMED, then COMPLETED), on the programme date of their confirmation; a refused
 * or failed gift gives its allowance back. The check that books a gift runs under the sender's row
 * lock (see {@link GiftStore#confirm}), so concurrent confirmations are checked one after the other
 * and no interleaving can exceed a limit.
 */
@ApplicationScoped
public class Limits {

  /** A sender's booked gifts: today's points and recipient, and this month's count. */
  public record Usage(long pointsToday, String recipientToday, long giftsThisMonth) {}

  private final EntityManager em;
  private final GiftingConfig config;
  private final ProgrammeTime time;

  public Limits(EntityManager em, GiftingConfig config, ProgrammeTime time) {
    this.em = em;
    this.config = config;
    this.time = time;
  }

  public Usage usage(String sender, LocalDate today) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select coalesce(sum(points) filter (where booked_on = :today), 0),"
                        + " min(recipient_msisdn) filter (where booked_on = :today), count(*)"
                        + " from gift where sender_msisdn = :sender"
                        + " and status in ('CONFIRMED', 'COMPLETED') and booked_on >= :month")
                .setParameter("today", today)
                .setParameter("sender", sender)
                .setParameter("month", today.withDayOfMonth(1))
                .getSingleResult();
    return new Usage(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue());
  }

  /** The limit a gift of {@code points} to {@code recipient} would break today, if any. */
  public Optional<Problem> breach(String sender, String recipient, long points, LocalDate today) {
    if (points > config.maxPointsPerGift()) {
      return Optional.of(
          refusal("gift.points-limit", Texts.perGiftLimit(config.maxPointsPerGift())));
    }
    Usage usage = usage(sender, today);
    LocalDate tomorrow = today.plusDays(1);
    if (usage.recipientToday() != null && !usage.recipientToday().equals(recipient)) {
      return Optional.of(
          refusal(
              "gift.daily-recipient-limit",
              Texts.dailyRecipient(usage.recipientToday(), tomorrow)));
    }
    if (usage.pointsToday() + points > config.maxPointsPerDay()) {
      return Optional.of(
          refusal(
              "gift.daily-points-limit",
              Texts.dailyPoints(
                  config.maxPointsPerDay() - usage.pointsToday(),
                  config.maxPointsPerDay(),
                  tomorrow)));
    }
    if (usage.giftsThisMonth() >= config.maxGiftsPerMonth()) {
      return Optional.of(
          refusal(
              "gift.monthly-count-limit",
              Texts.monthlyCount(config.maxGiftsPerMonth(), nextMonth(today))));
    }
    return Optional.empty();
  }

  /** What is left today and this month, and when each resets. */
  @Transactional
  public LimitsView left(String sender) {
    LocalDate today = time.today();
    Usage usage = usage(sender, today);
    return new LimitsView(
        config.maxPointsPerGift(),
        Math.max(0, config.maxPointsPerDay() - usage.pointsToday()),
        usage.recipientToday(),
        usage.recipientToday() == null ? 1 : 0,
        Math.max(0, config.maxGiftsPerMonth() - usage.giftsThisMonth()),
        startOf(today.plusDays(1)),
        startOf(nextMonth(today)));
  }

  private static LocalDate nextMonth(LocalDate today) {
    return today.withDayOfMonth(1).plusMonths(1);
  }

  private ZonedDateTime startOf(LocalDate day) {
    return day.atStartOfDay(time.zone());
  }

  static Problem refusal(String code, String detail) {
    return Problem.of(422, code, "Gift refused", detail);
  }
}
