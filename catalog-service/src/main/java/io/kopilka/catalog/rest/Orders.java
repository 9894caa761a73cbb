package io.kopilka.catalog.rest;

import io.kopilka.catalog.domain.Redemption;
import io.kopilka.catalog.service.Failure;
import io.kopilka.catalog.service.RedemptionQueries;
import io.kopilka.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * The answer to an order, the same for the first request and every retry with its key: 201 with the
 * completed order, 202 while it is still being processed, or the problem it failed with.
 */
@ApplicationScoped
class Orders {

  private final RedemptionQueries queries;

  Orders(RedemptionQueries queries) {
    this.queries = queries;
  }

  Response answer(Redemption r) {
    if (r.failed()) {
      throw new ProblemException(Failure.of(r.failureCode).problem(r.failureDetail));
    }
    int status = r.step.unfinished() ? 202 : 201;
    return Response.status(status).entity(queries.memberView(r)).build();
  }
}
