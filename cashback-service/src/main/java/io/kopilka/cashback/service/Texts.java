package io.kopilka.cashback.service;

import io.kopilka.common.text.Rubles;
import io.kopilka.common.text.RussianPlural;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What members read about their cashback, in Russian; SMS within two segments. */
public final class Texts {

  private static final int MAX_PARTNER_NAME = 40;
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("LLLL yyyy", Locale.forLanguageTag("ru"));

  private Texts() {}

  /** The line in the member's points history. */
  public static String creditDescription(String partnerName) {
    return "Кешбэк: " + partnerName;
  }

  /** Rule C4: the member is told when cashback is credited. */
  public static String credited(long points, String partnerName) {
    return "Начислен кешбэк "
        + points(points)
        + " за покупку в «"
        + shortName(partnerName)
        + "». Баланс: *111*455*0#";
  }

  /** Rule C7: how much of the month's bill the points paid. */
  public static String billPaid(YearMonth month, long billKopecks, long paidPoints) {
    long rest = billKopecks - paidPoints * 100;
    String text =
        "Счёт за связь за " + MONTH.format(month) + " оплачен баллами: " + paidPoints + " ₽";
    return rest > 0
        ? text + ", остаток " + Rubles.compact(rest) + " ₽ — с баланса телефона."
        : text + ".";
  }

  /** Rule C7: the member is told once when a goal is reached. */
  public static String goalReached(String goal, long balance) {
    return "Цель «" + shortName(goal) + "» достигнута: на счёте " + points(balance) + ".";
  }

  static String points(long points) {
    return RussianPlural.of(points, "балл", "балла", "баллов");
  }

  private static String shortName(String name) {
    return name.length() <= MAX_PARTNER_NAME ? name : name.substring(0, MAX_PARTNER_NAME - 1) + "…";
  }
}
