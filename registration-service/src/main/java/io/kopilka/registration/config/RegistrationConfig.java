package io.kopilka.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Membership, login and channel settings; defaults are the programme's rules (DOMAIN.md R). */
@ConfigMapping(prefix = "kopilka.registration")
public interface RegistrationConfig {

  /** A web application not reviewed within this time is approved automatically (rule R2). */
  @WithDefault("PT2H")
  Duration autoApprovalDelay();

  /** Points for completing the web form, credited on activation (rule R2). */
  @WithDefault("100")
  long welcomePoints();

  /** Points for confirming the e-mail address, once per membership (rule R3). */
  @WithDefault("10")
  long emailPoints();

  /** Points for the inviter of a friend who becomes active, once per friend (rule R6). */
  @WithDefault("50")
  long referralPoints();

  /** Youngest age at which a subscriber may apply on the web form. */
  @WithDefault("14")
  int minimumAge();

  /** A second {@code 0} within this time confirms leaving with a positive balance (rule R9). */
  @WithDefault("PT10M")
  Duration leaveConfirmationWindow();

  /** The programme's short number for SMS commands (section H). */
  @WithDefault("4555")
  String shortNumber();

  /** SMS-code login. */
  Otp otp();

  /** E-mail confirmation links (rule R3). */
  Email email();

  /** Members' invitations of friends (rule R6). */
  Invitation invitation();

  /**
   * The dev SMS sink at {@code /dev/sms-gateway}: keeps sent messages so a person can read them.
   * Never enabled in the {@code prod} profile.
   */
  @WithDefault("false")
  boolean smsSink();

  /** SMS-code login settings. */
  interface Otp {
    /** How long a code is valid. */
    @WithDefault("PT5M")
    Duration validity();

    /** Wrong tries after which a code is void. */
    @WithDefault("5")
    int maxTries();

    /** Minimum time between two codes for one number. */
    @WithDefault("PT1M")
    Duration interval();

    /** Codes per number per hour. */
    @WithDefault("5")
    int perNumberPerHour();

    /** Codes requested from one client address per hour. */
    @WithDefault("30")
    int perClientPerHour();

    /** Wrong codes presented from one client address per hour, whatever the numbers. */
    @WithDefault("50")
    int failuresPerClientPerHour();

    /** Lifetime of the member tokens issued for a code. */
    @WithDefault("PT15M")
    Duration tokenLifetime();
  }

  /** E-mail confirmation settings. */
  interface Email {
    /** How long a confirmation link is valid. */
    @WithDefault("PT24H")
    Duration validity();

    /**
     * The web page that confirms an address; {@code {token}} is replaced by the link's token, which
     * the page posts to {@code POST /api/v1/email-confirmations}.
     */
    @WithDefault("https://kopilka.example/email-confirmation?token={token}")
    String link();

    /** Sender address of the confirmation e-mails. */
    @WithDefault("Kopilka <no-reply@kopilka.example>")
    String from();
  }

  /** Invitation settings (rule R6). */
  interface Invitation {
    /** How long an invitation counts: the friend must apply within this time. */
    @WithDefault("P30D")
    Duration validity();

    /** Invitations a member may make per programme day (each sends an SMS). */
    @WithDefault("10")
    int perDay();

    /**
     * An invitation is deleted this long after it expired; the member's list shows it until then.
     */
    @WithDefault("P30D")
    Duration retention();
  }
}
