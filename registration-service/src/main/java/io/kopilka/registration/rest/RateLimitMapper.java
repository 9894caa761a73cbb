package io.kopilka.registration.rest;

import io.kopilka.common.error.ProblemResponses;
import io.kopilka.registration.service.RateLimited;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A 429 says when to retry, in whole seconds. */
public class RateLimitMapper {

  @ServerExceptionMapper
  public Response rateLimited(RateLimited e) {
    long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    return Response.fromResponse(ProblemResponses.of(e.problem()))
        .header("Retry-After", seconds)
        .build();
  }
}
