package io.kopilka.catalog.domain;

/** The groups of the rewards catalogue (rule K1). */
public enum Category {
  COMMUNICATION,
  SERVICE_OPTION,
  PARTNER_CERTIFICATE,
  DIGITAL_SUBSCRIPTION,
  ROAMING,
  BANK_SERVICE
}
