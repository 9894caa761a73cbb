package io.kopilka.catalog.service;

import io.kopilka.catalog.domain.Category;
import io.kopilka.catalog.domain.Reward;
import io.kopilka.catalog.domain.RewardKind;
import io.kopilka.catalog.rest.CatalogDtos.AdminRewardView;
import io.kopilka.catalog.rest.CatalogDtos.RewardPage;
import io.kopilka.catalog.rest.CatalogDtos.RewardRequest;
import io.kopilka.catalog.rest.CatalogDtos.RewardView;
import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rewards catalogue (rules K1-K4): what members may order, and its administration. */
@ApplicationScoped
public class RewardService {

  private static final Sort ORDER = Sort.by("category").and("points").and("code");

  private final CertificatePool pool;
  private final ProgrammeTime time;

  public RewardService(CertificatePool pool, ProgrammeTime time) {
    this.pool = pool;
    this.time = time;
  }

  /** The rewards that can be ordered today, by category and price. */
  @Transactional
  public RewardPage orderable(Category category, int page, int size) {
    LocalDate today = time.today();
    StringBuilder where =
        new StringBuilder(
            "retiredAt is null and (availableFrom is null or availableFrom <= :today)"
                + " and (availableUntil is null or availableUntil >= :today)");
    Parameters params = Parameters.with("today", today);
    if (category != null) {
      where.append(" and category = :category");
      params.and("category", category);
    }
    PanacheQuery<Reward> query = Reward.find(where.toString(), ORDER, params.map());
    List<Reward> rewards = query.page(page, size).list();
    Set<String> inStock = pool.inStock(rewards);
    List<RewardView> items = new ArrayList<>();
    for (Reward reward : rewards) {
      items.add(view(reward, today, inStock));
    }
    return new RewardPage(items, page, size, query.count());
  }

  /** One reward that is not retired, orderable now or not (seasonal rewards show their dates). */
  @Transactional
  public RewardView get(String code) {
    Reward reward = Reward.findById(code);
    if (reward == null || reward.retiredAt != null) {
      throw notFound(code);
    }
    return view(reward, time.today(), pool.inStock(List.of(reward)));
  }

  /**
   * The reward to order, or the problem that says why it can't be ordered now (an unknown code, a
   * retired or out-of-season reward, an empty certificate pool).
   */
  @Transactional
  public Reward requireOrderable(String code) {
    Reward reward = find(code);
    String reason = reward.unavailableReason(time.today());
    if (reason != null) {
      throw ProblemException.conflict(
          "reward.unavailable", "Reward " + code + " can't be ordered: " + reason + ".");
    }
    if (reward.kind == RewardKind.CERTIFICATE && pool.inStock(List.of(reward)).isEmpty()) {
      throw outOfStock(code);
    }
    return reward;
  }

  static ProblemException outOfStock(String code) {
    return new ProblemException(
        Failure.OUT_OF_STOCK.problem(
            "The certificates of reward " + code + " have run out; it can't be ordered now."));
  }

  // administration

  @Transactional
  public List<AdminRewardView> all() {
    LocalDate today = time.today();
    List<Reward> rewards = Reward.listAll(ORDER);
    Set<String> inStock = pool.inStock(rewards);
    return rewards.stream().map(r -> adminView(r, today, inStock)).toList();
  }

  @Transactional
  public AdminRewardView adminGet(String code) {
    Reward reward = find(code);
    return adminView(reward, time.today(), pool.inStock(List.of(reward)));
  }

  @Transactional
  public boolean exists(String code) {
    return Reward.findById(code) != null;
  }

  @Transactional
  public AdminRewardView create(String code, RewardRequest request) {
    requireConsistent(request);
    if (Reward.findById(code) != null) {
      throw ProblemException.conflict(
          "reward.code-taken",
          "Reward code " + code + " is taken (codes of retired rewards are never reused).");
    }
    Reward reward = new Reward();
    reward.code = code;
    reward.createdAt = time.now();
    apply(reward, request);
    reward.persist();
    return adminView(reward, time.today(), Set.of());
  }

  /**
   * Replaces a reward's terms. Orders placed before keep the terms they were placed on; the kind of
   * a reward with a certificate pool can't change.
   */
  @Transactional
  public AdminRewardView replace(String code, RewardRequest request) {
    requireConsistent(request);
    Reward reward = find(code);
    if (reward.retiredAt != null) {
      throw ProblemException.conflict(
          "reward.retired", "Reward " + code + " is retired; add a new reward instead.");
    }
    if (reward.kind == RewardKind.CERTIFICATE
        && request.kind() != RewardKind.CERTIFICATE
        && pool.stats(code).total() > 0) {
      throw ProblemException.conflict(
          "reward.has-certificates",
          "Reward " + code + " has a certificate pool, so it stays a CERTIFICATE reward.");
    }
    apply(reward, request);
    return adminView(reward, time.today(), pool.inStock(List.of(reward)));
  }

  /** Takes a reward out of the catalogue for good; retiring again changes nothing. */
  @Transactional
  public AdminRewardView retire(String code) {
    Reward reward = find(code);
    if (reward.retiredAt == null) {
      reward.retiredAt = time.now();
      reward.updatedAt = reward.retiredAt;
    }
    return adminView(reward, time.today(), Set.of());
  }

  private void apply(Reward reward, RewardRequest request) {
    reward.title = request.title().strip();
    reward.description = request.description().strip();
    reward.category = request.category();
    reward.points = request.points();
    reward.kind = request.kind();
    reward.product = request.product();
    reward.days = request.days();
    reward.quantity = request.quantity();
    reward.unit = request.unit();
    reward.valueKopecks = request.valueKopecks();
    reward.paidPriceKopecks = request.paidPriceKopecks();
    reward.availableFrom = request.availableFrom();
    reward.availableUntil = request.availableUntil();
    reward.updatedAt = time.now();
  }

  /** Which fields a kind needs and which it must leave out; every mistake is reported at once. */
  private static void requireConsistent(RewardRequest r) {
    RewardKind kind = r.kind();
    List<Problem.Violation> violations = new ArrayList<>();
    boolean certificate = kind == RewardKind.CERTIFICATE;
    boolean pack = kind == RewardKind.PACKAGE;
    check(violations, "product", r.product() != null, !certificate, kind);
    check(violations, "quantity", r.quantity() != null, pack, kind);
    check(violations, "unit", r.unit() != null, pack, kind);
    check(
        violations,
        "paidPriceKopecks",
        r.paidPriceKopecks() != null,
        kind == RewardKind.SUBSCRIPTION,
        kind);
    check(violations, "valueKopecks", r.valueKopecks() != null, certificate, kind);
    if (r.days() == null && !pack) {
      // a package may have a validity or not; the others need their days
      violations.add(new Problem.Violation("days", "is required for " + kind + " rewards"));
    }
    if (r.availableFrom() != null
        && r.availableUntil() != null
        && r.availableUntil().isBefore(r.availableFrom())) {
      violations.add(new Problem.Violation("availableUntil", "must not be before availableFrom"));
    }
    if (!violations.isEmpty()) {
      throw new ProblemException(
          Problem.of(
                  400,
                  "request.invalid",
                  "Invalid request",
                  "The reward's fields don't match its kind " + kind + ".")
              .withViolations(violations));
    }
  }

  /**
   * A field only some kinds have: required for them (optional for a certificate's face value),
   * absent for the others.
   */
  private static void check(
      List<Problem.Violation> violations,
      String field,
      boolean present,
      boolean applies,
      RewardKind kind) {
    if (applies && !present && !field.equals("valueKopecks")) {
      violations.add(new Problem.Violation(field, "is required for " + kind + " rewards"));
    } else if (!applies && present) {
      violations.add(new Problem.Violation(field, "must be absent for " + kind + " rewards"));
    }
  }

  static Reward find(String code) {
    Reward reward = Reward.findById(code);
    if (reward == null) {
      throw notFound(code);
    }
    return reward;
  }

  private static ProblemException notFound(String code) {
    return ProblemException.notFound(
        "reward.not-found", "There is no reward with code " + code + ".");
  }

  private RewardView view(Reward r, LocalDate today, Set<String> inStock) {
    boolean stocked = r.kind != RewardKind.CERTIFICATE || inStock.contains(r.code);
    return new RewardView(
        r.code,
        r.title,
        r.description,
        r.category,
        r.points,
        r.kind,
        r.days,
        r.quantity,
        r.unit,
        r.valueKopecks,
        r.paidPriceKopecks,
        Texts.terms(r.kind, r.days, r.paidPriceKopecks),
        r.availableFrom,
        r.availableUntil,
        stocked && r.unavailableReason(today) == null);
  }

  private AdminRewardView adminView(Reward r, LocalDate today, Set<String> inStock) {
    Instant retired = r.retiredAt;
    return new AdminRewardView(
        view(r, today, inStock),
        retired,
        r.createdAt,
        r.updatedAt,
        r.kind == RewardKind.CERTIFICATE ? pool.stats(r.code) : null);
  }
}
