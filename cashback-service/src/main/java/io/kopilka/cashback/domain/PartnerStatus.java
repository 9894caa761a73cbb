package io.kopilka.cashback.domain;

/** A paused partner is not offered and takes no clicks; its reports are still accepted. */
public enum PartnerStatus {
  ACTIVE,
  PAUSED
}
