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
 * Checks deliveries against partners' webhook secrets, kept in memory for a short while so that a
 * delivery needs no database round trip to be verified. Each kept secret carries its expiry, so an
 * expired one is never used; a signature no kept secret matches is checked again against the
 * database, so a secret issued a moment ago on another replica is accepted at once. A rotation on
 * this replica forgets the partner's secrets; other replicas see the new expiry of the old ones
 * within {@link #KEEP}.
 */
@ApplicationScoped
public class PartnerSecrets {

  static final Duration KEEP = Duration.ofSeconds(30);

  private record Secret(String value, Instant expiresAt) {
    boolean validAt(Instant at) {
      return expiresAt == null || at.isBefore(expiresAt);
    }
  }

  private record Kept(List<Secret> secrets, Instant loadedAt) {
    List<String> validAt(Instant at) {
      return secrets.stream().filter(s -> s.validAt(at)).map(Secret::value).toList();
    }
  }

  private final Map<String, Kept> kept = new ConcurrentHashMap<>();
  private final ProgrammeTime time;

  public PartnerSecrets(ProgrammeTime time) {
    this.time = time;
  }

  /** Throws 404 for an unknown partner and 401 for a delivery its secrets did not sign. */
  public void verify(ConversionService.Delivery delivery) {
    Instant now = time.now();
    Kept cached = kept.get(delivery.partnerId());
    if (cached != null && !now.isAfter(cached.loadedAt().plus(KEEP))) {
      try {
        check(cached.validAt(now), delivery, now);
        return;
      } catch (ProblemException e) {
        if (!"webhook.signature-invalid".equals(e.problem().code())) {
          throw e;
        }
      }
    }
    Kept loaded = load(delivery.partnerId(), now);
    kept.put(delivery.partnerId(), loaded);
    check(loaded.validAt(now), delivery, now);
  }

  /** After a rotation here: the next delivery reads the partner's secrets afresh. */
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
              if (Partner.findById(partnerId) == null) {
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
              return new Kept(secrets, now);
            });
  }
}
