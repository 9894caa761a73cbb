package io.kopilka.system.harness;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's billing system as cashback-service reads it: {@code GET /bills/{msisdn}?month=}
 * answers the month's bill. Every number has a bill of {@link #DEFAULT_BILL_KOPECKS} unless set.
 */
public final class BillingGateway extends HttpStub {

  public static final long DEFAULT_BILL_KOPECKS = 45_000;
  private static final Pattern BILL = Pattern.compile("/bills/(\\d{11})");

  private final Map<String, Long> bills = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  BillingGateway() {
    super("Basic YmlsbGluZzpzeXN0ZW0tdGVzdHM=");
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    Matcher m = BILL.matcher(exchange.getRequestURI().getPath());
    String query = exchange.getRequestURI().getQuery();
    if (!exchange.getRequestMethod().equals("GET") || !m.matches() || query == null) {
      send(exchange, 404, "{\"code\":\"not-found\"}");
      return;
    }
    requests.incrementAndGet();
    String month = query.replaceFirst(".*month=([0-9-]+).*", "$1");
    String msisdn = m.group(1);
    long amount = bills.getOrDefault(msisdn, DEFAULT_BILL_KOPECKS);
    send(exchange, 200, Map.of("msisdn", msisdn, "month", month, "amountKopecks", amount));
  }

  /** Sets the bill of {@code msisdn} for every month. */
  public void bill(String msisdn, long kopecks) {
    bills.put(msisdn, kopecks);
  }

  public int requests() {
    return requests.get();
  }
}
