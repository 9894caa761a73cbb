package io.kopilka.common.text;

/**
 * How many SMS segments a text takes: GSM 7-bit texts fit 160 characters in one segment and 153 per
 * segment of a longer message (extension characters count twice); anything else, Cyrillic included,
 * is sent as UCS-2 with 70 and 67 characters.
 */
public final class SmsSegments {

  /** Replies and notifications must fit in this many segments (section H). */
  public static final int MAX = 2;

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  public static int count(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (GSM_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return segments(text.length(), 70, 67);
      }
    }
    return segments(septets, 160, 153);
  }

  public static boolean fits(String text) {
    return count(text) <= MAX;
  }

  private static int segments(int units, int single, int perPart) {
    if (units <= single) {
      return 1;
    }
    return (units + perPart - 1) / perPart;
  }
}
