package io.kopilka.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} handling (ARCHITECTURE.md): the same key and body replay the stored first
 * response; the same key with a different body is 422; a key whose first request is still running
 * is 409; a missing key is 400. Keys are scoped to the caller and the operation.
 *
 * <p>The stored response is written in the same transaction as the business change, so a crash can
 * never leave a change without its record or a record without its change. A transaction-level
 * advisory lock on the key tells a concurrent duplicate that the first is still in flight.
 */
@ApplicationScoped
public class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final EntityManager em;
  private final ObjectMapper json;
  private final Caller caller;
  private final Clock clock;

  public Idempotency(EntityManager em, ObjectMapper json, Caller caller, Clock clock) {
    this.em = em;
    this.json = json;
    this.caller = caller;
    this.clock = clock;
  }

  /** The outcome of the first execution: HTTP status and response body. */
  public record Outcome(int status, Object body) {}

  /**
   * Runs {@code action} once per (caller, operation, key). A {@link ProblemException} from the
   * action rolls everything back, so the key may be retried.
   */
  @Transactional
  public Response execute(String operation, String key, Object request, Supplier<Outcome> action) {
    requireValid(key);
    String scope = caller.name() + ":" + operation;
    String hash = Digests.sha256Hex(write(request));
    Boolean locked =
        (Boolean)
            em.createNativeQuery("select pg_try_advisory_xact_lock(hashtextextended(:lock, 0))")
                .setParameter("lock", scope + "\n" + key)
                .getSingleResult();
    if (!Boolean.TRUE.equals(locked)) {
      throw ProblemException.conflict(
          "idempotency.in-flight",
          "A request with this Idempotency-Key is still being processed; retry shortly.");
    }
    @SuppressWarnings("unchecked")
    List<Object[]> stored =
        em.createNativeQuery(
                "select request_hash, response_status, response_body from idempotency_record"
                    + " where scope = :scope and idem_key = :key")
            .setParameter("scope", scope)
            .setParameter("key", key)
            .getResultList();
    if (!stored.isEmpty()) {
      Object[] row = stored.get(0);
      if (!hash.equals(row[0])) {
        throw ProblemException.unprocessable(
            "idempotency.key-reused",
            "This Idempotency-Key was already used with a different request body.");
      }
      return Response.status((Integer) row[1])
          .type(MediaType.APPLICATION_JSON)
          .header(REPLAYED_HEADER, "true")
          .entity(row[2])
          .build();
    }
    Outcome outcome = action.get();
    String body = write(outcome.body());
    em.createNativeQuery(
            "insert into idempotency_record"
                + " (scope, idem_key, request_hash, response_status, response_body, created_at)"
                + " values (:scope, :key, :hash, :status, :body, :now)")
        .setParameter("scope", scope)
        .setParameter("key", key)
        .setParameter("hash", hash)
        .setParameter("status", outcome.status())
        .setParameter("body", body)
        .setParameter("now", clock.instant())
        .executeUpdate();
    return Response.status(outcome.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  /** Refuses a missing or malformed key (400) before anything else is done. */
  public static void requireValid(String key) {
    if (key == null || key.isBlank()) {
      throw ProblemException.badRequest(
          "idempotency.key-missing",
          "This operation needs an Idempotency-Key header (a unique value per operation, such as"
              + " a UUID).");
    }
    if (!KEY.matcher(key).matches()) {
      throw ProblemException.badRequest(
          "idempotency.key-invalid",
          "The Idempotency-Key must be 1-255 printable ASCII characters without spaces.");
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise " + value.getClass().getName(), e);
    }
  }
}
