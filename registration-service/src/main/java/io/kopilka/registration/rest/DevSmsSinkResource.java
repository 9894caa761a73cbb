package io.kopilka.registration.rest;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.service.SmsSender;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * A stand-in SMS provider for local runs: the outbox relay delivers to it as to a real provider; it
 * keeps the last messages so a person can read their login code. Answers 404 unless {@code
 * kopilka.registration.sms-sink=true}, which the {@code prod} profile never sets.
 */
@Path("/dev/sms-gateway/messages")
@Singleton
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DevSmsSinkResource {

  private static final Logger LOG = Logger.getLogger(DevSmsSinkResource.class);
  private static final int KEPT = 1000;

  /** A message as the sink received it. */
  public record Received(Instant at, String to, String from, String text) {}

  private final Deque<Received> messages = new ArrayDeque<>();
  private final boolean enabled;
  private final Clock clock;

  public DevSmsSinkResource(RegistrationConfig config, Clock clock) {
    this.enabled = config.smsSink();
    this.clock = clock;
  }

  @POST
  @Operation(hidden = true)
  public Response receive(SmsSender.Message message) {
    requireEnabled();
    if (message == null || !Msisdn.isValid(message.to()) || message.text() == null) {
      throw ProblemException.badRequest("sms.invalid", "Expected {to, from, text} with an MSISDN.");
    }
    LOG.infof("SMS to %s: %s", Msisdn.mask(message.to()), message.text());
    synchronized (messages) {
      messages.addFirst(
          new Received(clock.instant(), message.to(), message.from(), message.text()));
      if (messages.size() > KEPT) {
        messages.removeLast();
      }
    }
    return Response.accepted().build();
  }

  @GET
  @Operation(hidden = true)
  public List<Received> list(@QueryParam("to") String to) {
    requireEnabled();
    synchronized (messages) {
      return messages.stream().filter(m -> to == null || m.to().equals(to)).toList();
    }
  }

  private void requireEnabled() {
    if (!enabled) {
      throw ProblemException.notFound("dev.disabled", "Not found.");
    }
  }
}
