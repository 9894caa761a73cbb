package io.kopilka.common.text;

/** Russian noun forms after a number: 1 балл, 3 балла, 25 баллов, 11 баллов, 21 балл. */
public final class RussianPlural {

  private RussianPlural() {}

  /**
   * {@code n} followed by the right form: {@code one} after 1, 21, 101..., {@code few} after 2-4,
   * 22-24..., {@code many} otherwise (including 11-14).
   */
  public static String of(long n, String one, String few, String many) {
    long lastTwo = Math.abs(n) % 100;
    long last = lastTwo % 10;
    String word;
    if (lastTwo >= 11 && lastTwo <= 14) {
      word = many;
    } else if (last == 1) {
      word = one;
    } else if (last >= 2 && last <= 4) {
      word = few;
    } else {
      word = many;
    }
    return n + " " + word;
  }
}
