package io.kopilka.gifting.service;

import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.security.Digests;
import io.kopilka.common.time.ProgrammeTime;
import io.kopilka.gifting.config.GiftingConfig;
import io.kopilka.gifting.domain.Gift;
import io.kopilka.gifting.domain.GiftStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The gift's persisted steps, each one short transaction. */
@ApplicationScoped
public class GiftStore {

  private final EntityManager em;
  private final Limits limits;
  private final MemberSms sms;
  private final GiftingConfig config;
  private final ProgrammeTime time;
  private final SecureRandom random = new SecureRandom();

  public GiftStore(
      EntityManager em, Limits limits, MemberSms sms, GiftingConfig config, ProgrammeTime time) {
    this.em = em;
    this.limits = limits;
    this.sms = sms;
    this.config = config;
    this.time = time;
  }

  /**
   * What a confirmation came to: the gift, the problem to answer with if any, and whether this
   * confirmation booked it (and so moves its points).
   */
  public record Verdict(Gift gift, Problem problem, boolean confirmedNow) {
    Verdict(Gift gift, Problem problem) {
      this(gift, problem, false);
    }
  }

  /**
   * Creates the gift and sends the sender its code, in the caller's transaction (the one that keeps
   * the request's idempotency record).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Gift create(String sender, String recipient, long points) {
    String code = String.format("%06d", random.nextInt(1_000_000));
    Instant now = time.now();
    Gift gift = new Gift();
    gift.id = UUID.randomUUID();
    gift.senderMsisdn = sender;
    gift.recipientMsisdn = recipient;
    gift.points = points;
    gift.status = GiftStatus.AWAITING_CONFIRMATION;
    gift.codeHash = hash(gift.id, code);
    gift.codeExpiresAt = now.plus(config.codeTtl());
    gift.createdAt = now;
    gift.updatedAt = now;
    gift.persist();
    sms.send(sender, Texts.code(code, points, recipient));
    return gift;
  }

  /**
   * Checks the code of the sender's gift and, if it is right, books the gift within the limits
   * (G2-G4). The gift's row is locked first, then the sender's: concurrent confirmations of the
   * sender's gifts book one after the other, each seeing the others' bookings. Wrong codes, expiry
   * and refusals are written and returned rather than thrown, so they stay written.
   */
  @Transactional
  public Verdict confirm(String sender, UUID giftId, String code) {
    Gift gift = em.find(Gift.class, giftId, LockModeType.PESSIMISTIC_WRITE);
    if (gift == null || !gift.senderMsisdn.equals(sender)) {
      throw ProblemException.notFound("gift.not-found", "You have no gift " + giftId + ".");
    }
    boolean right = Digests.sameDigest(gift.codeHash, hash(gift.id, code));
    Instant now = time.now();
    switch (gift.status) {
      case CONFIRMED, COMPLETED -> {
        if (right) {
          return new Verdict(gift, null); // a repeated confirmation: the gift as it is
        }
        throw ProblemException.conflict(
            "gift.already-confirmed", "Gift " + giftId + " is confirmed.");
      }
      case EXPIRED -> throw new ProblemException(gone("gift.expired", Texts.expired()));
      case VOIDED -> throw new ProblemException(gone("gift.voided", Texts.voided()));
      case FAILED ->
          throw ProblemException.conflict(
              "gift.failed", "Gift " + giftId + " failed: " + gift.failureDetail);
      default -> {
        // awaiting confirmation
      }
    }
    if (!now.isBefore(gift.codeExpiresAt)) {
      set(gift, GiftStatus.EXPIRED, now);
      return new Verdict(gift, gone("gift.expired", Texts.expired()));
    }
    if (!right) {
      gift.wrongCodes++;
      if (gift.wrongCodes >= config.maxWrongCodes()) {
        set(gift, GiftStatus.VOIDED, now);
        return new Verdict(gift, gone("gift.voided", Texts.voided()));
      }
      gift.updatedAt = now;
      return new Verdict(
          gift,
          Problem.of(
              422,
              "gift.code-wrong",
              "Wrong code",
              Texts.wrongCode(config.maxWrongCodes() - gift.wrongCodes)));
    }
    lockSender(sender);
    LocalDate today = time.dateOf(now);
    Optional<Problem> breach = limits.breach(sender, gift.recipientMsisdn, gift.points, today);
    if (breach.isPresent()) {
      gift.failureCode = breach.get().code();
      gift.failureDetail = breach.get().detail();
      set(gift, GiftStatus.FAILED, now);
      return new Verdict(gift, breach.get());
    }
    gift.bookedOn = today;
    gift.confirmedAt = now;
    set(gift, GiftStatus.CONFIRMED, now);
    return new Verdict(gift, null, true);
  }

  /** The points moved: the gift is done and the recipient told who gifted how many. */
  @Transactional
  public Optional<Gift> completed(UUID giftId) {
    return moveConfirmed(giftId, GiftStatus.COMPLETED, null, null)
        .map(
            gift -> {
              sms.send(gift.recipientMsisdn, Texts.received(gift.points, gift.senderMsisdn));
              return gift;
            });
  }

  /** bonus-service refused the transfer: nothing moved, and the allowance is free again. */
  @Transactional
  public Optional<Gift> failed(UUID giftId, String code, String detail) {
    return moveConfirmed(giftId, GiftStatus.FAILED, code, detail);
  }

  /** The sender's gifts awaiting confirmation whose code is still valid. */
  @Transactional
  public long awaiting(String sender) {
    return Gift.count(
        "senderMsisdn = ?1 and status = ?2 and codeExpiresAt > ?3",
        sender,
        GiftStatus.AWAITING_CONFIRMATION,
        time.now());
  }

  @Transactional
  public Optional<Gift> find(UUID giftId) {
    return Optional.ofNullable(Gift.findById(giftId));
  }

  /** Expires the gifts whose code ran out by {@code asOf}, a batch at a time. */
  @Transactional
  public int expire(Instant asOf, int limit) {
    return em.createNativeQuery(
            "update gift set status = 'EXPIRED', updated_at = :now where id in (select id from gift"
                + " where status = 'AWAITING_CONFIRMATION' and code_expires_at <= :asOf"
                + " limit :limit for update skip locked)")
        .setParameter("now", time.now())
        .setParameter("asOf", asOf)
        .setParameter("limit", limit)
        .executeUpdate();
  }

  /** Leases confirmed gifts whose transfer stopped before {@code cutoff} to the caller. */
  @Transactional
  public List<UUID> claimStalled(Instant cutoff, int limit) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "update gift set updated_at = :now where id in (select id from gift"
                    + " where status = 'CONFIRMED' and updated_at < :cutoff order by updated_at"
                    + " limit :limit for update skip locked) returning id",
                UUID.class)
            .setParameter("now", time.now())
            .setParameter("cutoff", cutoff)
            .setParameter("limit", limit)
            .getResultList();
    return ids;
  }

  private Optional<Gift> moveConfirmed(UUID giftId, GiftStatus to, String code, String detail) {
    Gift gift = em.find(Gift.class, giftId, LockModeType.PESSIMISTIC_WRITE);
    if (gift == null || gift.status != GiftStatus.CONFIRMED) {
      return Optional.empty();
    }
    Instant now = time.now();
    if (to == GiftStatus.COMPLETED) {
      gift.completedAt = now;
    }
    gift.failureCode = code;
    gift.failureDetail =
        detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    set(gift, to, now);
    return Optional.of(gift);
  }

  private void lockSender(String sender) {
    em.createNativeQuery("insert into gift_sender (msisdn) values (:s) on conflict do nothing")
        .setParameter("s", sender)
        .executeUpdate();
    em.createNativeQuery("select msisdn from gift_sender where msisdn = :s for update")
        .setParameter("s", sender)
        .getSingleResult();
  }

  private static void set(Gift gift, GiftStatus status, Instant now) {
    gift.status = status;
    gift.updatedAt = now;
  }

  private static Problem gone(String code, String detail) {
    return Problem.of(409, code, "Gift no longer open", detail);
  }

  private static String hash(UUID giftId, String code) {
    return Digests.sha256Hex(giftId + ":" + code);
  }
}
