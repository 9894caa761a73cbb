package io.kopilka.cashback.domain;

/** Rule C1: the partner categories and the highest cashback rate each may offer. */
public enum Category {
  RESTAURANT_BOOKING(500),
  RETAIL(1500),
  TRAVEL(1500),
  GIFTS(2500),
  ONLINE_SHOPS(2500),
  LEISURE(7500),
  OPERATOR_SERVICES(8000);

  /** The highest rate, in basis points (1% = 100). */
  public final int maxRateBp;

  Category(int maxRateBp) {
    this.maxRateBp = maxRateBp;
  }
}
