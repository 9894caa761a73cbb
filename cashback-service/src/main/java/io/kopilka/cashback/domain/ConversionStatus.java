package io.kopilka.cashback.domain;

/**
 * Where a reported purchase stands (C4): PENDING until the partner decides; OVERDUE when its
 * confirmation window passed without a decision (a late decision is still accepted); APPROVED and
 * DECLINED are final.
 */
public enum ConversionStatus {
  PENDING,
  OVERDUE,
  APPROVED,
  DECLINED;

  public boolean isFinal() {
    return this == APPROVED || this == DECLINED;
  }
}
