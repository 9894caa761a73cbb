package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** Row-locks job work with {@code SKIP LOCKED}, so replicas running the same job share it. */
@ApplicationScoped
public class Claims {

  /** Accounts per batch (and per transaction). */
  public static final int BATCH = 200;

  private final EntityManager em;

  public Claims(EntityManager em) {
    this.em = em;
  }

  /**
   * Walks the account ids that {@code sql} selects (ordered by id, with {@code :after} and {@code
   * :limit} parameters) in batches; each batch runs {@code work} in its own transaction on the
   * accounts it could lock. {@code SKIP LOCKED} lets replicas running the same job share the work;
   * an account skipped because someone held it (another replica, or an ordinary accrual) is done at
   * the end with a waiting lock, so no account is left out. {@code work} re-checks under the lock
   * whether the account still needs it.
   *
   * <p>A batch's changes go to the database when it commits, in JDBC batches. Work on one account
   * reads only that account's rows, so it never needs another account's changes flushed first; in
   * Hibernate's default mode each account's first query flushed the batch so far, dirty-checking
   * every entity in the session once per account.
   *
   * @return the sum of what {@code work} returned
   */
  public long forEachBatch(
      String sql, Map<String, Object> params, ToLongFunction<List<Account>> work) {
    long total = 0;
    long after = 0;
    List<Long> skipped = new ArrayList<>();
    List<Long> ids;
    do {
      ids = ids(sql, params, after);
      List<Long> batch = ids;
      total +=
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    em.setFlushMode(FlushModeType.COMMIT);
                    List<Account> locked = lock(batch, " for update skip locked");
                    Set<Long> got = locked.stream().map(a -> a.id).collect(Collectors.toSet());
                    batch.stream().filter(id -> !got.contains(id)).forEach(skipped::add);
                    return work.applyAsLong(locked);
                  });
      after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
    } while (ids.size() == BATCH);
    for (int i = 0; i < skipped.size(); i += BATCH) {
      List<Long> batch = skipped.subList(i, Math.min(skipped.size(), i + BATCH));
      total +=
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    em.setFlushMode(FlushModeType.COMMIT);
                    return work.applyAsLong(lock(batch, " for update"));
                  });
    }
    return total;
  }

  /** Locks the open accounts among {@code ids}, in id order. */
  private List<Account> lock(List<Long> ids, String mode) {
    if (ids.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Account> locked =
        em.createNativeQuery(
                "select * from account where id in (:ids) and status = 'OPEN' order by id" + mode,
                Account.class)
            .setParameter("ids", ids)
            .getResultList();
    return locked;
  }

  private List<Long> ids(String sql, Map<String, Object> params, long after) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var query =
                  em.createNativeQuery(sql)
                      .setParameter("after", after)
                      .setParameter("limit", BATCH);
              params.forEach(query::setParameter);
              @SuppressWarnings("unchecked")
              List<Number> rows = query.getResultList();
              return rows.stream().map(Number::longValue).toList();
            });
  }
}
