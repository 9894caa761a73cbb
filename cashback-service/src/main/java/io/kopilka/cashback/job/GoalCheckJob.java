package io.kopilka.cashback.job;

import io.kopilka.cashback.service.Goals;
import io.kopilka.common.jobs.Job;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Rule C7: members are told once when their balance reaches one of their goals. */
@ApplicationScoped
public class GoalCheckJob implements Job {

  static final int PAGE = 200;

  private final Goals goals;
  private final Clock clock;

  public GoalCheckJob(Goals goals, Clock clock) {
    this.goals = goals;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "goal-check";
  }

  @Scheduled(
      every = "{kopilka.jobs.goal-check.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  /** Balances are read now, whatever {@code asOf}: a balance has no past in this service. */
  @Override
  public Result run(Instant asOf) {
    long reached = 0;
    String after = null;
    do {
      Goals.Checked page = goals.checkReached(after, PAGE);
      reached += page.reached();
      after = page.next();
    } while (after != null);
    return new Result(reached, reached + " goals reached");
  }
}
