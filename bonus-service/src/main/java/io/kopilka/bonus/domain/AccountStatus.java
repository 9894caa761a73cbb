package io.kopilka.bonus.domain;

/** An account is open while its membership lasts; closing forfeits the balance (R9). */
public enum AccountStatus {
  OPEN,
  CLOSED
}
