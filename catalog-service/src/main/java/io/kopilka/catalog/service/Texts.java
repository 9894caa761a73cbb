package io.kopilka.catalog.service;

import io.kopilka.catalog.domain.RewardKind;
import io.kopilka.common.text.Rubles;
import io.kopilka.common.text.RussianPlural;
import io.kopilka.common.text.SmsSegments;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.function.UnaryOperator;

/** What members read: reward terms and order SMS, in Russian, each within two SMS segments. */
public final class Texts {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private Texts() {}

  /** K4: what a subscription costs once its free days are over; null for other rewards. */
  public static String terms(RewardKind kind, Integer days, Long paidPriceKopecks) {
    if (kind != RewardKind.SUBSCRIPTION) {
      return null;
    }
    return RussianPlural.of(days, "день", "дня", "дней")
        + " бесплатно, затем "
        + rubles(paidPriceKopecks)
        + " в месяц";
  }

  /** The confirmation of a certificate order, with its code. */
  public static String certificateIssued(
      String title, String code, LocalDate validUntil, long points) {
    return fit(
        t ->
            "Сертификат «"
                + t
                + "»: код "
                + code
                + ", действует по "
                + DATE.format(validUntil)
                + ". Списано "
                + points(points)
                + ".",
        title);
  }

  /** The confirmation of an option or package; {@code until} is null when it has no end. */
  public static String activated(String title, LocalDate until, long points) {
    String validity = until == null ? "" : " Действует по " + DATE.format(until) + ".";
    return fit(
        t -> "Подключено: " + t + "." + validity + " Списано " + points(points) + ".", title);
  }

  /** K4: the confirmation of a subscription says when it starts to cost what. */
  public static String subscribed(
      String title, LocalDate paidFrom, long paidPriceKopecks, long points) {
    return fit(
        t ->
            "Подключено: "
                + t
                + ". Списано "
                + points(points)
                + ". С "
                + DATE.format(paidFrom)
                + " подписка "
                + rubles(paidPriceKopecks)
                + " в месяц, её можно отключить.",
        title);
  }

  /** An order that failed after its points were held: nothing was charged. */
  public static String failed(String title, String reason) {
    return fit(t -> "Заказ «" + t + "» не выполнен: " + reason + ". Баллы не списаны.", title);
  }

  public static String refunded(String title, long points) {
    return fit(t -> "Заказ «" + t + "» отменён, " + points(points) + " вернули на счёт.", title);
  }

  /** In the ledger's history of a refund. */
  public static String refundEntry(String title) {
    return "Возврат за заказ «" + title + "»";
  }

  /** {@code 98 руб.}, {@code 169,50 руб.} */
  public static String rubles(long kopecks) {
    return Rubles.compact(kopecks) + " руб.";
  }

  /** {@code 1 балл}, {@code 3 балла}, {@code 25 баллов}. */
  static String points(long n) {
    return RussianPlural.of(n, "балл", "балла", "баллов");
  }

  /** The text with the title, shortened with an ellipsis until the text fits in two segments. */
  private static String fit(UnaryOperator<String> text, String title) {
    String shortened = title;
    String result = text.apply(shortened);
    while (!SmsSegments.fits(result) && shortened.length() > 1) {
      shortened = shortened.substring(0, shortened.length() - 2) + "…";
      result = text.apply(shortened);
    }
    return result;
  }
}
