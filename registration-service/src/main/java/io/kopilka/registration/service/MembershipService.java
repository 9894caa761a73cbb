package io.kopilka.registration.service;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.kopilka.registration.client.BonusAccounts;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.domain.Channel;
import io.kopilka.registration.domain.Invitation;
import io.kopilka.registration.domain.Membership;
import io.kopilka.registration.domain.MembershipEvent;
import io.kopilka.registration.domain.MembershipEvent.Type;
import io.kopilka.registration.domain.MembershipStatus;
import io.kopilka.registration.rest.MemberDtos;
import io.kopilka.registration.rest.MemberDtos.Application;
import io.kopilka.registration.rest.MemberDtos.EventView;
import io.kopilka.registration.rest.MemberDtos.MembershipView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The membership lifecycle (rules R1-R6, R9): applying, review, joining by channel, activation and
 * its credits, leaving. Every change and the messages about it commit together.
 */
@ApplicationScoped
@Transactional
public class MembershipService {

  private static final Logger LOG = Logger.getLogger(MembershipService.class);

  /** The actor recorded for a member acting on their own membership. */
  public static final String MEMBER = "member";

  private final EntityManager em;
  private final ProgrammeTime time;
  private final RegistrationConfig config;
  private final BonusCommands bonus;
  private final SmsSender sms;
  private final BonusAccounts balances;

  public MembershipService(
      EntityManager em,
      ProgrammeTime time,
      RegistrationConfig config,
      BonusCommands bonus,
      SmsSender sms,
      BonusAccounts balances) {
    this.em = em;
    this.time = time;
    this.config = config;
    this.bonus = bonus;
    this.sms = sms;
    this.balances = balances;
  }

  /** A web application (rule R2); it waits for review or auto-approval. */
  public MembershipView apply(String msisdn, Application form) {
    requirePlausible(form.birthDate());
    if (msisdn.equals(form.referrerMsisdn())) {
      throw ProblemException.invalid("referrerMsisdn", "must not be your own number");
    }
    lockNumber(msisdn);
    Membership.current(msisdn).ifPresent(MembershipService::refuseSecond);
    Membership membership = create(msisdn, Channel.WEB, MembershipStatus.PENDING_REVIEW);
    membership.name = form.name().strip();
    membership.birthDate = form.birthDate();
    membership.email = form.email();
    membership.referrerMsisdn = form.referrerMsisdn();
    MembershipEvent.record(membership.id, membership.appliedAt, Type.APPLIED, MEMBER, "WEB", null);
    return view(membership, null);
  }

  /**
   * Records the birth date of a member who joined by USSD or SMS, so that the birthday bonus
   * reaches them too (rule R7). Set once: it can't be moved to collect a second bonus.
   */
  public MembershipView setBirthDate(String msisdn, LocalDate birthDate) {
    requirePlausible(birthDate);
    Membership membership =
        currentForUpdate(msisdn)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "membership.not-found",
                        "This number has no pending or active membership."));
    if (membership.birthDate != null) {
      if (membership.birthDate.equals(birthDate)) {
        return view(membership, null);
      }
      throw ProblemException.conflict(
          "membership.birth-date-set", "The birth date is set and can't be changed.");
    }
    membership.birthDate = birthDate;
    if (membership.status == MembershipStatus.ACTIVE) {
      bonus.setBirthDate(membership);
    }
    return view(membership, null);
  }

  private void requirePlausible(LocalDate birthDate) {
    LocalDate latest = time.today().minusYears(config.minimumAge());
    if (birthDate.isAfter(latest)) {
      throw ProblemException.invalid(
          "birthDate",
          "must be on or before "
              + latest
              + ": members must be "
              + config.minimumAge()
              + " or older");
    }
    if (birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
      throw ProblemException.invalid("birthDate", "must be after 1900-01-01");
    }
  }

  /** What joining by USSD or SMS did. */
  public enum JoinOutcome {
    JOINED,
    ALREADY_MEMBER,
    APPLICATION_PENDING
  }

  /**
   * Joining by USSD (rule R4) or an empty SMS (rule R5): active at once; the channel confirms it by
   * SMS. The number's call-blocking status is not consulted (rule R4).
   */
  public JoinOutcome joinByChannel(String msisdn, Channel channel) {
    lockNumber(msisdn);
    Optional<Membership> current = Membership.current(msisdn);
    if (current.isPresent()) {
      return current.get().status == MembershipStatus.ACTIVE
          ? JoinOutcome.ALREADY_MEMBER
          : JoinOutcome.APPLICATION_PENDING;
    }
    Membership membership = create(msisdn, channel, MembershipStatus.ACTIVE);
    MembershipEvent.record(
        membership.id, membership.appliedAt, Type.APPLIED, MEMBER, channel.name(), null);
    activate(membership, Type.APPROVED, MEMBER, channel.name());
    return JoinOutcome.JOINED;
  }

  /** A reviewer approves a pending web application. */
  public MembershipView approve(UUID membershipId, String reviewer) {
    Membership membership = pending(membershipId);
    activate(membership, Type.APPROVED, reviewer, "API");
    sms.send(membership.msisdn, Texts.applicationApproved(config.welcomePoints()));
    return view(membership, events(membership));
  }

  /**
   * Approves the application if it is still pending; false when a reviewer decided first. The
   * caller holds the row lock (see {@code AutoApprovalJob}).
   */
  public boolean autoApprove(UUID membershipId) {
    Membership membership = Membership.byIdForUpdate(membershipId).orElseThrow();
    if (membership.status != MembershipStatus.PENDING_REVIEW) {
      return false;
    }
    activate(membership, Type.AUTO_APPROVED, "auto-approval", "JOB");
    sms.send(membership.msisdn, Texts.applicationApproved(config.welcomePoints()));
    return true;
  }

  /** A reviewer rejects a pending web application, saying why. */
  public MembershipView reject(UUID membershipId, String reviewer, String reason) {
    Membership membership = pending(membershipId);
    membership.status = MembershipStatus.REJECTED;
    membership.rejectedAt = time.now();
    membership.rejectionReason = reason.strip();
    MembershipEvent.record(
        membership.id,
        membership.rejectedAt,
        Type.REJECTED,
        reviewer,
        "API",
        membership.rejectionReason);
    sms.send(membership.msisdn, Texts.applicationRejected());
    return view(membership, events(membership));
  }

  /**
   * Ends a pending or active membership (rule R9): the bonus account is closed and its points
   * forfeited; re-joining starts from zero. Records who, through which channel, and why.
   */
  public MembershipView leave(UUID membershipId, String actor, String channel, String reason) {
    return leave(membershipId, actor, channel, reason, true);
  }

  /**
   * As {@link #leave(UUID, String, String, String)}; {@code smsNotice} false when the channel's own
   * reply already tells the member (SMS {@code 0}).
   */
  public MembershipView leave(
      UUID membershipId, String actor, String channel, String reason, boolean smsNotice) {
    Membership membership =
        Membership.byIdForUpdate(membershipId).orElseThrow(() -> notFound(membershipId));
    if (!membership.status.isCurrent()) {
      throw ProblemException.conflict(
          "membership.ended",
          "Membership " + membershipId + " has already ended (" + membership.status + ").");
    }
    boolean hadAccount = membership.status == MembershipStatus.ACTIVE;
    membership.status = MembershipStatus.LEFT;
    membership.leftAt = time.now();
    MembershipEvent.record(membership.id, membership.leftAt, Type.LEFT, actor, channel, reason);
    if (hadAccount) {
      // the free-text reason stays here; bonus-service's append-only ledger gets no personal data
      bonus.closeAccount(membership, Texts.leaving(channel));
    }
    em.createNativeQuery("delete from leave_request where msisdn = :msisdn")
        .setParameter("msisdn", membership.msisdn)
        .executeUpdate();
    if (smsNotice) {
      sms.send(membership.msisdn, Texts.left());
    }
    return view(membership, events(membership));
  }

  /**
   * The member leaves (rule R9). With a positive balance and no {@code confirm} nothing changes:
   * the refusal states the points that would be lost.
   */
  public MembershipView leaveAsMember(String msisdn, boolean confirm) {
    Membership membership =
        currentForUpdate(msisdn)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "membership.not-found",
                        "This number has no pending or active membership."));
    if (membership.status == MembershipStatus.ACTIVE && !confirm) {
      long balance = balanceBeforeLeaving(msisdn);
      if (balance > 0) {
        throw ProblemException.conflict(
            "membership.leave-unconfirmed",
            "Leaving forfeits the "
                + balance
                + " points on the account; they are not restored on re-joining. Repeat with"
                + " ?confirm=true to leave.");
      }
    }
    leave(membership.id, MEMBER, "API", null);
    // the member sees the membership as GET /members/me shows it: its events name support staff
    return view(membership, null);
  }

  private long balanceBeforeLeaving(String msisdn) {
    try {
      return balances.balance(msisdn).map(BonusAccounts.Balance::balance).orElse(0L);
    } catch (RuntimeException e) {
      LOG.warnf("Balance of %s unavailable: %s", Msisdn.mask(msisdn), e.toString());
      throw new ProblemException(
          503,
          "bonus.unavailable",
          "Service unavailable",
          "The points that leaving would forfeit can't be read right now; try again shortly, or"
              + " leave with ?confirm=true.");
    }
  }

  /**
   * The pending or active membership of a number, read after taking the number's lock: a concurrent
   * leave or join of the number waits, then this sees its outcome.
   */
  public Optional<Membership> currentForUpdate(String msisdn) {
    lockNumber(msisdn);
    return Membership.current(msisdn);
  }

  /** The status of the number's pending or active membership. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<MembershipStatus> currentStatus(String msisdn) {
    return Membership.currentStatus(msisdn);
  }

  /** The number's pending or active membership, as other services may see it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<MemberDtos.CurrentMembership> current(String msisdn) {
    return Membership.current(msisdn)
        .map(m -> new MemberDtos.CurrentMembership(m.msisdn, m.id, m.status.name()));
  }

  /**
   * Active members with numbers after {@code after}, in number order: other services walk the whole
   * membership a page at a time (keyset, so a page costs the same wherever it starts).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public MemberDtos.MemberPage active(String after, int limit) {
    List<MemberDtos.CurrentMembership> items =
        Membership.<Membership>find(
                "status = ?1 and msisdn > ?2 order by msisdn",
                MembershipStatus.ACTIVE,
                after == null ? "" : after)
            .range(0, limit - 1)
            .stream()
            .map(m -> new MemberDtos.CurrentMembership(m.msisdn, m.id, m.status.name()))
            .toList();
    String next = items.size() < limit ? null : items.get(items.size() - 1).msisdn();
    return new MemberDtos.MemberPage(items, next);
  }

  /** The member's newest membership, whatever its status. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public MembershipView mine(String msisdn) {
    return Membership.latest(msisdn)
        .map(m -> view(m, null))
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "membership.not-found", "This number has never applied to the programme."));
  }

  /** Every membership of a number with its history, newest first (support's search). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<MembershipView> search(String msisdn) {
    return Membership.history(msisdn).stream().map(m -> view(m, events(m))).toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public MembershipView details(UUID membershipId) {
    Membership membership =
        Optional.ofNullable(Membership.<Membership>findById(membershipId))
            .orElseThrow(() -> notFound(membershipId));
    return view(membership, events(membership));
  }

  /** Pending web applications, oldest first: the review queue. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<MembershipView> pendingApplications(int limit) {
    return Membership.<Membership>find(
            "status = ?1 order by appliedAt", MembershipStatus.PENDING_REVIEW)
        .page(0, limit)
        .list()
        .stream()
        .map(m -> view(m, null))
        .toList();
  }

  /**
   * Activation: opens the bonus account and queues the credits that are due (rules R2, R3, R6).
   * Runs once per membership: callers move it out of PENDING_REVIEW under the row lock, and the
   * referral table admits one credit per friend.
   */
  private void activate(Membership membership, Type type, String actor, String channel) {
    Instant now = time.now();
    membership.status = MembershipStatus.ACTIVE;
    membership.activatedAt = now;
    MembershipEvent.record(membership.id, now, type, actor, channel, null);
    bonus.openAccount(membership, time.dateOf(now));
    if (membership.channel == Channel.WEB) {
      // rule R2: the welcome points are for the web form only
      bonus.credit(
          membership,
          config.welcomePoints(),
          "WELCOME",
          "membership:" + membership.id + ":welcome",
          Texts.welcomeCredit());
    }
    creditEmailPointsIfDue(membership);
    creditReferral(membership, now);
  }

  /** Rule R3: once per membership, as soon as the address is confirmed and the account is open. */
  void creditEmailPointsIfDue(Membership membership) {
    if (membership.status != MembershipStatus.ACTIVE
        || membership.emailConfirmedAt == null
        || membership.emailPointsCredited) {
      return;
    }
    membership.emailPointsCredited = true;
    bonus.credit(
        membership,
        config.emailPoints(),
        "EMAIL",
        "membership:" + membership.id + ":email",
        Texts.emailCredit());
  }

  /**
   * Rule R6: the inviter, an active member other than the friend, earns once per friend. The
   * inviter is the referrer named on the web form or, without one, the sender of the newest
   * invitation that was valid when the friend applied (how friends who join by USSD or SMS count).
   */
  private void creditReferral(Membership friend, Instant now) {
    if (friend.referrerMsisdn != null) {
      creditReferral(friend, friend.referrerMsisdn, null, now);
      return;
    }
    Invitation.countingFor(friend.msisdn, friend.appliedAt)
        .ifPresent(
            invitation -> {
              invitation.friendMembershipId = friend.id;
              invitation.bonusEarned =
                  creditReferral(
                      friend, invitation.inviterMsisdn, invitation.inviterMembershipId, now);
            });
  }

  /**
   * Credits {@code inviterMsisdn} for {@code friend} if due; false when not, recorded with the
   * reason. {@code invitedIn}: the inviter's membership that sent the invitation, which must still
   * be the active one (an invitation ends with the membership that sent it, rule R9).
   */
  private boolean creditReferral(
      Membership friend, String inviterMsisdn, UUID invitedIn, Instant now) {
    Optional<Membership> inviter =
        Membership.current(inviterMsisdn).filter(m -> m.status == MembershipStatus.ACTIVE);
    if (inviter.isEmpty()) {
      referralNotCredited(
          friend, now, "inviter " + Msisdn.mask(inviterMsisdn) + " is not an active member");
      return false;
    }
    if (invitedIn != null && !invitedIn.equals(inviter.get().id)) {
      referralNotCredited(
          friend,
          now,
          "inviter "
              + Msisdn.mask(inviterMsisdn)
              + " invited in an earlier membership, which has ended");
      return false;
    }
    int inserted =
        em.createNativeQuery(
                "insert into referral (friend_msisdn, inviter_msisdn, membership_id, credited_at)"
                    + " values (:friend, :inviter, :membership, :now)"
                    + " on conflict (friend_msisdn) do nothing")
            .setParameter("friend", friend.msisdn)
            .setParameter("inviter", inviterMsisdn)
            .setParameter("membership", friend.id)
            .setParameter("now", now)
            .executeUpdate();
    if (inserted == 0) {
      referralNotCredited(friend, now, "this number already earned a referral bonus before");
      return false;
    }
    bonus.credit(
        inviter.get(),
        config.referralPoints(),
        "REFERRAL",
        "referral:" + friend.msisdn,
        Texts.referralCredit());
    MembershipEvent.record(
        friend.id,
        now,
        Type.REFERRAL_CREDITED,
        "system",
        null,
        config.referralPoints()
            + " points to "
            + Msisdn.mask(inviterMsisdn)
            + (invitedIn == null ? "" : " (invitation)"));
    return true;
  }

  private static void referralNotCredited(Membership friend, Instant now, String why) {
    MembershipEvent.record(friend.id, now, Type.REFERRAL_NOT_CREDITED, "system", null, why);
  }

  private Membership create(String msisdn, Channel channel, MembershipStatus status) {
    Membership membership = new Membership();
    membership.id = UUID.randomUUID();
    membership.msisdn = msisdn;
    membership.channel = channel;
    membership.status = status;
    membership.appliedAt = time.now();
    membership.persist();
    return membership;
  }

  private Membership pending(UUID membershipId) {
    Membership membership =
        Membership.byIdForUpdate(membershipId).orElseThrow(() -> notFound(membershipId));
    if (membership.status != MembershipStatus.PENDING_REVIEW) {
      throw ProblemException.conflict(
          "membership.not-pending",
          "Membership " + membershipId + " is " + membership.status + ", not PENDING_REVIEW.");
    }
    return membership;
  }

  /** Serialises membership changes of one number, so checks and inserts are atomic. */
  private void lockNumber(String msisdn) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:msisdn, 2))")
        .setParameter("msisdn", msisdn)
        .getSingleResult();
  }

  private static void refuseSecond(Membership current) {
    throw ProblemException.conflict(
        "membership.exists",
        current.status == MembershipStatus.ACTIVE
            ? "This number is already an active member."
            : "This number already has an application under review.");
  }

  private static ProblemException notFound(UUID membershipId) {
    return ProblemException.notFound("membership.not-found", "No membership " + membershipId + ".");
  }

  private static List<EventView> events(Membership membership) {
    return MembershipEvent.of(membership.id).stream()
        .map(e -> new EventView(e.at, e.type, e.actor, e.channel, e.detail))
        .toList();
  }

  static MembershipView view(Membership m, List<EventView> events) {
    return new MembershipView(
        m.id,
        m.msisdn,
        m.status.name(),
        m.channel.name(),
        m.name,
        m.birthDate,
        m.email,
        m.emailConfirmedAt != null,
        m.referrerMsisdn,
        m.appliedAt,
        m.activatedAt,
        m.rejectedAt,
        m.rejectionReason,
        m.leftAt,
        events);
  }
}
