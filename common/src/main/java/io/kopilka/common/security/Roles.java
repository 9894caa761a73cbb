package io.kopilka.common.security;

/** The roles carried in the {@code groups} claim of Kopilka's JWTs. */
public final class Roles {

  /** A programme member; the token's subject is the member's MSISDN. */
  public static final String MEMBER = "member";

  public static final String SUPPORT = "support";
  public static final String ADMIN = "admin";

  /** The operator's billing and spend-event feeds (telecom, shops, taxi, card). */
  public static final String BILLING = "billing";

  /** The USSD/SMS gateway. */
  public static final String CHANNEL_GATEWAY = "channel-gateway";

  public static final String PARTNER_ADMIN = "partner-admin";

  /** Another Kopilka service; the only role accepted on {@code /internal/} paths. */
  public static final String SERVICE = "service";

  private Roles() {}
}
