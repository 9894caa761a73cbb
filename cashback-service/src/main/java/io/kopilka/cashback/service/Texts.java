package io.kopilka.cashback.service;

import io.kopilka.common.text.RussianPlural;

/** What members read about their cashback, in Russian; SMS within two segments. */
public final class Texts {

  private static final int MAX_PARTNER_NAME = 40;

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

  static String points(long points) {
    return RussianPlural.of(points, "балл", "балла", "баллов");
  }

  private static String shortName(String name) {
    return name.length() <= MAX_PARTNER_NAME ? name : name.substring(0, MAX_PARTNER_NAME - 1) + "…";
  }
}
