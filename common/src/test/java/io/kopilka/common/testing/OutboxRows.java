package io.kopilka.common.testing;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.util.List;

/** What a service under test queued in its outbox, read straight from the table. */
public final class OutboxRows {

  /** One queued call: where to and with what JSON body. */
  public record Row(String destination, String path, String payload) {}

  private OutboxRows() {}

  /** Messages to {@code destination} whose body contains {@code text}, oldest first. */
  public static List<Row> to(String destination, String text) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              EntityManager em = Arc.container().instance(EntityManager.class).get();
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select destination, path, payload from outbox_message"
                              + " where destination = :destination and strpos(payload, :text) > 0"
                              + " order by created_at, ctid")
                      .setParameter("destination", destination)
                      .setParameter("text", text)
                      .getResultList();
              return rows.stream()
                  .map(r -> new Row((String) r[0], (String) r[1], (String) r[2]))
                  .toList();
            });
  }
}
