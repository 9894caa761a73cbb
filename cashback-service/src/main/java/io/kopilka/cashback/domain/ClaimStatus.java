package io.kopilka.cashback.domain;

/** A claim is OPEN until support APPROVES it (the cashback is credited) or REJECTS it. */
public enum ClaimStatus {
  OPEN,
  APPROVED,
  REJECTED
}
