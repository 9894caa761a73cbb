package io.kopilka.gifting.domain;

/** Where a gift stands. */
public enum GiftStatus {
  /** Created; the sender was sent a code. */
  AWAITING_CONFIRMATION,
  /** Confirmed: the allowance is booked and the transfer asked of bonus-service. */
  CONFIRMED,
  /** The points moved. */
  COMPLETED,
  /** Refused at confirmation (a limit) or by bonus-service (not enough points): nothing moved. */
  FAILED,
  /** The code was not used in time. */
  EXPIRED,
  /** Too many wrong codes. */
  VOIDED
}
