package io.kopilka.cashback.service;

import io.kopilka.cashback.domain.Partner;
import io.kopilka.cashback.domain.PartnerSecret;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks deliveries against partners' webhook secrets, kept in memory for a short while with the
 * partner's terms (windows, name) so that a delivery needs no database round trip to be verified
 * and attributed. Each kept secret carries its expiry, so an expired one is never used; a signature
 * no kept secret matches is checked again against the database, so a secret issued a moment ago on
 * another replica is accepted at once. A rotation on this replica forgets the partner's secrets,
 * and so does a change of the partner; other replicas see the new expiry of the old ones, and the
 * partner's new terms, within {@link #KEEP}.
 */
@ApplicationScoped
public class PartnerSecrets {

  static final Duration KEEP = Duration.ofSeconds(30);

  private record Secret(String value, Instant expiresAt) {
    boolean validAt(Instant at) {
      return expiresAt == null || at.isBefore(expiresAt);
    }
  }

  /** What a delivery needs of its partner besides the secrets. */
  public record Terms(String id, String name, int confirmationDays, int attributionDays) {}

  private record Kept(Terms terms, List<Secret> secrets, Instant loadedAt) {
    List<String> validAt(Instant at) {
      return secrets.stream().filter(s -> s.validAt(at)).map(Secret::value).toList();
    }
  }

  private final Map<String, Kept> kept = new ConcurrentHashMap<>();
  private final ProgrammeTime time;

  public PartnerSecrets(ProgrammeTime time) {
    this.time = time;
  }

  /**
   * The partner's terms, once the delivery's signature is verified; throws 404 for an unknown
   * partner and 401 for a delivery its secrets did not sign.
   */
  public Terms verify(ConversionService.Delivery delivery) {
    Instant now = time.now();
    Kept cached = kept.get(delivery.partnerId());
    if (cached != null && !now.isAfter(cached.loadedAt().plus(KEEP))) {
      try {
        check(cached.validAt(now), delivery, now);
        return cached.terms();
      } catch (ProblemException e) {
        if (!"webhook.signature-invalid".equals(e.problem().code())) {
          throw e;
        }
      }
    }
    Kept loaded = load(delivery.partnerId(), now);
    kept.put(delivery.partnerId(), loaded);
    check(loaded.validAt(now), delivery, now);
    return loaded.terms();
  }

  /** After a rotation or a change here: the next delivery reads the partner afresh. */
  public void forget(String partnerId) {
    kept.remove(partnerId);
  }

  private static void check(List<String> secrets, ConversionService.Delivery d, Instant now) {
    WebhookSignatures.verify(secrets, d.webhookId(), d.timestamp(), d.signature(), d.body(), now);
  }

  private static Kept load(String partnerId, Instant now) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Partner partner = Partner.findById(partnerId);
              if (partner == null) {
                throw PartnerService.notFound(partnerId);
              }
              List<Secret> secrets =
                  PartnerSecret.<PartnerSecret>list(
                          "partnerId = ?1 and (expiresAt is null or expiresAt > ?2)",
                          partnerId,
                          now)
                      .stream()
                      .map(s -> new Secret(s.secret, s.expiresAt))
                      .toList();
              return new Kept(
                  new Terms(
                      partner.id, partner.name, partner.confirmationDays, partner.attributionDays),
                  secrets,
                  now);
            });
  }
}
