package io.kopilka.registration.domain;

/** Where a membership is in its life (rules R2, R9). */
public enum MembershipStatus {
  PENDING_REVIEW,
  ACTIVE,
  REJECTED,
  LEFT;

  /** Pending and active memberships hold the number: one at a time. */
  public boolean isCurrent() {
    return this == PENDING_REVIEW || this == ACTIVE;
  }
}
