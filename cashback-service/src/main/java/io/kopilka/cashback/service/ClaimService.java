package io.kopilka.cashback.service;

import io.kopilka.cashback.client.Members;
import io.kopilka.cashback.domain.Claim;
import io.kopilka.cashback.domain.ClaimStatus;
import io.kopilka.cashback.domain.Click;
import io.kopilka.cashback.domain.Conversion;
import io.kopilka.cashback.domain.ConversionSource;
import io.kopilka.cashback.domain.ConversionStatus;
import io.kopilka.cashback.domain.Partner;
import io.kopilka.cashback.rest.ClaimDtos.AdminClaimPage;
import io.kopilka.cashback.rest.ClaimDtos.AdminClaimView;
import io.kopilka.cashback.rest.ClaimDtos.ClaimView;
import io.kopilka.cashback.rest.ClaimDtos.NewClaim;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Rule C5: a member claims cashback for a purchase the partner never reported, or did not decide
 * within its window; support approves (the conversion is created or approved and credited once) or
 * rejects with a reason.
 */
@ApplicationScoped
public class ClaimService {

  private static final Logger LOG = Logger.getLogger(ClaimService.class);

  private final EntityManager em;
  private final Members members;
  private final PartnerService partners;
  private final ConversionStore conversions;
  private final Credits credits;
  private final ProgrammeTime time;

  public ClaimService(
      EntityManager em,
      Members members,
      PartnerService partners,
      ConversionStore conversions,
      Credits credits,
      ProgrammeTime time) {
    this.em = em;
    this.members = members;
    this.partners = partners;
    this.conversions = conversions;
    this.credits = credits;
    this.time = time;
  }

  /** Files a claim; the membership is asked for outside any transaction. */
  public ClaimView file(String msisdn, NewClaim request) {
    UUID membershipId;
    try {
      membershipId = members.activeMembership(msisdn).orElse(null);
    } catch (RuntimeException e) {
      LOG.warnf("Claim by %s: registration-service unavailable: %s", Msisdn.mask(msisdn), e);
      throw new ProblemException(
          503,
          "registration.unavailable",
          "Service unavailable",
          "The membership cannot be checked right now; nothing was filed. Try again in a minute.");
    }
    if (membershipId == null) {
      throw ProblemException.unprocessable(
          "claim.not-a-member", "Cashback claims are for programme members only.");
    }
    return QuarkusTransaction.requiringNew().call(() -> create(msisdn, membershipId, request));
  }

  private ClaimView create(String msisdn, UUID membershipId, NewClaim request) {
    Partner partner = partners.find(request.partnerId());
    if (request.clickId() != null) {
      Click click = Click.findById(request.clickId());
      if (click == null || !click.msisdn.equals(msisdn) || !click.partnerId.equals(partner.id)) {
        throw ProblemException.unprocessable(
            "claim.unknown-click", "That click is not one of yours to this partner.");
      }
    }
    Conversion conversion = conversions.lock(partner.id, request.orderId());
    if (conversion != null) {
      requireClaimable(conversion, msisdn);
    }
    Claim claim = new Claim();
    claim.id = UUID.randomUUID();
    claim.msisdn = msisdn;
    claim.membershipId = membershipId;
    claim.partnerId = partner.id;
    claim.orderId = request.orderId();
    claim.purchasedOn = request.purchasedOn();
    claim.amountKopecks = request.amountKopecks();
    claim.clickId = request.clickId();
    claim.status = ClaimStatus.OPEN;
    claim.conversionId = conversion == null ? null : conversion.id;
    claim.createdAt = time.now();
    int inserted =
        em.createNativeQuery(
                "insert into claim (id, msisdn, membership_id, partner_id, order_id, purchased_on,"
                    + " amount_kopecks, click_id, status, conversion_id, created_at)"
                    + " values (:id, :msisdn, :membership, :partner, :order, :purchased, :amount,"
                    + " :click, 'OPEN', :conversion, :now)"
                    + " on conflict (partner_id, order_id) where status = 'OPEN' do nothing")
            .setParameter("id", claim.id)
            .setParameter("msisdn", msisdn)
            .setParameter("membership", membershipId)
            .setParameter("partner", partner.id)
            .setParameter("order", claim.orderId)
            .setParameter("purchased", claim.purchasedOn)
            .setParameter("amount", claim.amountKopecks)
            .setParameter("click", claim.clickId)
            .setParameter("conversion", claim.conversionId)
            .setParameter("now", claim.createdAt)
            .executeUpdate();
    if (inserted == 0) {
      throw ProblemException.conflict(
          "claim.exists", "A claim for order '" + claim.orderId + "' is already open.");
    }
    return view(claim);
  }

  /** Only a purchase of this member's with no decision in time can be claimed. */
  private static void requireClaimable(Conversion conversion, String msisdn) {
    if (!conversion.msisdn.equals(msisdn)) {
      throw ProblemException.unprocessable(
          "claim.not-your-order", "The partner reported this order for another member.");
    }
    switch (conversion.status) {
      case PENDING ->
          throw ProblemException.unprocessable(
              "claim.not-yet-due",
              "The partner has until "
                  + conversion.dueAt
                  + " to confirm this purchase; a claim"
                  + " can be filed after that.");
      case APPROVED ->
          throw ProblemException.unprocessable(
              "claim.already-approved",
              "The partner approved this purchase; its cashback is "
                  + (conversion.creditedAt == null ? "being credited." : "credited."));
      case DECLINED ->
          throw ProblemException.unprocessable(
              "claim.declined-by-partner",
              "The partner declined this purchase at " + conversion.decidedAt + ".");
      default -> {
        // OVERDUE: the window passed without a decision (C5)
      }
    }
  }

  @Transactional
  public List<ClaimView> mine(String msisdn) {
    return Claim.<Claim>list("msisdn = ?1 order by createdAt desc", msisdn).stream()
        .map(ClaimService::view)
        .toList();
  }

  @Transactional
  public AdminClaimPage list(ClaimStatus status, int page, int size) {
    var query =
        status == null
            ? Claim.<Claim>findAll(Sort.by("createdAt"))
            : Claim.<Claim>find("status", Sort.by("createdAt"), status);
    List<AdminClaimView> items =
        query.page(page, size).list().stream().map(ClaimService::adminView).toList();
    return new AdminClaimPage(items, page, size, query.count());
  }

  /**
   * Approves an open claim: its conversion (the partner's overdue one, or a new one from the claim)
   * is approved and credited once, at the click's rate or else the partner's rate on the purchase
   * date.
   */
  @Transactional
  public AdminClaimView approve(UUID claimId, Long confirmedAmount, String supportAgent) {
    Claim claim = lockOpen(claimId);
    Partner partner = partners.find(claim.partnerId);
    long amount = confirmedAmount == null ? claim.amountKopecks : confirmedAmount;
    Conversion conversion = conversions.lockOrCreate(candidate(claim, partner, amount));
    if (!conversion.msisdn.equals(claim.msisdn)) {
      throw ProblemException.conflict(
          "claim.not-your-order", "The partner has since reported this order for another member.");
    }
    if (conversion.status == ConversionStatus.DECLINED) {
      throw ProblemException.conflict(
          "claim.declined-by-partner",
          "The partner declined this order at " + conversion.decidedAt + "; reject the claim.");
    }
    if (!conversion.status.isFinal()) {
      if (conversion.amountKopecks != amount) {
        conversion.setAmount(amount);
      }
      credits.approve(conversion, partner.name);
    }
    decide(claim, ClaimStatus.APPROVED, null, supportAgent);
    claim.conversionId = conversion.id;
    return adminView(claim);
  }

  @Transactional
  public AdminClaimView reject(UUID claimId, String reason, String supportAgent) {
    Claim claim = lockOpen(claimId);
    decide(claim, ClaimStatus.REJECTED, reason.strip(), supportAgent);
    return adminView(claim);
  }

  private Conversion candidate(Claim claim, Partner partner, long amount) {
    Instant purchased = claim.purchasedOn.atStartOfDay(time.zone()).toInstant();
    Click click = claim.clickId == null ? null : Click.findById(claim.clickId);
    Conversion c = new Conversion();
    c.id = UUID.randomUUID();
    c.partnerId = partner.id;
    c.orderId = claim.orderId;
    c.clickId = claim.clickId;
    c.msisdn = claim.msisdn;
    c.membershipId = claim.membershipId;
    c.rateBp = click != null ? click.rateBp : partners.rateAt(partner, purchased);
    c.setAmount(amount);
    c.status = ConversionStatus.PENDING;
    c.source = ConversionSource.CLAIM;
    c.occurredAt = purchased;
    c.dueAt = time.now();
    return c;
  }

  private Claim lockOpen(UUID claimId) {
    Claim claim = em.find(Claim.class, claimId, LockModeType.PESSIMISTIC_WRITE);
    if (claim == null) {
      throw ProblemException.notFound("claim.not-found", "No claim " + claimId + ".");
    }
    if (claim.status != ClaimStatus.OPEN) {
      throw ProblemException.conflict(
          "claim.already-decided",
          "Claim " + claimId + " was " + claim.status + " at " + claim.decidedAt + ".");
    }
    return claim;
  }

  private void decide(Claim claim, ClaimStatus status, String reason, String supportAgent) {
    claim.status = status;
    claim.reason = reason;
    claim.decidedBy = supportAgent;
    claim.decidedAt = time.now();
  }

  private static ClaimView view(Claim c) {
    return new ClaimView(
        c.id,
        c.partnerId,
        c.orderId,
        c.purchasedOn,
        c.amountKopecks,
        c.clickId,
        c.status,
        c.conversionId,
        c.reason,
        c.createdAt,
        c.decidedAt);
  }

  private static AdminClaimView adminView(Claim c) {
    return new AdminClaimView(view(c), c.msisdn, c.decidedBy);
  }
}
