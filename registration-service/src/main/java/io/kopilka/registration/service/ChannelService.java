package io.kopilka.registration.service;

import io.kopilka.common.security.Digests;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.kopilka.registration.client.BonusAccounts;
import io.kopilka.registration.client.CatalogRedemptions;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.domain.Channel;
import io.kopilka.registration.domain.Membership;
import io.kopilka.registration.domain.MembershipStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The USSD and SMS channels (section H): runs a command and returns the Russian reply. Replies to
 * SMS are also sent as SMS, as are USSD balance answers (rule B1) and USSD joins (rule R4).
 */
@ApplicationScoped
@Transactional
public class ChannelService {

  private static final Logger LOG = Logger.getLogger(ChannelService.class);

  private final MembershipService memberships;
  private final BonusAccounts bonus;
  private final CatalogRedemptions catalog;
  private final SmsSender sms;
  private final EntityManager em;
  private final ProgrammeTime time;
  private final RegistrationConfig config;

  public ChannelService(
      MembershipService memberships,
      BonusAccounts bonus,
      CatalogRedemptions catalog,
      SmsSender sms,
      EntityManager em,
      ProgrammeTime time,
      RegistrationConfig config) {
    this.memberships = memberships;
    this.bonus = bonus;
    this.catalog = catalog;
    this.sms = sms;
    this.em = em;
    this.time = time;
    this.config = config;
  }

  /**
   * Runs {@code command} for {@code msisdn}. {@code requestId} identifies the gateway's request
   * (its idempotency key, scoped to the gateway) and keys the order sent to catalog-service.
   */
  public String handle(String msisdn, Channel channel, ChannelCommand command, String requestId) {
    String reply;
    boolean confirmedByCatalog = false;
    if (command instanceof ChannelCommand.Join) {
      reply = join(msisdn, channel);
    } else if (command instanceof ChannelCommand.Balance) {
      reply = balance(msisdn);
    } else if (command instanceof ChannelCommand.Leave) {
      reply = leave(msisdn);
    } else if (command instanceof ChannelCommand.Order order) {
      OrderReply ordered = order(msisdn, channel, order.rewardCode(), requestId);
      reply = ordered.text();
      confirmedByCatalog = ordered.confirmedByCatalog();
    } else {
      reply = Texts.help();
    }
    // a completed order's confirmation SMS comes from catalog-service, with the reward's terms
    boolean smsCopy =
        (channel == Channel.SMS && !confirmedByCatalog)
            || command instanceof ChannelCommand.Balance
            || command instanceof ChannelCommand.Join;
    if (smsCopy) {
      sms.send(msisdn, reply);
    }
    return reply;
  }

  private String join(String msisdn, Channel channel) {
    return switch (memberships.joinByChannel(msisdn, channel)) {
      case JOINED -> Texts.joined();
      case ALREADY_MEMBER -> Texts.alreadyMember();
      case APPLICATION_PENDING -> Texts.applicationPending();
    };
  }

  private String balance(String msisdn) {
    Optional<String> refusal = requireActive(msisdn);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    try {
      return bonus
          .balance(msisdn)
          .map(
              b ->
                  Texts.balance(
                      b.balance(),
                      b.expiringAtYearEnd(),
                      time.dateOf(b.expiresAt().minusSeconds(1))))
          .orElse(Texts.accountOpening());
    } catch (RuntimeException e) {
      LOG.warnf("Balance of %s unavailable: %s", Msisdn.mask(msisdn), e.toString());
      return Texts.temporarilyUnavailable();
    }
  }

  /**
   * Rule R9: with a positive balance the first {@code 0} asks for confirmation and states the
   * points that will be lost; a second {@code 0} within 10 minutes leaves.
   */
  private String leave(String msisdn) {
    Optional<Membership> current = memberships.currentForUpdate(msisdn);
    if (current.isEmpty()) {
      return Texts.notMember();
    }
    Membership membership = current.get();
    if (membership.status == MembershipStatus.ACTIVE && !confirmsEarlierRequest(membership)) {
      long balance;
      try {
        balance = bonus.balance(msisdn).map(BonusAccounts.Balance::balance).orElse(0L);
      } catch (RuntimeException e) {
        LOG.warnf("Balance of %s unavailable: %s", Msisdn.mask(msisdn), e.toString());
        return Texts.temporarilyUnavailable();
      }
      if (balance > 0) {
        requestConfirmation(membership, balance);
        return Texts.confirmLeave(balance);
      }
    }
    memberships.leave(membership.id, MembershipService.MEMBER, "SMS", null, false);
    return Texts.left();
  }

  /** The reply to an order; {@code confirmedByCatalog}: catalog-service sends the confirmation. */
  private record OrderReply(String text, boolean confirmedByCatalog) {
    OrderReply(String text) {
      this(text, false);
    }
  }

  private OrderReply order(String msisdn, Channel channel, String rewardCode, String requestId) {
    Optional<String> refusal = requireActive(msisdn);
    if (refusal.isPresent()) {
      return new OrderReply(refusal.get());
    }
    CatalogRedemptions.Outcome outcome;
    try {
      outcome =
          catalog.order(
              Digests.sha256Hex("channel-order\n" + requestId), msisdn, rewardCode, channel.name());
    } catch (TimeoutException e) {
      // the order may still go through at catalog-service: don't say nothing happened
      LOG.warnf("Order of %s by %s timed out", rewardCode, Msisdn.mask(msisdn));
      return new OrderReply(Texts.orderPending(rewardCode));
    } catch (RuntimeException e) {
      LOG.warnf("Order of %s by %s unavailable: %s", rewardCode, Msisdn.mask(msisdn), e.toString());
      return new OrderReply(Texts.temporarilyUnavailable());
    }
    if (outcome instanceof CatalogRedemptions.Ordered ordered) {
      return new OrderReply(Texts.ordered(ordered.rewardName(), ordered.points()), true);
    }
    if (outcome instanceof CatalogRedemptions.InFlight) {
      return new OrderReply(Texts.orderPending(rewardCode));
    }
    CatalogRedemptions.Refused refused = (CatalogRedemptions.Refused) outcome;
    if (refused.status() == 404) {
      return new OrderReply(Texts.rewardNotFound(rewardCode));
    }
    return new OrderReply(
        switch (refused.code()) {
          case "redemption.insufficient-points", "ledger.insufficient-points" ->
              Texts.notEnoughPoints(rewardCode);
          case "reward.out-of-stock" -> Texts.outOfStock(rewardCode);
          case "redemption.fulfilment-refused" -> Texts.cannotActivate(rewardCode);
          default -> Texts.orderRefused(rewardCode);
        });
  }

  /** Empty for an active member; otherwise the reply that says why the command can't run. */
  private Optional<String> requireActive(String msisdn) {
    Optional<MembershipStatus> status = memberships.currentStatus(msisdn);
    if (status.isEmpty()) {
      return Optional.of(Texts.notMember());
    }
    return status.get() == MembershipStatus.ACTIVE
        ? Optional.empty()
        : Optional.of(Texts.applicationPending());
  }

  private boolean confirmsEarlierRequest(Membership membership) {
    @SuppressWarnings("unchecked")
    List<Object> found =
        em.createNativeQuery(
                "select 1 from leave_request where msisdn = :msisdn"
                    + " and membership_id = :membership and requested_at > :since")
            .setParameter("msisdn", membership.msisdn)
            .setParameter("membership", membership.id)
            .setParameter("since", time.now().minus(config.leaveConfirmationWindow()))
            .getResultList();
    return !found.isEmpty();
  }

  private void requestConfirmation(Membership membership, long points) {
    Instant now = time.now();
    em.createNativeQuery(
            "insert into leave_request (msisdn, membership_id, points, requested_at)"
                + " values (:msisdn, :membership, :points, :now)"
                + " on conflict (msisdn) do update set membership_id = excluded.membership_id,"
                + " points = excluded.points, requested_at = excluded.requested_at")
        .setParameter("msisdn", membership.msisdn)
        .setParameter("membership", membership.id)
        .setParameter("points", points)
        .setParameter("now", now)
        .executeUpdate();
  }
}
