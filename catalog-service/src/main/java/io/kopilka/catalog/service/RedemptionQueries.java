package io.kopilka.catalog.service;

import io.kopilka.catalog.domain.Redemption;
import io.kopilka.catalog.domain.RewardKind;
import io.kopilka.catalog.domain.Step;
import io.kopilka.catalog.rest.RedemptionDtos.AdminRedemptionView;
import io.kopilka.catalog.rest.RedemptionDtos.Certificate;
import io.kopilka.catalog.rest.RedemptionDtos.FailureView;
import io.kopilka.catalog.rest.RedemptionDtos.RedemptionView;
import io.kopilka.catalog.rest.RedemptionDtos.Subscription;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Orders as their members and support see them. */
@ApplicationScoped
public class RedemptionQueries {

  private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

  private final CertificatePool pool;
  private final ProgrammeTime time;

  public RedemptionQueries(CertificatePool pool, ProgrammeTime time) {
    this.pool = pool;
    this.time = time;
  }

  @Transactional
  public List<RedemptionView> mine(String msisdn, int page, int size) {
    return Redemption.<Redemption>find("msisdn", NEWEST_FIRST, msisdn)
        .page(page, size)
        .list()
        .stream()
        .map(this::memberView)
        .toList();
  }

  /** A member's own order; another member's is "not found", never "forbidden". */
  @Transactional
  public RedemptionView mine(String msisdn, UUID id) {
    Redemption r = Redemption.findById(id);
    if (r == null || !r.msisdn.equals(msisdn)) {
      throw notFound(id);
    }
    return memberView(r);
  }

  @Transactional
  public List<AdminRedemptionView> search(String msisdn, Step step, int page, int size) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
    if (msisdn != null) {
      where.append(" and msisdn = :msisdn");
      params.and("msisdn", msisdn);
    }
    if (step != null) {
      where.append(" and step = :step");
      params.and("step", step);
    }
    return Redemption.<Redemption>find(where.toString(), NEWEST_FIRST, params)
        .page(page, size)
        .list()
        .stream()
        .map(RedemptionQueries::adminView)
        .toList();
  }

  @Transactional
  public AdminRedemptionView get(UUID id) {
    Redemption r = Redemption.findById(id);
    if (r == null) {
      throw notFound(id);
    }
    return adminView(r);
  }

  /** The member's view of an order: the certificate code once it is theirs. */
  public RedemptionView memberView(Redemption r) {
    boolean given = r.step == Step.COMPLETED || r.step == Step.UNPAID || r.step == Step.REFUNDED;
    LocalDate completed = r.completedAt == null ? null : time.dateOf(r.completedAt);
    Certificate certificate =
        given && r.kind == RewardKind.CERTIFICATE
            ? new Certificate(pool.reveal(r.id).orElse(null), OrderTerms.lastDay(completed, r.days))
            : null;
    Subscription subscription =
        r.kind == RewardKind.SUBSCRIPTION
            ? new Subscription(
                r.paidPriceKopecks,
                completed == null ? null : OrderTerms.paidFrom(completed, r.days),
                Texts.terms(r.kind, r.days, r.paidPriceKopecks))
            : null;
    return new RedemptionView(
        r.id,
        r.rewardCode,
        r.rewardTitle,
        r.points,
        status(r),
        r.channel.name(),
        r.createdAt,
        r.completedAt,
        certificate,
        subscription,
        failure(r),
        r.refundedAt);
  }

  /** What the member is told: PROCESSING, COMPLETED, FAILED or REFUNDED. */
  static String status(Redemption r) {
    if (r.failed()) {
      return "FAILED";
    }
    return switch (r.step) {
      case COMPLETED, UNPAID -> "COMPLETED";
      case REFUNDED -> "REFUNDED";
      default -> "PROCESSING";
    };
  }

  private static FailureView failure(Redemption r) {
    return r.failureCode == null ? null : new FailureView(r.failureCode, r.failureDetail);
  }

  private static AdminRedemptionView adminView(Redemption r) {
    return new AdminRedemptionView(
        r.id,
        r.msisdn,
        r.rewardCode,
        r.rewardTitle,
        r.points,
        r.step.name(),
        r.channel.name(),
        r.holdId,
        r.activationId,
        failure(r),
        r.createdAt,
        r.updatedAt,
        r.completedAt,
        r.refundedAt,
        r.refundedBy,
        r.refundReason);
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("redemption.not-found", "There is no order " + id + ".");
  }
}
