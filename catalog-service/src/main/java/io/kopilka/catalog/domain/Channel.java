package io.kopilka.catalog.domain;

/** Where an order came from (rule K3). */
public enum Channel {
  /** The app or the web, with a member token. */
  API,
  /** {@code *111*455*CODE#}, through registration-service. */
  USSD,
  /** {@code CODE} to 4555, through registration-service. */
  SMS
}
