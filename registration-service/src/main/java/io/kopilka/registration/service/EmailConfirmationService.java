package io.kopilka.registration.service;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Digests;
import io.kopilka.common.security.Msisdn;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.domain.EmailConfirmation;
import io.kopilka.registration.domain.Membership;
import io.kopilka.registration.domain.MembershipEvent;
import io.kopilka.registration.rest.MemberDtos.EmailConfirmationSent;
import io.kopilka.registration.rest.MemberDtos.EmailConfirmed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Rule R3: a member confirms their e-mail address with a single-use link valid 24 hours and earns
 * 10 points once per membership (credited when the membership is active).
 */
@ApplicationScoped
@Transactional
public class EmailConfirmationService {

  private static final Logger LOG = Logger.getLogger(EmailConfirmationService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration HOUR = Duration.ofHours(1);
  private static final int LINKS_PER_HOUR = 5;

  private final Clock clock;
  private final RegistrationConfig config;
  private final EmailSender email;
  private final MembershipService memberships;

  public EmailConfirmationService(
      Clock clock, RegistrationConfig config, EmailSender email, MembershipService memberships) {
    this.clock = clock;
    this.config = config;
    this.email = email;
    this.memberships = memberships;
  }

  /**
   * Sends a confirmation link to {@code newEmail}, or to the membership's address when it is null.
   * A new address replaces the old one and must be confirmed itself.
   */
  public EmailConfirmationSent request(String msisdn, String newEmail) {
    Membership membership =
        memberships
            .currentForUpdate(msisdn)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "membership.not-found",
                        "This number has no pending or active membership."));
    if (newEmail != null && !newEmail.equalsIgnoreCase(membership.email)) {
      membership.email = newEmail;
      membership.emailConfirmedAt = null;
    }
    if (membership.email == null) {
      throw ProblemException.unprocessable(
          "email.missing", "The membership has no e-mail address; send one in 'email'.");
    }
    if (membership.emailConfirmedAt != null) {
      throw ProblemException.conflict(
          "email.already-confirmed", "The address " + membership.email + " is already confirmed.");
    }
    Instant now = clock.instant();
    if (EmailConfirmation.count(
            "membershipId = ?1 and createdAt > ?2", membership.id, now.minus(HOUR))
        >= LINKS_PER_HOUR) {
      throw new ProblemException(
          429,
          "email.too-many-links",
          "Too many requests",
          "At most " + LINKS_PER_HOUR + " confirmation links an hour; use one already sent.");
    }
    String token = newToken();
    EmailConfirmation link = new EmailConfirmation();
    link.tokenHash = hash(token);
    link.membershipId = membership.id;
    link.email = membership.email;
    link.createdAt = now;
    link.expiresAt = now.plus(config.email().validity());
    link.persist();
    try {
      email.sendConfirmation(membership.email, msisdn, token);
    } catch (RuntimeException e) {
      LOG.warnf("Confirmation mail for %s not sent: %s", Msisdn.mask(msisdn), e.toString());
      throw new ProblemException(
          503,
          "email.unavailable",
          "Service unavailable",
          "The e-mail could not be sent; try again later.");
    }
    return new EmailConfirmationSent(membership.email, link.expiresAt);
  }

  /** Confirms the address of the link's token; the link can be used once. */
  public EmailConfirmed confirm(String token) {
    EmailConfirmation link =
        EmailConfirmation.byHashForUpdate(hash(token))
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "email.link-unknown", "This confirmation link is not valid."));
    Instant now = clock.instant();
    if (link.usedAt != null) {
      throw ProblemException.conflict(
          "email.link-used", "This confirmation link has already been used.");
    }
    if (!now.isBefore(link.expiresAt)) {
      throw new ProblemException(
          410,
          "email.link-expired",
          "Gone",
          "This confirmation link has expired; ask for a new one.");
    }
    Membership membership = Membership.byIdForUpdate(link.membershipId).orElseThrow();
    if (!membership.status.isCurrent()) {
      throw ProblemException.conflict(
          "membership.ended", "The membership this link was sent for has ended.");
    }
    if (!link.email.equalsIgnoreCase(membership.email)) {
      throw ProblemException.conflict(
          "email.link-outdated", "The membership's address has changed since this link was sent.");
    }
    link.usedAt = now;
    boolean pointsBefore = membership.emailPointsCredited;
    if (membership.emailConfirmedAt == null) {
      membership.emailConfirmedAt = now;
      MembershipEvent.record(
          membership.id,
          now,
          MembershipEvent.Type.EMAIL_CONFIRMED,
          MembershipService.MEMBER,
          "WEB",
          link.email);
      memberships.creditEmailPointsIfDue(membership);
    }
    long points = !pointsBefore && membership.emailPointsCredited ? config.emailPoints() : 0;
    return new EmailConfirmed(membership.id, link.email, membership.emailConfirmedAt, points);
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String token) {
    return Digests.sha256Hex(token);
  }
}
