package io.kopilka.catalog.domain;

/** What the member gets for a reward, and so how it is fulfilled. */
public enum RewardKind {
  /** A service option for a number of days, activated by the provisioning gateway. */
  OPTION,
  /** A package of minutes, SMS, MMS or megabytes, activated by the provisioning gateway. */
  PACKAGE,
  /** A partner certificate: a code from the reward's pool (rule K5). */
  CERTIFICATE,
  /** Free for a number of days, then a paid monthly subscription (rule K4). */
  SUBSCRIPTION;

  public boolean provisioned() {
    return this != CERTIFICATE;
  }
}
