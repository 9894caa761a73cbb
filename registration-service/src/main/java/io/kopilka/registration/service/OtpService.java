package io.kopilka.registration.service;

import io.kopilka.common.security.Digests;
import io.kopilka.common.security.Roles;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.domain.OtpCode;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SMS-code login: 6-digit codes from {@link SecureRandom}, valid 5 minutes, single use, void after
 * 5 wrong tries; sends limited per number and per client address. Any valid number may ask for a
 * code (applicants log in before they are members), so no answer reveals membership.
 */
@ApplicationScoped
@Transactional
public class OtpService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration HOUR = Duration.ofHours(1);

  private final EntityManager em;
  private final Clock clock;
  private final RegistrationConfig.Otp config;
  private final SmsSender sms;

  public OtpService(EntityManager em, Clock clock, RegistrationConfig config, SmsSender sms) {
    this.em = em;
    this.clock = clock;
    this.config = config.otp();
    this.sms = sms;
  }

  /** A code sent by SMS: how long it is valid. */
  public record Sent(long expiresIn) {}

  /** Sends a new login code to {@code msisdn}; earlier codes of the number become void. */
  public Sent send(String msisdn, String clientAddress) {
    Instant now = clock.instant();
    // lock order: number, then client address, so two sends never wait on each other in a cycle
    lock(msisdn, 3);
    lock(clientAddress, 4);
    checkNumberLimits(msisdn, now);
    checkClientLimit(clientAddress, now);
    OtpCode.voidActive(msisdn);
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    OtpCode otp = new OtpCode();
    otp.msisdn = msisdn;
    otp.codeHash = hash(msisdn, code);
    otp.clientAddress = clientAddress;
    otp.createdAt = now;
    otp.expiresAt = now.plus(config.validity());
    otp.status = OtpCode.Status.ACTIVE;
    otp.persist();
    sms.send(msisdn, Texts.loginCode(code));
    return new Sent(config.validity().toSeconds());
  }

  /** What came of presenting a code. */
  public sealed interface Verdict {}

  /** The code was right: a member token. */
  public record Token(String accessToken, long expiresIn) implements Verdict {}

  /** The code was wrong; {@code triesLeft} more before the code is void. */
  public record WrongCode(int triesLeft) implements Verdict {}

  /** No usable code: never sent, expired, used, void, or replaced by a newer one. */
  public record NoCode() implements Verdict {}

  /**
   * Checks a code. A wrong try is counted and committed even though the caller answers with an
   * error; the code's row is locked while checked, so parallel guesses can't exceed the limit.
   */
  public Verdict verify(String msisdn, String code, String clientAddress) {
    Instant now = clock.instant();
    checkFailureLimit(clientAddress, now);
    Optional<OtpCode> active = OtpCode.activeForUpdate(msisdn);
    if (active.isEmpty()) {
      return new NoCode();
    }
    OtpCode otp = active.get();
    if (!now.isBefore(otp.expiresAt)) {
      otp.status = OtpCode.Status.VOID;
      return new NoCode();
    }
    if (Digests.sameDigest(otp.codeHash, hash(msisdn, code))) {
      otp.status = OtpCode.Status.USED;
      return new Token(memberToken(msisdn), config.tokenLifetime().toSeconds());
    }
    em.createNativeQuery("insert into login_failure (client_address, at) values (:client, :now)")
        .setParameter("client", clientAddress)
        .setParameter("now", now)
        .executeUpdate();
    otp.failedTries++;
    if (otp.failedTries >= config.maxTries()) {
      otp.status = OtpCode.Status.VOID;
    }
    return new WrongCode(Math.max(0, config.maxTries() - otp.failedTries));
  }

  /** An RS256 member token; token times are wall-clock times, as verifiers check them. */
  private String memberToken(String msisdn) {
    return Jwt.subject(msisdn)
        .upn(msisdn)
        .groups(Set.of(Roles.MEMBER))
        .expiresIn(config.tokenLifetime())
        .sign();
  }

  private void checkNumberLimits(String msisdn, Instant now) {
    List<Instant> recent = OtpCode.sentTo(msisdn, now.minus(HOUR));
    if (!recent.isEmpty() && recent.get(0).plus(config.interval()).isAfter(now)) {
      throw new RateLimited(
          "auth.otp-too-soon",
          "A code was sent to this number moments ago; wait before asking for another.",
          Duration.between(now, recent.get(0).plus(config.interval())));
    }
    if (recent.size() >= config.perNumberPerHour()) {
      throw new RateLimited(
          "auth.otp-number-limit",
          "Too many codes for this number within an hour; try again later.",
          Duration.between(now, recent.get(recent.size() - 1).plus(HOUR)));
    }
  }

  private void checkClientLimit(String clientAddress, Instant now) {
    List<Instant> recent =
        OtpCode.askedFrom(clientAddress, now.minus(HOUR), config.perClientPerHour());
    if (recent.size() >= config.perClientPerHour()) {
      throw new RateLimited(
          "auth.otp-client-limit",
          "Too many codes requested from this address within an hour; try again later.",
          Duration.between(now, recent.get(0).plus(HOUR)));
    }
  }

  /** A guesser spreading tries over many numbers is stopped by the address. */
  private void checkFailureLimit(String clientAddress, Instant now) {
    @SuppressWarnings("unchecked")
    List<?> beyondLimit =
        em.createNativeQuery(
                "select at from login_failure where client_address = :client and at > :since"
                    + " order by at limit 1 offset :skip")
            .setParameter("client", clientAddress)
            .setParameter("since", now.minus(HOUR))
            .setParameter("skip", config.failuresPerClientPerHour() - 1)
            .getResultList();
    if (!beyondLimit.isEmpty()) {
      throw new RateLimited(
          "auth.token-client-limit",
          "Too many wrong codes from this address within an hour; try again later.",
          Duration.ofMinutes(10));
    }
  }

  private void lock(String key, int space) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, :space))")
        .setParameter("key", key)
        .setParameter("space", space)
        .getSingleResult();
  }

  /** The stored form of a code; a code is only ever compared, never shown again. */
  static String hash(String msisdn, String code) {
    return Digests.sha256Hex(msisdn + ":" + code);
  }
}
