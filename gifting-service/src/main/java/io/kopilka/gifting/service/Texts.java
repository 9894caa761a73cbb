package io.kopilka.gifting.service;

import io.kopilka.common.security.Msisdn;
import io.kopilka.common.text.RussianPlural;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** What members read about gifts, in Russian; SMS within two segments. */
public final class Texts {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private Texts() {}

  /** The confirmation code, to the sender (G1). */
  public static String code(String code, long points, String recipient) {
    return "Код подтверждения подарка: "
        + code
        + ". Вы дарите "
        + points(points)
        + " номеру "
        + Msisdn.asPhone(recipient)
        + ". Никому не сообщайте код.";
  }

  /** To the recipient: who gifted how many points. */
  public static String received(long points, String sender) {
    return "Вам подарили "
        + points(points)
        + " от "
        + Msisdn.asPhone(sender)
        + ". Баланс: *111*455*0#";
  }

  public static String perGiftLimit(long max) {
    return "За один подарок можно подарить не больше " + points(max) + ".";
  }

  public static String dailyRecipient(String recipientToday, LocalDate tomorrow) {
    return "Сегодня вы уже дарили баллы номеру "
        + Msisdn.asPhone(recipientToday)
        + ": в день можно дарить только одному получателю. Другому — с "
        + DATE.format(tomorrow)
        + " (00:00 МСК).";
  }

  public static String dailyPoints(long left, long max, LocalDate tomorrow) {
    return "Сегодня можно подарить ещё "
        + points(left)
        + " (не больше "
        + points(max)
        + " в день). Лимит обновится "
        + DATE.format(tomorrow)
        + " в 00:00 МСК.";
  }

  public static String monthlyCount(int max, LocalDate nextMonth) {
    return "В этом месяце вы уже сделали "
        + RussianPlural.of(max, "подарок", "подарка", "подарков")
        + ", больше нельзя. Следующий — с "
        + DATE.format(nextMonth)
        + " (00:00 МСК).";
  }

  public static String self() {
    return "Нельзя дарить баллы самому себе.";
  }

  public static String notMember(String recipient) {
    return "Номер "
        + Msisdn.asPhone(recipient)
        + " не участвует в программе: дарить можно только участникам.";
  }

  public static String notEnoughPoints(long available, long points) {
    return "Недостаточно баллов: доступно " + available + ", для подарка нужно " + points + ".";
  }

  /** At confirmation, the ledger no longer has the points. */
  public static String notEnoughPointsNow(long points) {
    return "Недостаточно баллов: для подарка нужно " + points(points) + ". Баллы не списаны.";
  }

  public static String noAccount() {
    return "Счёт баллов отправителя или получателя закрыт. Баллы не списаны.";
  }

  public static String tooManyAwaiting(int max) {
    return "Подтвердите или дождитесь отмены уже созданных подарков: неподтверждённых может быть не"
        + " больше "
        + max
        + ".";
  }

  public static String wrongCode(int triesLeft) {
    return "Неверный код. Осталось попыток: " + triesLeft + ".";
  }

  public static String expired() {
    return "Код подтверждения истёк, подарок отменён. Создайте подарок заново.";
  }

  public static String voided() {
    return "Слишком много неверных кодов, подарок отменён. Создайте подарок заново.";
  }

  static String points(long n) {
    return RussianPlural.of(n, "балл", "балла", "баллов");
  }
}
