package io.kopilka.registration.service;

import io.kopilka.common.security.Msisdn;
import io.kopilka.common.text.RussianPlural;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Member-facing Russian texts of registration-service: channel replies and SMS. Each fits in two
 * SMS segments (section H), which {@code ChannelCommandTest} checks.
 */
public final class Texts {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  /** Longest reward name quoted in a reply, so the reply stays within two segments. */
  private static final int MAX_REWARD_NAME = 50;

  private Texts() {}

  public static String help() {
    return "Копилка: *111*455*1# или пустое SMS на 4555 - вступить; *111*455*0# или SMS Бонус"
        + " - баланс; SMS 0 - выйти; код приза - заказ";
  }

  public static String loginCode(String code) {
    return "Код для входа в Копилку: " + code + ". Никому его не сообщайте.";
  }

  public static String joined() {
    return "Вы участник программы Копилка! Баланс: *111*455*0# или SMS Бонус на 4555.";
  }

  public static String alreadyMember() {
    return "Вы уже участник программы Копилка. Баланс: *111*455*0# или SMS Бонус на 4555.";
  }

  public static String applicationPending() {
    return "Ваша заявка на участие в Копилке уже рассматривается. Мы пришлём SMS о решении.";
  }

  public static String applicationApproved(long welcomePoints) {
    return "Заявка одобрена: вы участник программы Копилка! Начислено "
        + points(welcomePoints)
        + " за регистрацию.";
  }

  public static String applicationRejected() {
    return "Заявка на участие в программе Копилка отклонена. Подробности в личном кабинете.";
  }

  public static String notMember() {
    return "Вы не участник Копилки. Вступить: *111*455*1# или пустое SMS на 4555.";
  }

  public static String balance(long balance, long expiring, LocalDate lastDay) {
    String text = "Ваш баланс: " + points(balance) + ".";
    return expiring > 0
        ? text + " " + points(expiring) + " сгорят после " + DATE.format(lastDay) + "."
        : text;
  }

  public static String accountOpening() {
    return "Ваш бонусный счёт открывается. Запросите баланс через несколько минут.";
  }

  public static String confirmLeave(long balance) {
    return "При выходе из программы сгорят "
        + points(balance)
        + ". Чтобы выйти, отправьте 0 ещё раз в течение 10 минут.";
  }

  public static String left() {
    return "Вы вышли из программы Копилка. Вернуться: *111*455*1# или пустое SMS на 4555.";
  }

  /**
   * To an invited friend (rule R6): who invites them and how to join. The inviter's number is
   * masked: a mistyped friend's number must not hand a stranger the member's number.
   */
  public static String invitation(String inviterMsisdn) {
    return "Абонент "
        + Msisdn.asPhone(Msisdn.mask(inviterMsisdn))
        + " приглашает вас в программу Копилка. Вступить: *111*455*1# или пустое SMS на 4555.";
  }

  /** History lines of the credits activation queues (rules R2, R3, R6). */
  public static String welcomeCredit() {
    return "Бонус за регистрацию";
  }

  public static String emailCredit() {
    return "Бонус за подтверждение e-mail";
  }

  public static String referralCredit() {
    return "Бонус за приглашённого друга";
  }

  /** The forfeit's description in the member's history: how they left (rule R9). */
  public static String leaving(String channel) {
    return switch (channel) {
      case "SMS" -> "Выход из программы по SMS";
      case "SHOP" -> "Выход из программы в салоне";
      case "HOTLINE" -> "Выход из программы через горячую линию";
      default -> "Выход из программы";
    };
  }

  public static String ordered(String rewardName, long pointsSpent) {
    return "Заказ принят: " + shorten(rewardName) + ". Списано " + points(pointsSpent) + ".";
  }

  /** Also lists the other commands: a mistyped command looks like a reward code. */
  public static String rewardNotFound(String code) {
    return "Приза с кодом "
        + code
        + " нет в каталоге. Команды: пустое SMS - вступить, Бонус - баланс, 0 - выйти.";
  }

  /** The order's outcome is not known yet (a timeout): it may still go through. */
  public static String orderPending(String code) {
    return "Заказ приза "
        + code
        + " ещё обрабатывается. Проверьте баланс через несколько минут, прежде чем заказывать снова.";
  }

  public static String notEnoughPoints(String code) {
    return "Недостаточно баллов для приза " + code + ". Баланс: *111*455*0#";
  }

  /** The certificates of a reward have run out (K5). */
  public static String outOfStock(String code) {
    return "Призы с кодом " + code + " закончились. Баллы не списаны.";
  }

  /** The operator's systems can't switch the reward on for this number. */
  public static String cannotActivate(String code) {
    return "Приз " + code + " нельзя подключить на ваш номер. Баллы не списаны.";
  }

  public static String orderRefused(String code) {
    return "Приз " + code + " сейчас нельзя заказать. Попробуйте позже.";
  }

  public static String temporarilyUnavailable() {
    return "Сервис временно недоступен. Попробуйте через несколько минут.";
  }

  /** {@code 1 балл}, {@code 3 балла}, {@code 25 баллов}. */
  public static String points(long n) {
    return RussianPlural.of(n, "балл", "балла", "баллов");
  }

  private static String shorten(String name) {
    return name.length() <= MAX_REWARD_NAME ? name : name.substring(0, MAX_REWARD_NAME - 1) + "…";
  }
}
