package io.kopilka.registration.domain;

/** How a membership was applied for. */
public enum Channel {
  /** The web form (rule R2): reviewed, and earns the welcome points. */
  WEB,
  /** USSD {@code *111*455*1#} (rule R4): active at once. */
  USSD,
  /** An empty SMS to 4555 (rule R5): active at once. */
  SMS
}
