package io.kopilka.bonus.domain;

/** What a spend event paid for (A1-A4). */
public enum SpendKind {
  /** Mobile, mobile internet, home internet, TV (A1). */
  TELECOM,
  /** Purchases in the operator's shops (A2). */
  SHOP,
  /** Rides ordered in the operator's taxi app (A3). */
  TAXI,
  /** Payments by the operator's bank card (A4). */
  CARD
}
