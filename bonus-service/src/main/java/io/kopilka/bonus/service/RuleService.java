package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.AccrualRule;
import io.kopilka.bonus.domain.RuleChange;
import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.bonus.domain.TenureMultiplier;
import io.kopilka.bonus.rest.RuleDtos.AccrualRuleView;
import io.kopilka.bonus.rest.RuleDtos.RuleChangeView;
import io.kopilka.bonus.rest.RuleDtos.Rules;
import io.kopilka.bonus.rest.RuleDtos.TenureView;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Admins read and change accrual rates (A1-A4) and tenure multipliers (R8); every change is
 * audited.
 */
@ApplicationScoped
@Transactional
public class RuleService {

  private final RuleBook book;
  private final ProgrammeTime time;

  public RuleService(RuleBook book, ProgrammeTime time) {
    this.book = book;
    this.time = time;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Rules rules() {
    List<AccrualRule> rates = AccrualRule.listAll(Sort.by("kind"));
    List<TenureMultiplier> tenure = TenureMultiplier.listAll(Sort.by("minYears"));
    return new Rules(
        rates.stream()
            .map(
                r ->
                    new AccrualRuleView(r.kind.name(), r.kopecksPerPoint, r.updatedAt, r.updatedBy))
            .toList(),
        tenure.stream()
            .map(t -> new TenureView(t.minYears, t.percent, t.updatedAt, t.updatedBy))
            .toList());
  }

  public AccrualRuleView setRate(SpendKind kind, int kopecksPerPoint, String admin) {
    AccrualRule rule = AccrualRule.findById(kind, LockModeType.PESSIMISTIC_WRITE);
    Instant now = time.now();
    audit(
        admin,
        "rate." + kind,
        String.valueOf(rule.kopecksPerPoint),
        String.valueOf(kopecksPerPoint),
        now);
    rule.kopecksPerPoint = kopecksPerPoint;
    rule.updatedAt = now;
    rule.updatedBy = admin;
    book.invalidate();
    return new AccrualRuleView(kind.name(), kopecksPerPoint, now, admin);
  }

  /** Sets the multiplier from {@code minYears} of membership on; adds the step if it is new. */
  public TenureView setTenure(int minYears, int percent, String admin) {
    TenureMultiplier step = TenureMultiplier.findById(minYears, LockModeType.PESSIMISTIC_WRITE);
    Instant now = time.now();
    if (step == null) {
      if (minYears != 0 && TenureMultiplier.count() == 0) {
        throw ProblemException.unprocessable(
            "rules.tenure-needs-base", "The first tenure step must start at 0 years.");
      }
      step = new TenureMultiplier();
      step.minYears = minYears;
      audit(admin, "tenure." + minYears, null, String.valueOf(percent), now);
    } else {
      audit(
          admin, "tenure." + minYears, String.valueOf(step.percent), String.valueOf(percent), now);
    }
    step.percent = percent;
    step.updatedAt = now;
    step.updatedBy = admin;
    step.persist();
    book.invalidate();
    return new TenureView(minYears, percent, now, admin);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<RuleChangeView> changes(int limit) {
    List<RuleChange> changes = RuleChange.findAll(Sort.descending("id")).page(0, limit).list();
    return changes.stream()
        .map(
            c -> new RuleChangeView(c.id, c.changedAt, c.changedBy, c.rule, c.oldValue, c.newValue))
        .toList();
  }

  private static void audit(
      String admin, String rule, String oldValue, String newValue, Instant at) {
    RuleChange change = new RuleChange();
    change.changedAt = at;
    change.changedBy = admin;
    change.rule = rule;
    change.oldValue = oldValue;
    change.newValue = newValue;
    change.persist();
  }
}
