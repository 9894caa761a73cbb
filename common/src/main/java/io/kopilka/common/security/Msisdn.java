package io.kopilka.common.security;

import java.util.regex.Pattern;

/** Subscriber numbers: {@code 7XXXXXXXXXX}, 11 digits. */
public final class Msisdn {

  public static final String REGEX = "7\\d{10}";
  public static final String MESSAGE = "must be an 11-digit number starting with 7 (7XXXXXXXXXX)";
  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private Msisdn() {}

  public static boolean isValid(String msisdn) {
    return msisdn != null && PATTERN.matcher(msisdn).matches();
  }

  /** For logs: {@code 79161234567} becomes {@code 7916*****67}. */
  public static String mask(String msisdn) {
    if (msisdn == null || msisdn.length() < 7) {
      return "***";
    }
    return msisdn.substring(0, 4)
        + "*".repeat(msisdn.length() - 6)
        + msisdn.substring(msisdn.length() - 2);
  }

  /**
   * As people write a number, for texts to members: {@code 79161234567} becomes {@code +7 916
   * 123-45-67}, and a {@link #mask masked} one {@code +7 916 ***-**-67}.
   */
  public static String asPhone(String msisdn) {
    return "+7 "
        + msisdn.substring(1, 4)
        + " "
        + msisdn.substring(4, 7)
        + "-"
        + msisdn.substring(7, 9)
        + "-"
        + msisdn.substring(9);
  }
}
