package io.kopilka.bonus.service;

import io.kopilka.bonus.config.BonusConfig;
import io.kopilka.bonus.domain.AccrualRule;
import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.bonus.domain.TenureMultiplier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The accrual rule table (A1-A4) and tenure multipliers (R8), cached for {@code
 * kopilka.bonus.rules-cache-ttl} so an accrual does not read them every time.
 */
@ApplicationScoped
public class RuleBook {

  /** The rules as read at one moment: an accrual applies one such set to all its events. */
  public static final class Rules {
    private final Map<SpendKind, Integer> kopecksPerPoint;
    private final NavigableMap<Integer, Integer> percentByYears;

    private Rules(
        Map<SpendKind, Integer> kopecksPerPoint, NavigableMap<Integer, Integer> percentByYears) {
      this.kopecksPerPoint = kopecksPerPoint;
      this.percentByYears = percentByYears;
    }

    /** Kopecks of spend that make one point for {@code kind}. */
    public int kopecksPerPoint(SpendKind kind) {
      return kopecksPerPoint.get(kind);
    }

    /** Tenure multiplier in percent for a member who joined on {@code joinedOn}, on {@code day}. */
    public int tenurePercent(LocalDate joinedOn, LocalDate day) {
      int years = joinedOn.isAfter(day) ? 0 : Period.between(joinedOn, day).getYears();
      Map.Entry<Integer, Integer> entry = percentByYears.floorEntry(years);
      return entry == null ? 100 : entry.getValue();
    }
  }

  private record Snapshot(Rules rules, long loadedAtNanos) {}

  private final BonusConfig config;
  private volatile Snapshot snapshot;

  public RuleBook(BonusConfig config) {
    this.config = config;
  }

  /** Forgets the cached rules of this replica (after an admin change). */
  public void invalidate() {
    snapshot = null;
  }

  /**
   * The current rules, read from the database when the cached ones are older than the TTL: take
   * them before opening a transaction of your own, since reading them needs a connection.
   */
  public Rules current() {
    Snapshot s = snapshot;
    long now = System.nanoTime();
    if (s == null || now - s.loadedAtNanos() > config.rulesCacheTtl().toNanos()) {
      s = new Snapshot(load(), now);
      snapshot = s;
    }
    return s.rules();
  }

  private static Rules load() {
    Map<SpendKind, Integer> rates = new EnumMap<>(SpendKind.class);
    List<AccrualRule> rules = AccrualRule.listAll();
    rules.forEach(r -> rates.put(r.kind, r.kopecksPerPoint));
    NavigableMap<Integer, Integer> percents = new TreeMap<>();
    List<TenureMultiplier> multipliers = TenureMultiplier.listAll();
    multipliers.forEach(m -> percents.put(m.minYears, m.percent));
    return new Rules(rates, percents);
  }
}
