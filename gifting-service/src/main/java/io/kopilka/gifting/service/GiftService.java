package io.kopilka.gifting.service;

import io.kopilka.common.client.Answer;
import io.kopilka.common.client.Refusal;
import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.kopilka.gifting.client.BonusLedger;
import io.kopilka.gifting.client.Members;
import io.kopilka.gifting.config.GiftingConfig;
import io.kopilka.gifting.domain.Gift;
import io.kopilka.gifting.domain.GiftStatus;
import io.kopilka.gifting.rest.GiftDtos.FailureView;
import io.kopilka.gifting.rest.GiftDtos.GiftView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Rule G1: a member gifts points to another member and confirms with a code sent by SMS; the points
 * move in one bonus-service transfer keyed by the gift, so a gift ends either completed with the
 * points moved or failed with them untouched, never half.
 */
@ApplicationScoped
public class GiftService {

  private static final Logger LOG = Logger.getLogger(GiftService.class);
  private static final int LISTED = 50;

  private final GiftStore store;
  private final Limits limits;
  private final Members members;
  private final BonusLedger bonus;
  private final ProgrammeTime time;
  private final GiftingConfig config;

  public GiftService(
      GiftStore store,
      Limits limits,
      Members members,
      BonusLedger bonus,
      ProgrammeTime time,
      GiftingConfig config) {
    this.config = config;
    this.store = store;
    this.limits = limits;
    this.members = members;
    this.bonus = bonus;
    this.time = time;
  }

  /**
   * Checks the gift (recipient, points, limits now) and sends the sender a code; in the caller's
   * transaction, which keeps the request's idempotency record. Every refusal writes nothing.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public GiftView create(String sender, String recipient, long points) {
    if (sender.equals(recipient)) {
      throw new ProblemException(Limits.refusal("gift.self", Texts.self()));
    }
    limits
        .breach(sender, recipient, points, time.today())
        .ifPresent(
            problem -> {
              throw new ProblemException(problem);
            });
    if (store.awaiting(sender) >= config.maxAwaitingGifts()) {
      throw new ProblemException(
          Limits.refusal(
              "gift.too-many-awaiting", Texts.tooManyAwaiting(config.maxAwaitingGifts())));
    }
    boolean member;
    OptionalLong available;
    try {
      member = members.isActive(recipient);
      available = bonus.available(sender);
    } catch (RuntimeException e) {
      LOG.warnf("Gift by %s: a service is unavailable: %s", Msisdn.mask(sender), e.toString());
      throw unavailable();
    }
    if (!member) {
      throw new ProblemException(
          Limits.refusal("gift.recipient-not-member", Texts.notMember(recipient)));
    }
    if (available.isEmpty()) {
      throw ProblemException.conflict(
          "gift.sender-not-member", "Ваш номер не участвует в программе: баллов для подарка нет.");
    }
    if (available.getAsLong() < points) {
      throw new ProblemException(
          Limits.refusal(
              "gift.insufficient-points", Texts.notEnoughPoints(available.getAsLong(), points)));
    }
    return view(store.create(sender, recipient, points), null);
  }

  /**
   * Confirms the sender's gift with its code and moves the points. Answers the gift (COMPLETED, or
   * CONFIRMED while bonus-service is slow: a job finishes the transfer) or the problem.
   */
  public GiftView confirm(String sender, UUID giftId, String code) {
    GiftStore.Verdict verdict = store.confirm(sender, giftId, code);
    if (verdict.problem() != null) {
      throw new ProblemException(verdict.problem());
    }
    Gift gift = verdict.gift();
    if (verdict.confirmedNow()) {
      // only the confirmation that booked the gift moves it; a repeat answers the gift as it is
      // and the recovery job finishes a move that got no answer
      gift = transfer(gift);
    }
    if (gift.status == GiftStatus.FAILED) {
      throw new ProblemException(
          Problem.of(statusOf(gift), gift.failureCode, "Gift refused", gift.failureDetail));
    }
    return view(gift, null);
  }

  /** Moves a confirmed gift's points; the gift as it is afterwards. */
  public Gift transfer(Gift gift) {
    String key = "gift:" + gift.id;
    Answer<Long> answer;
    try {
      answer = bonus.transfer(key, gift.senderMsisdn, gift.recipientMsisdn, gift.points, key);
    } catch (RuntimeException e) {
      LOG.warnf("Transfer of gift %s failed, retried later: %s", gift.id, e.toString());
      return gift;
    }
    if (!answer.refused()) {
      return store.completed(gift.id).orElseGet(() -> reload(gift));
    }
    Refusal refusal = answer.refusal();
    if (refusal.code().endsWith("insufficient-points")) {
      return store
          .failed(gift.id, "gift.insufficient-points", Texts.notEnoughPointsNow(gift.points))
          .orElseGet(() -> reload(gift));
    }
    if (refusal.status() == 404) {
      return store
          .failed(gift.id, "gift.no-account", Texts.noAccount())
          .orElseGet(() -> reload(gift));
    }
    // anything else (a key in flight, an expired service token, a limit of the ledger's own) may
    // pass: the recovery job asks again with the same key
    LOG.warnf("Transfer of gift %s refused, retried later: %s", gift.id, refusal);
    return gift;
  }

  /** Gifts the member sent and received (completed ones only), newest first. */
  @Transactional
  public List<GiftView> mine(String msisdn) {
    List<GiftView> all = new ArrayList<>();
    Gift.<Gift>find("senderMsisdn", Sort.descending("createdAt"), msisdn)
        .page(0, LISTED)
        .list()
        .forEach(g -> all.add(view(g, "SENT")));
    Gift.<Gift>find(
            "recipientMsisdn = ?1 and status = ?2",
            Sort.descending("createdAt"),
            msisdn,
            GiftStatus.COMPLETED)
        .page(0, LISTED)
        .list()
        .forEach(g -> all.add(view(g, "RECEIVED")));
    all.sort(Comparator.comparing(GiftView::createdAt).reversed());
    return all.size() > LISTED ? all.subList(0, LISTED) : all;
  }

  private Gift reload(Gift gift) {
    return store.find(gift.id).orElse(gift);
  }

  private static int statusOf(Gift gift) {
    return gift.failureCode.equals("gift.no-account") ? 409 : 422;
  }

  private static ProblemException unavailable() {
    return new ProblemException(
        503,
        "gift.unavailable",
        "Service unavailable",
        "Подарок сейчас нельзя проверить: сервис временно недоступен. Ничего не сделано,"
            + " попробуйте через несколько минут.");
  }

  static GiftView view(Gift g, String direction) {
    boolean received = "RECEIVED".equals(direction);
    return new GiftView(
        g.id,
        g.status.name(),
        direction,
        g.senderMsisdn,
        g.recipientMsisdn,
        g.points,
        g.createdAt,
        received ? null : g.codeExpiresAt,
        g.confirmedAt,
        g.completedAt,
        g.failureCode == null || received ? null : new FailureView(g.failureCode, g.failureDetail));
  }
}
