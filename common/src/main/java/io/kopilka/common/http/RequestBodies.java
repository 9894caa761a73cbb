package io.kopilka.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a request's body on the I/O thread, before the request goes to a worker thread. Otherwise
 * Quarkus REST reads the body of a blocking resource method on the worker: it parks the worker,
 * asks the I/O thread for the body and waits to be woken once for the data and once for its end.
 * Three thread hand-offs per request, for bodies of a few hundred bytes. Runs after authentication,
 * so a request with a bad token is refused before its body is read.
 */
@ApplicationScoped
public class RequestBodies {

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(limit.asLongValue());
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
        .method(HttpMethod.POST)
        .method(HttpMethod.PUT)
        .method(HttpMethod.PATCH)
        // Only for an HTTP/1.1 body of a declared length: the body handler waits for an end that
        // a request of length 0 has had already; a chunked body of unknown size stays streamed;
        // and Quarkus REST pauses an HTTP/2 request (the outbox relay's client upgrades to h2c),
        // which HTTP/2 refuses once the request has ended.
        .handler(
            request -> {
              if (request.request().version() != HttpVersion.HTTP_2
                  && declaredLength(request) > 0) {
                bodies.handle(request);
              } else {
                request.next();
              }
            });
  }

  private static long declaredLength(RoutingContext request) {
    String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || request.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
