package io.kopilka.common.text;

/** Amounts of money in member-facing texts, from non-negative kopecks, with a decimal comma. */
public final class Rubles {

  private Rubles() {}

  /** Rubles and always two digits of kopecks: {@code 1234,05}, {@code 12,00}. */
  public static String withKopecks(long kopecks) {
    long rest = kopecks % 100;
    return kopecks / 100 + (rest < 10 ? ",0" : ",") + rest;
  }

  /** Rubles, and kopecks only when there are some: {@code 1234,05}, {@code 12}. */
  public static String compact(long kopecks) {
    return kopecks % 100 == 0 ? Long.toString(kopecks / 100) : withKopecks(kopecks);
  }
}
