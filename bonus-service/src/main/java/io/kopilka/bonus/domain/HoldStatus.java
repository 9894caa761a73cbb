package io.kopilka.bonus.domain;

/** A hold ends captured, voided or expired, exactly once. */
public enum HoldStatus {
  HELD,
  CAPTURED,
  VOIDED,
  EXPIRED
}
