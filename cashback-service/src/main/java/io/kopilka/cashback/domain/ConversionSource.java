package io.kopilka.cashback.domain;

/** Who reported the purchase: the partner's webhook, or support granting a member's claim. */
public enum ConversionSource {
  WEBHOOK,
  CLAIM
}
