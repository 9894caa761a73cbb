package io.kopilka.cashback.service;

import io.kopilka.cashback.config.CashbackConfig;
import io.kopilka.cashback.domain.Partner;
import io.kopilka.cashback.domain.PartnerSecret;
import io.kopilka.cashback.domain.PartnerStatus;
import io.kopilka.cashback.domain.RateBoost;
import io.kopilka.cashback.domain.Rates;
import io.kopilka.cashback.rest.PartnerDtos.AttributionFailureView;
import io.kopilka.cashback.rest.PartnerDtos.AttributionReport;
import io.kopilka.cashback.rest.PartnerDtos.BoostRequest;
import io.kopilka.cashback.rest.PartnerDtos.BoostView;
import io.kopilka.cashback.rest.PartnerDtos.PartnerCreated;
import io.kopilka.cashback.rest.PartnerDtos.PartnerPage;
import io.kopilka.cashback.rest.PartnerDtos.PartnerRequest;
import io.kopilka.cashback.rest.PartnerDtos.PartnerView;
import io.kopilka.cashback.rest.PartnerDtos.SecretInfo;
import io.kopilka.cashback.rest.PartnerDtos.SecretRotated;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Partners, their rates and their webhook secrets (C1, C2, C4). */
@ApplicationScoped
public class PartnerService {

  private final EntityManager em;
  private final PartnerSecrets kept;
  private final CashbackConfig config;
  private final ProgrammeTime time;
  private final SecureRandom random = new SecureRandom();

  public PartnerService(
      EntityManager em, PartnerSecrets kept, CashbackConfig config, ProgrammeTime time) {
    this.em = em;
    this.kept = kept;
    this.config = config;
    this.time = time;
  }

  /** What a PUT did: the partner, and its first secret if the PUT created it. */
  public record Saved(PartnerView partner, PartnerCreated created) {}

  /** Creates the partner with its first secret, or updates it; the rate must fit its category. */
  @Transactional
  public Saved save(String id, PartnerRequest request) {
    if (request.rateBasisPoints() > request.category().maxRateBp) {
      throw rateAboveMaximum(
          request.category().name(), request.category().maxRateBp, request.rateBasisPoints());
    }
    Instant now = time.now();
    Partner partner = em.find(Partner.class, id, LockModeType.PESSIMISTIC_WRITE);
    boolean created = partner == null;
    if (created) {
      partner = new Partner();
      partner.id = id;
      partner.createdAt = now;
    } else {
      // a change of category must not leave a boost above the new category's maximum
      int highestBoost = highestFutureBoost(id, now);
      if (highestBoost > request.category().maxRateBp) {
        throw rateAboveMaximum(
            request.category().name(), request.category().maxRateBp, highestBoost);
      }
    }
    partner.name = request.name().strip();
    partner.category = request.category();
    partner.rateBp = request.rateBasisPoints();
    partner.confirmationDays = request.confirmationDays();
    partner.attributionDays =
        request.attributionDays() == null
            ? config.defaultAttributionDays()
            : request.attributionDays();
    partner.redirectTemplate = request.redirectUrlTemplate();
    partner.status = request.status() == null ? PartnerStatus.ACTIVE : request.status();
    partner.updatedAt = now;
    if (!created) {
      kept.forget(id);
      return new Saved(view(partner), null);
    }
    partner.persist();
    PartnerSecret secret = addSecret(id, now);
    return new Saved(view(partner), new PartnerCreated(view(partner), secret.secret));
  }

  @Transactional
  public PartnerView get(String id) {
    return view(find(id));
  }

  @Transactional
  public PartnerPage list(int page, int size) {
    List<Partner> partners = Partner.<Partner>findAll(Sort.by("id")).page(page, size).list();
    return new PartnerPage(partners.stream().map(this::view).toList(), page, size, Partner.count());
  }

  /**
   * A new secret; the ones valid now stay valid for {@code overlap}, so the partner can switch
   * without a moment in which its deliveries fail.
   */
  @Transactional
  public SecretRotated rotate(String id, Duration overlap) {
    Partner partner = em.find(Partner.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (partner == null) {
      throw notFound(id);
    }
    Instant now = time.now();
    Instant until = now.plus(overlap == null ? config.secretOverlap() : overlap);
    for (PartnerSecret old : secrets(id, now)) {
      if (old.expiresAt == null || old.expiresAt.isAfter(until)) {
        old.expiresAt = until;
      }
    }
    PartnerSecret added = addSecret(id, now);
    kept.forget(id);
    return new SecretRotated(added.id, added.secret, until);
  }

  /** Rule C2: a temporarily increased rate, above the base rate and within the category's. */
  @Transactional
  public BoostView boost(String id, BoostRequest request) {
    Partner partner = find(id);
    Instant now = time.now();
    if (!request.endsAt().isAfter(request.startsAt())) {
      throw ProblemException.invalid("endsAt", "must be after startsAt");
    }
    if (!request.endsAt().isAfter(now)) {
      throw ProblemException.invalid("endsAt", "must be in the future");
    }
    if (request.rateBasisPoints() > partner.category.maxRateBp) {
      throw rateAboveMaximum(
          partner.category.name(), partner.category.maxRateBp, request.rateBasisPoints());
    }
    if (request.rateBasisPoints() <= partner.rateBp) {
      throw ProblemException.unprocessable(
          "boost.not-an-increase",
          "An increased rate must be above the partner's base rate of "
              + Rates.percent(partner.rateBp)
              + ".");
    }
    RateBoost boost = new RateBoost();
    boost.id = UUID.randomUUID();
    boost.partnerId = id;
    boost.rateBp = request.rateBasisPoints();
    boost.startsAt = request.startsAt();
    boost.endsAt = request.endsAt();
    boost.createdAt = now;
    boost.persist();
    return boostView(boost);
  }

  @Transactional
  public List<BoostView> boosts(String id) {
    find(id);
    return RateBoost.<RateBoost>list("partnerId = ?1 order by startsAt", id).stream()
        .map(PartnerService::boostView)
        .toList();
  }

  /** The partner's rate at {@code at}: the highest boost in force, else the base rate. */
  public int rateAt(Partner partner, Instant at) {
    Integer boosted =
        em.createQuery(
                "select max(b.rateBp) from RateBoost b where b.partnerId = :id"
                    + " and b.startsAt <= :at and b.endsAt > :at",
                Integer.class)
            .setParameter("id", partner.id)
            .setParameter("at", at)
            .getSingleResult();
    return boosted == null ? partner.rateBp : Math.max(boosted, partner.rateBp);
  }

  /** The partner's secrets valid at {@code at}, newest first. */
  public List<PartnerSecret> secrets(String partnerId, Instant at) {
    return PartnerSecret.<PartnerSecret>list(
        "partnerId = ?1 and (expiresAt is null or expiresAt > ?2) order by createdAt desc",
        partnerId,
        at);
  }

  /** Rule C3: what failed attribution for this partner, by rule, and the latest failures. */
  @Transactional
  public AttributionReport attributionReport(String id) {
    find(id);
    Map<String, Long> counts = new LinkedHashMap<>();
    em.createQuery(
            "select f.rule, count(f) from AttributionFailure f where f.partnerId = :id"
                + " group by f.rule order by f.rule",
            Object[].class)
        .setParameter("id", id)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], (Long) row[1]));
    List<AttributionFailureView> latest =
        em.createQuery(
                "select new io.kopilka.cashback.rest.PartnerDtos$AttributionFailureView("
                    + "f.webhookId, f.clickId, f.orderId, f.rule, f.receivedAt)"
                    + " from AttributionFailure f where f.partnerId = :id"
                    + " order by f.receivedAt desc",
                AttributionFailureView.class)
            .setParameter("id", id)
            .setMaxResults(100)
            .getResultList();
    return new AttributionReport(id, counts, latest);
  }

  public Partner find(String id) {
    Partner partner = Partner.findById(id);
    if (partner == null) {
      throw notFound(id);
    }
    return partner;
  }

  static ProblemException notFound(String id) {
    return ProblemException.notFound("partner.not-found", "No partner '" + id + "'.");
  }

  private PartnerSecret addSecret(String partnerId, Instant now) {
    PartnerSecret secret = new PartnerSecret();
    secret.id = UUID.randomUUID();
    secret.partnerId = partnerId;
    secret.secret = WebhookSignatures.newSecret(random);
    secret.createdAt = now;
    secret.persist();
    return secret;
  }

  private int highestFutureBoost(String id, Instant now) {
    Integer highest =
        em.createQuery(
                "select max(b.rateBp) from RateBoost b where b.partnerId = :id and b.endsAt > :now",
                Integer.class)
            .setParameter("id", id)
            .setParameter("now", now)
            .getSingleResult();
    return highest == null ? 0 : highest;
  }

  private PartnerView view(Partner partner) {
    Instant now = time.now();
    return new PartnerView(
        partner.id,
        partner.name,
        partner.category,
        partner.rateBp,
        rateAt(partner, now),
        partner.category.maxRateBp,
        partner.confirmationDays,
        partner.attributionDays,
        partner.redirectTemplate,
        partner.status,
        secrets(partner.id, now).stream()
            .map(s -> new SecretInfo(s.id, s.createdAt, s.expiresAt))
            .toList(),
        partner.createdAt,
        partner.updatedAt);
  }

  private static BoostView boostView(RateBoost boost) {
    return new BoostView(boost.id, boost.partnerId, boost.rateBp, boost.startsAt, boost.endsAt);
  }

  private static ProblemException rateAboveMaximum(String category, int max, int asked) {
    return ProblemException.unprocessable(
        "partner.rate-above-category-maximum",
        "Category "
            + category
            + " allows at most "
            + Rates.percent(max)
            + " ("
            + max
            + " basis points); "
            + Rates.percent(asked)
            + " ("
            + asked
            + ") was asked.");
  }
}
