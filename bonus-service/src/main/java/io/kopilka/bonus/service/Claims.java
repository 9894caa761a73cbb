package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Row-locks job work with {@code SKIP LOCKED}, so replicas running the same job share it. */
@ApplicationScoped
public class Claims {

  /** Accounts per batch (and per transaction). */
  public static final int BATCH = 200;

  private final EntityManager em;

  public Claims(EntityManager em) {
    this.em = em;
  }

  /** Locks those of {@code ids} no other transaction holds; returns them in id order. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Account> accounts(List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Number> locked =
        em.createNativeQuery(
                "select id from account where id in (:ids) and status = 'OPEN' order by id"
                    + " for update skip locked")
            .setParameter("ids", ids)
            .getResultList();
    return locked.stream().map(id -> Account.<Account>findById(id.longValue())).toList();
  }

  /**
   * Walks the account ids that {@code sql} selects (ordered by id, with {@code :after} and {@code
   * :limit} parameters) in batches; each batch runs {@code work} in its own transaction on the
   * accounts it could lock.
   *
   * @return the sum of what {@code work} returned
   */
  public long forEachBatch(
      String sql, Map<String, Object> params, ToLongFunction<List<Account>> work) {
    long total = 0;
    long after = 0;
    List<Long> ids;
    do {
      ids = ids(sql, params, after);
      List<Long> batch = ids;
      total += QuarkusTransaction.requiringNew().call(() -> work.applyAsLong(accounts(batch)));
      after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
    } while (ids.size() == BATCH);
    return total;
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
