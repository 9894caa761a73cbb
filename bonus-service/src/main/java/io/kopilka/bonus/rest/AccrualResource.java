package io.kopilka.bonus.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.bonus.rest.AccrualDtos.Batch;
import io.kopilka.bonus.rest.AccrualDtos.BatchResult;
import io.kopilka.bonus.rest.AccrualDtos.Refund;
import io.kopilka.bonus.rest.AccrualDtos.Result;
import io.kopilka.bonus.rest.AccrualDtos.SpendEvent;
import io.kopilka.bonus.service.AccrualService;
import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.error.ProblemMappers;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spend events from billing, shops, taxi and card (A1-A9). */
@Path("/api/v1/accruals")
@Tag(name = "Accruals")
@RolesAllowed(Roles.BILLING)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccrualResource {

  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private final AccrualService accruals;
  private final Idempotency idempotency;
  private final Validator validator;
  private final ObjectMapper json;
  private final Clock clock;

  public AccrualResource(
      AccrualService accruals,
      Idempotency idempotency,
      Validator validator,
      ObjectMapper json,
      Clock clock) {
    this.accruals = accruals;
    this.idempotency = idempotency;
    this.validator = validator;
    this.json = json;
    this.clock = clock;
  }

  @POST
  @Operation(
      summary = "Accrue points for one spend event",
      description =
          "The same eventId accrues once (A9): a redelivery returns the first result. A number that is"
              + " not a member is acknowledged with status NOT_MEMBER and 0 points.")
  @APIResponse(responseCode = "200", description = "Accrued, acknowledged or replayed")
  @APIResponse(responseCode = "400", description = "Invalid event")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a billing token")
  @APIResponse(responseCode = "409", description = "The same event is being accrued right now")
  @APIResponse(responseCode = "422", description = "The eventId was used for a different event")
  public Result accrue(@NotNull @Valid SpendEvent event) {
    String wrongTime = occurredAtProblem(event);
    if (wrongTime != null) {
      throw ProblemException.invalid("occurredAt", wrongTime);
    }
    return accruals.accrue(event);
  }

  @POST
  @Path("/batch")
  @Operation(
      summary = "Accrue up to 1,000 events at once",
      description =
          "Results come per event, in request order; an invalid event is REJECTED with its violations"
              + " and the others are accrued.")
  @APIResponse(responseCode = "200", description = "Per-event results")
  @APIResponse(responseCode = "400", description = "No events, more than 1,000, or not JSON")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a billing token")
  @APIResponse(
      responseCode = "409",
      description =
          "An event of the batch is being accrued right now; send the batch again, and the events"
              + " already accrued come back with their first results")
  public BatchResult accrueBatch(@NotNull @Valid Batch batch) {
    List<Result> results = new ArrayList<>(batch.events().size());
    List<SpendEvent> valid = new ArrayList<>();
    List<Integer> validAt = new ArrayList<>();
    for (int i = 0; i < batch.events().size(); i++) {
      JsonNode node = batch.events().get(i);
      List<Problem.Violation> violations = new ArrayList<>();
      SpendEvent event = read(node, violations);
      results.add(event == null ? rejected(node, violations) : null);
      if (event != null) {
        valid.add(event);
        validAt.add(i);
      }
    }
    List<Result> accrued = valid.isEmpty() ? List.of() : accruals.accrueAll(valid);
    for (int i = 0; i < accrued.size(); i++) {
      results.set(validAt.get(i), accrued.get(i));
    }
    return new BatchResult(valid.size(), results.size() - valid.size(), results);
  }

  @POST
  @Path("/{eventId}/refund")
  @Operation(
      summary = "Refund part or all of a spend (A8)",
      description =
          "Takes back the points the refunded part earned. What the member already spent is netted"
              + " against later accruals; the balance never goes below zero. Needs an Idempotency-Key.")
  @APIResponse(responseCode = "200", description = "Refunded")
  @APIResponse(responseCode = "400", description = "Invalid amount or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a billing token")
  @APIResponse(responseCode = "404", description = "No such accrual event")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(
      responseCode = "422",
      description = "Refunds would exceed the spend, or the key was reused")
  public Response refund(
      @PathParam("eventId") String eventId,
      @HeaderParam(Idempotency.HEADER) String key,
      @NotNull @Valid Refund refund) {
    return idempotency.execute(
        "accrual-refund",
        key,
        new RefundOf(eventId, refund.amountKopecks()),
        () -> new Idempotency.Outcome(200, accruals.refund(eventId, refund.amountKopecks())));
  }

  /**
   * A spend cannot come from the future (more than the allowed clock skew) or from before the
   * programme: such a date would count carry-over (A7) and tenure (R8) in the wrong year.
   */
  private String occurredAtProblem(SpendEvent event) {
    Instant now = clock.instant();
    if (event.occurredAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
      return "must not be in the future (at most " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead)";
    }
    if (event.occurredAt().isBefore(EARLIEST)) {
      return "must not be before " + EARLIEST;
    }
    return null;
  }

  /** What a refund's idempotency key is bound to: a record, so its JSON is stable. */
  record RefundOf(String eventId, long amountKopecks) {}

  private SpendEvent read(JsonNode node, List<Problem.Violation> violations) {
    if (node == null || !node.isObject()) {
      violations.add(new Problem.Violation("event", "must be an object"));
      return null;
    }
    SpendEvent event;
    try {
      event = json.treeToValue(node, SpendEvent.class);
    } catch (JsonMappingException e) {
      violations.add(
          new Problem.Violation(ProblemMappers.pathOf(e), "has a wrong type, value or name"));
      return null;
    } catch (JsonProcessingException e) {
      violations.add(new Problem.Violation("event", "is not a valid event"));
      return null;
    }
    for (ConstraintViolation<SpendEvent> v : validator.validate(event)) {
      violations.add(new Problem.Violation(v.getPropertyPath().toString(), v.getMessage()));
    }
    String wrongTime = violations.isEmpty() ? occurredAtProblem(event) : null;
    if (wrongTime != null) {
      violations.add(new Problem.Violation("occurredAt", wrongTime));
    }
    violations.sort(Comparator.comparing(Problem.Violation::field));
    return violations.isEmpty() ? event : null;
  }

  private static Result rejected(JsonNode node, List<Problem.Violation> violations) {
    String eventId =
        node != null && node.path("eventId").isTextual() ? node.path("eventId").asText() : null;
    return new Result(
        eventId, "REJECTED", 0, 0, 0, "The event is invalid; see violations.", violations);
  }
}
