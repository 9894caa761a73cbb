package io.kopilka.cashback.domain;

/** Cashback arithmetic in integers: rates are basis points, money kopecks, 1 point = 1 RUB. */
public final class Rates {

  private Rates() {}

  /** Rule C4: the rate applied to the amount, rounded down to whole rubles (= points). */
  public static long points(long amountKopecks, int rateBp) {
    return Math.multiplyExact(amountKopecks, (long) rateBp) / 1_000_000L;
  }

  /** 750 → "7.5%", 1500 → "15%". */
  public static String percent(int rateBp) {
    String whole = Integer.toString(rateBp / 100);
    int fraction = rateBp % 100;
    if (fraction == 0) {
      return whole + "%";
    }
    String decimals =
        fraction % 10 == 0 ? Integer.toString(fraction / 10) : String.format("%02d", fraction);
    return whole + "." + decimals + "%";
  }
}
