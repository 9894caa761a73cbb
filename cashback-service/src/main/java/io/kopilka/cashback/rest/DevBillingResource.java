package io.kopilka.cashback.rest;

import io.kopilka.cashback.client.BillingApi.Bill;
import io.kopilka.cashback.config.CashbackConfig;
import io.kopilka.common.error.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A stand-in billing gateway for local runs and tests, reached over HTTP like the real one: every
 * number's bill is {@code kopilka.cashback.dev-bill-kopecks} unless set with {@code PUT
 * /dev/billing/bills/{msisdn}} {@code {"amountKopecks": N}} (a negative amount: no bill, 404);
 * {@code PUT /dev/billing/available} with {@code false} makes it fail (503). Answers 404 unless
 * {@code kopilka.cashback.dev-billing=true}, which the {@code prod} profile never sets.
 */
@Path("/dev/billing")
@Singleton
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DevBillingResource {

  public record Amount(long amountKopecks) {}

  private final CashbackConfig config;
  private final Map<String, Long> bills = new ConcurrentHashMap<>();
  private volatile boolean available = true;

  public DevBillingResource(CashbackConfig config) {
    this.config = config;
  }

  @GET
  @Path("/bills/{msisdn}")
  @Operation(hidden = true)
  public Response bill(@PathParam("msisdn") String msisdn, @QueryParam("month") String month) {
    requireEnabled();
    if (!available) {
      return Response.status(503).build();
    }
    long amount = bills.getOrDefault(msisdn, config.devBillKopecks());
    if (amount < 0) {
      return Response.status(404).build();
    }
    return Response.ok(new Bill(msisdn, month, amount)).build();
  }

  @PUT
  @Path("/bills/{msisdn}")
  @Operation(hidden = true)
  public Amount set(@PathParam("msisdn") String msisdn, Amount amount) {
    requireEnabled();
    bills.put(msisdn, amount.amountKopecks());
    return amount;
  }

  @PUT
  @Path("/available")
  @Operation(hidden = true)
  public boolean available(boolean available) {
    requireEnabled();
    this.available = available;
    return available;
  }

  private void requireEnabled() {
    if (!config.devBilling()) {
      throw ProblemException.notFound("dev.disabled", "Not found.");
    }
  }
}
