package io.kopilka.catalog.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a redemption's saga stands. The happy path is PENDING → HELD → FULFILLED → COMPLETED; a
 * failure after the hold may exist goes through COMPENSATING (void the hold) to FAILED.
 */
public enum Step {
  /** Created; the hold in bonus-service is being asked for. */
  PENDING,
  /** The points are held; the reward is being fulfilled. */
  HELD,
  /** The reward is given; the hold is being captured. */
  FULFILLED,
  /** Paid and given. */
  COMPLETED,
  /** Failed; a hold that may exist is being voided. */
  COMPENSATING,
  /** Failed; nothing is held and nothing was given. */
  FAILED,
  /**
   * Given, but the hold could no longer be captured (it expired or the account was closed while
   * bonus-service was unreachable): support decides.
   */
  UNPAID,
  /** Completed, then refunded by support. */
  REFUNDED;

  /** The steps the saga (or the recovery job) still has to move on. */
  public static final Set<Step> UNFINISHED = EnumSet.of(PENDING, HELD, FULFILLED, COMPENSATING);

  public boolean unfinished() {
    return UNFINISHED.contains(this);
  }
}
