package io.kopilka.common.jobs;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Roles;
import io.kopilka.common.security.ServiceTokens;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Runs one of this service's jobs now, optionally as of another instant. A service's own admin
 * resources use class paths below {@code /api/v1/admin/<service>/<area>}, never {@code
 * /api/v1/admin/<service>} itself, which would shadow this path.
 */
@Path("/api/v1/admin/{service}/jobs/{job}")
@Tag(name = "Admin: jobs")
@RolesAllowed(Roles.ADMIN)
public class JobResource {

  private static final Logger LOG = Logger.getLogger(JobResource.class);
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final Instance<Job> jobs;
  private final ServiceTokens.Config service;
  private final Clock clock;

  public JobResource(Instance<Job> jobs, ServiceTokens.Config service, Clock clock) {
    this.jobs = jobs;
    this.service = service;
    this.clock = clock;
  }

  /** A run's outcome. */
  public record JobRun(String job, Instant asOf, long processed, String summary) {}

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Run a job now, as of the given instant (default: now)")
  @APIResponse(responseCode = "200", description = "The job ran")
  @APIResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "No such job")
  public JobRun run(
      @PathParam("service") String serviceName,
      @PathParam("job") String name,
      @Parameter(
              description =
                  "ISO-8601 instant with offset, e.g. 2027-01-01T00:00:00Z or 2027-01-01T00:05:00+03:00")
          @QueryParam("asOf")
          String asOf) {
    Job job =
        jobs.stream()
            .filter(j -> j.name().equals(name) && service.name().equals(serviceName))
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "job.unknown",
                        "No job '"
                            + name
                            + "' here; jobs: "
                            + jobs.stream().map(Job::name).sorted().toList()));
    Instant at = asOf == null || asOf.isBlank() ? clock.instant() : parse(asOf);
    Job.Result result = job.run(at);
    LOG.infof("Job %s as of %s: %d processed (%s)", name, at, result.processed(), result.summary());
    return new JobRun(name, at, result.processed(), result.summary());
  }

  private static Instant parse(String asOf) {
    try {
      Instant at = OffsetDateTime.parse(asOf).toInstant();
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw ProblemException.badRequest(
            "job.invalid-as-of", "asOf must lie between " + EARLIEST + " and " + LATEST + ".");
      }
      return at;
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          "job.invalid-as-of", "asOf must be an ISO-8601 instant such as 2027-01-01T00:00:00Z.");
    }
  }
}
