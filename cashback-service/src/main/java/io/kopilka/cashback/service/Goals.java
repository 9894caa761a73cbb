package io.kopilka.cashback.service;

import io.kopilka.cashback.client.BonusLedger;
import io.kopilka.cashback.config.CashbackConfig;
import io.kopilka.cashback.domain.SavingsGoal;
import io.kopilka.cashback.rest.GoalDtos.BillGoal;
import io.kopilka.cashback.rest.GoalDtos.BillPaymentView;
import io.kopilka.cashback.rest.GoalDtos.MyGoals;
import io.kopilka.cashback.rest.GoalDtos.NewGoal;
import io.kopilka.cashback.rest.GoalDtos.SavingsGoalView;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.outbox.MemberSms;
import io.kopilka.common.persistence.SqlValues;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Rule C7: a member's goals and the message when one is reached. */
@ApplicationScoped
public class Goals {

  private static final Logger LOG = Logger.getLogger(Goals.class);
  static final String PHONE_BILL = "Оплата услуг связи";

  private final EntityManager em;
  private final BonusLedger bonus;
  private final MemberSms sms;
  private final CashbackConfig config;
  private final ProgrammeTime time;

  public Goals(
      EntityManager em,
      BonusLedger bonus,
      MemberSms sms,
      CashbackConfig config,
      ProgrammeTime time) {
    this.em = em;
    this.bonus = bonus;
    this.sms = sms;
    this.config = config;
    this.time = time;
  }

  /** The default goal and the member's own, with progress at the balance now (when readable). */
  public MyGoals mine(String msisdn) {
    OptionalLong balance = balanceOrEmpty(msisdn);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<SavingsGoalView> savings =
                  SavingsGoal.<SavingsGoal>list("msisdn = ?1 order by createdAt", msisdn).stream()
                      .map(goal -> view(goal, balance))
                      .toList();
              return new MyGoals(
                  balance.isPresent() ? balance.getAsLong() : null,
                  new BillGoal(
                      PHONE_BILL,
                      "On the 1st of each month the phone bill is paid from points first",
                      lastPayment(msisdn)),
                  savings);
            });
  }

  @Transactional
  public SavingsGoalView add(String msisdn, NewGoal request) {
    // one member's additions queue on this lock, so the cap holds under concurrency
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .setParameter("key", "savings-goal:" + msisdn)
        .getSingleResult();
    if (SavingsGoal.count("msisdn", msisdn) >= config.maxSavingsGoals()) {
      throw ProblemException.unprocessable(
          "goal.too-many",
          "A member may have at most " + config.maxSavingsGoals() + " goals; remove one first.");
    }
    SavingsGoal goal = new SavingsGoal();
    goal.id = UUID.randomUUID();
    goal.msisdn = msisdn;
    goal.name = request.name().strip();
    goal.targetPoints = request.targetPoints();
    goal.createdAt = time.now();
    goal.persist();
    return view(goal, OptionalLong.empty());
  }

  @Transactional
  public void remove(String msisdn, UUID goalId) {
    if (SavingsGoal.delete("id = ?1 and msisdn = ?2", goalId, msisdn) == 0) {
      throw ProblemException.notFound("goal.not-found", "No goal " + goalId + " of yours.");
    }
  }

  /** A page of the goal check: where to go on from (null at the end) and goals reached. */
  public record Checked(String next, int reached) {}

  /**
   * Checks the unreached goals of up to {@code limit} members with numbers after {@code after}.
   * Each reached goal is marked and its SMS queued in one transaction, so it is told once.
   */
  public Checked checkReached(String after, int limit) {
    List<String> numbers =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createQuery(
                            "select distinct g.msisdn from SavingsGoal g"
                                + " where g.reachedAt is null and g.msisdn > :after"
                                + " order by g.msisdn",
                            String.class)
                        .setParameter("after", after == null ? "" : after)
                        .setMaxResults(limit)
                        .getResultList());
    int reached = 0;
    for (String msisdn : numbers) {
      OptionalLong balance = balanceOrEmpty(msisdn);
      if (balance.isPresent()) {
        reached +=
            QuarkusTransaction.requiringNew().call(() -> markReached(msisdn, balance.getAsLong()));
      }
    }
    return new Checked(numbers.size() < limit ? null : numbers.get(numbers.size() - 1), reached);
  }

  private int markReached(String msisdn, long balance) {
    List<SavingsGoal> reached =
        em.createQuery(
                "from SavingsGoal g where g.msisdn = :msisdn and g.reachedAt is null"
                    + " and g.targetPoints <= :balance",
                SavingsGoal.class)
            .setParameter("msisdn", msisdn)
            .setParameter("balance", balance)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
            .getResultList();
    Instant now = time.now();
    for (SavingsGoal goal : reached) {
      goal.reachedAt = now;
      sms.send(msisdn, Texts.goalReached(goal.name, balance));
    }
    return reached.size();
  }

  private OptionalLong balanceOrEmpty(String msisdn) {
    try {
      return bonus.balance(msisdn);
    } catch (RuntimeException e) {
      LOG.warnf("Balance of %s unavailable: %s", Msisdn.mask(msisdn), e.toString());
      return OptionalLong.empty();
    }
  }

  private BillPaymentView lastPayment(String msisdn) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select month, status, bill_kopecks, paid_points, decided_at from bill_payment"
                    + " where msisdn = :msisdn order by month desc limit 1")
            .setParameter("msisdn", msisdn)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] row = rows.get(0);
    return new BillPaymentView(
        (String) row[0],
        (String) row[1],
        row[2] == null ? null : ((Number) row[2]).longValue(),
        row[3] == null ? null : ((Number) row[3]).longValue(),
        SqlValues.instant(row[4]));
  }

  private static SavingsGoalView view(SavingsGoal goal, OptionalLong balance) {
    Long progress = balance.isPresent() ? Math.min(balance.getAsLong(), goal.targetPoints) : null;
    return new SavingsGoalView(
        goal.id,
        goal.name,
        goal.targetPoints,
        progress,
        goal.reachedAt != null || (progress != null && progress >= goal.targetPoints),
        goal.createdAt,
        goal.reachedAt);
  }
}
