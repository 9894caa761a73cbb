package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.common.text.Rubles;
import io.kopilka.common.text.RussianPlural;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Member-facing Russian texts of the ledger: history descriptions and SMS notifications. */
public final class Texts {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private Texts() {}

  /** A spend's accrual; {@code netted} points went to settle an earlier refund (A8). */
  public static String accrual(SpendKind kind, long amountKopecks, long netted) {
    String spend = accrual(kind, amountKopecks);
    return netted == 0 ? spend : spend + "; " + netted + " б. в счёт возврата";
  }

  public static String accrual(SpendKind kind, long amountKopecks) {
    String what =
        switch (kind) {
          case TELECOM -> "Услуги связи";
          case SHOP -> "Покупка в салоне";
          case TAXI -> "Поездка на такси";
          case CARD -> "Оплата картой";
        };
    return what + ", " + Rubles.withKopecks(amountKopecks) + " ₽";
  }

  public static String cardBonus() {
    return "Бонус за покупки по карте";
  }

  public static String reversal(long refundKopecks) {
    return "Возврат покупки, " + Rubles.withKopecks(refundKopecks) + " ₽";
  }

  /** December notice (B3); {@code lastDay} is the last day the points can be spent. */
  public static String expiryNotice(long points, LocalDate lastDay) {
    return "После "
        + DATE.format(lastDay)
        + " сгорят бонусные баллы: "
        + points
        + ". Потратьте их: *111*455#";
  }

  public static String birthday(long points) {
    return "С днём рождения! Вам начислено "
        + RussianPlural.of(points, "бонусный балл", "бонусных балла", "бонусных баллов")
        + ".";
  }
}
