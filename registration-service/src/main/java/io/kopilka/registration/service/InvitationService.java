package io.kopilka.registration.service;

import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.domain.Invitation;
import io.kopilka.registration.domain.Membership;
import io.kopilka.registration.domain.MembershipStatus;
import io.kopilka.registration.rest.InvitationDtos.InvitationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Rule R6 for members who join by USSD or SMS: a member invites a friend's number, the friend gets
 * an SMS saying how to join, and the friend's activation within the validity makes the inviter the
 * referrer ({@link MembershipService} credits it). Limited so that it can't send SMS in bulk: one
 * open invitation per friend and inviter, a few a day per inviter.
 */
@ApplicationScoped
@Transactional
public class InvitationService {

  private static final Logger LOG = Logger.getLogger(InvitationService.class);

  private final EntityManager em;
  private final ProgrammeTime time;
  private final RegistrationConfig.Invitation config;
  private final MembershipService memberships;
  private final SmsSender sms;

  public InvitationService(
      EntityManager em,
      ProgrammeTime time,
      RegistrationConfig config,
      MembershipService memberships,
      SmsSender sms) {
    this.em = em;
    this.time = time;
    this.config = config.invitation();
    this.memberships = memberships;
    this.sms = sms;
  }

  /** An invitation, and whether this call made it (false: the open one already made). */
  public record Invited(InvitationView invitation, boolean created) {}

  /**
   * Invites {@code friend} on behalf of the active member {@code inviter}. A repeat while the
   * invitation is open answers it again and sends nothing. A friend who is a member already gets no
   * SMS and the invitation never counts, but the answer is the same, so that it doesn't tell who is
   * a member (as the web form's referrer doesn't).
   */
  public Invited invite(String inviter, String friend) {
    if (inviter.equals(friend)) {
      throw new ProblemException(
          Problem.of(
                  422,
                  "invitation.self",
                  "Unprocessable request",
                  "You can't invite your own number.")
              .withViolations(List.of(new Problem.Violation("msisdn", "must not be your own"))));
    }
    // one inviter's invitations one at a time: the open-invitation check and the daily count hold
    lockInviter(inviter);
    Membership member = activeMembership(inviter);
    Instant now = time.now();
    Optional<Invitation> open = Invitation.open(member.id, friend, now);
    if (open.isPresent()) {
      return new Invited(view(open.get(), now), false);
    }
    checkDailyLimit(inviter, now);
    // the friend's number lock: a join of the friend at this moment either comes first (and the
    // friend is a member here) or sees this invitation when it activates
    boolean friendIsMember = memberships.currentForUpdate(friend).isPresent();
    Invitation invitation = record(member, friend, now, !friendIsMember);
    if (friendIsMember) {
      LOG.debugf(
          "Invitation of %s by %s: already a member, no SMS",
          Msisdn.mask(friend), Msisdn.mask(inviter));
    } else {
      sms.send(friend, Texts.invitation(inviter));
    }
    return new Invited(view(invitation, now), true);
  }

  private static Membership activeMembership(String inviter) {
    return Membership.current(inviter)
        .filter(m -> m.status == MembershipStatus.ACTIVE)
        .orElseThrow(
            () ->
                ProblemException.unprocessable(
                    "invitation.not-a-member",
                    "Only an active member of the programme can invite friends."));
  }

  private Invitation record(Membership inviter, String friend, Instant now, boolean smsSent) {
    Invitation invitation = new Invitation();
    invitation.id = UUID.randomUUID();
    invitation.friendMsisdn = friend;
    invitation.inviterMsisdn = inviter.msisdn;
    invitation.inviterMembershipId = inviter.id;
    invitation.createdAt = now;
    invitation.expiresAt = now.plus(config.validity());
    invitation.smsSent = smsSent;
    invitation.persist();
    return invitation;
  }

  /** The member's invitations that are still kept, newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<InvitationView> mine(String inviter) {
    Instant now = time.now();
    return Invitation.madeBy(inviter).stream().map(i -> view(i, now)).toList();
  }

  /** At most {@code perDay} invitations a programme day (Moscow), so it can't send SMS in bulk. */
  private void checkDailyLimit(String inviter, Instant now) {
    LocalDate today = time.dateOf(now);
    if (Invitation.madeSince(inviter, today.atStartOfDay(time.zone()).toInstant())
        >= config.perDay()) {
      Instant tomorrow = today.plusDays(1).atStartOfDay(time.zone()).toInstant();
      throw new RateLimited(
          "invitation.too-many",
          "At most "
              + config.perDay()
              + " invitations a day; more from "
              + tomorrow
              + " (00:00 Moscow time).",
          Duration.between(now, tomorrow));
    }
  }

  private void lockInviter(String inviter) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:msisdn, 5))")
        .setParameter("msisdn", inviter)
        .getSingleResult();
  }

  private static InvitationView view(Invitation i, Instant now) {
    String status;
    if (i.friendMembershipId != null) {
      status = "JOINED";
    } else if (now.isBefore(i.expiresAt)) {
      status = "OPEN";
    } else {
      status = "EXPIRED";
    }
    return new InvitationView(
        i.id, i.friendMsisdn, i.createdAt, i.expiresAt, status, i.bonusEarned);
  }
}
