import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * HTTP load for the ledger benchmark (run with {@code java LoadDriver.java MODE --key value ...}).
 *
 * <ul>
 *   <li>{@code accrual}: closed loop, {@code workers} threads post single accruals as fast as
 *       the service answers; prints accruals/s.
 *   <li>{@code batch}: closed loop of batches of {@code batch} events; prints events/s.
 *   <li>{@code balance}, {@code history}: open model at a fixed arrival {@code rate}; latency is
 *       measured from each request's intended send time, so queueing is not hidden
 *       (coordinated omission).
 *   <li>{@code ussd}: open model of USSD balance requests ({@code *111*455*0#}) from random
 *       members to registration-service, which asks bonus-service for each balance.
 *   <li>{@code get}: closed loop of GETs on {@code path} (default {@code /q/openapi}), to
 *       compare an endpoint with the bare HTTP stack.
 *   <li>{@code redeem}: closed loop, {@code workers} threads order reward {@code reward} (default
 *       {@code 32}) from catalog-service as random members, each order with its own {@code
 *       Idempotency-Key}; only 201 (completed) counts; prints redemptions/s.
 * </ul>
 *
 * Prints one line: {@code RESULT mode=... requests=... errors=... rate=... p50_ms=... p99_ms=...
 * sent=...}, where {@code requests} are the measured ones and {@code sent} includes the warm-up.
 */
public class LoadDriver {

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Map<String, String> opt = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String url = opt.getOrDefault("url", "http://localhost:8082");
    int seconds = Integer.parseInt(opt.getOrDefault("seconds", "20"));
    long base = Long.parseLong(opt.getOrDefault("msisdn-base", "79000000000"));
    int accounts = Integer.parseInt(opt.getOrDefault("accounts", "100000"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    switch (mode) {
      case "accrual", "batch" -> {
        int workers = Integer.parseInt(opt.getOrDefault("workers", "16"));
        int batch = mode.equals("batch") ? Integer.parseInt(opt.getOrDefault("batch", "1000")) : 1;
        closedLoop(http, url, opt.get("token"), mode, workers, batch, seconds, base, accounts);
      }
      case "balance", "history" -> {
        int rate = Integer.parseInt(opt.getOrDefault("rate", "1000"));
        PrivateKey key = readKey(Path.of(opt.get("private-key")));
        List<String> msisdns = new ArrayList<>();
        if (opt.containsKey("msisdn")) {
          msisdns.add(opt.get("msisdn"));
        } else {
          for (int i = 0; i < 500; i++) {
            msisdns.add(Long.toString(base + 1 + ThreadLocalRandom.current().nextInt(accounts)));
          }
        }
        List<String> tokens = new ArrayList<>();
        for (String m : msisdns) {
          tokens.add(memberToken(key, m));
        }
        String path = mode.equals("balance") ? "/api/v1/accounts/me/balance" : "/api/v1/accounts/me/history?limit=20";
        IntFunction<HttpRequest> get =
            i ->
                HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        openModel(http, get, rate, warmup, false, 0);
        openModel(http, get, rate, seconds, true, rate * warmup);
      }
      case "ussd" -> {
        // *111*455*0# from members base+1..base+accounts, each request with its own key
        int rate = Integer.parseInt(opt.getOrDefault("rate", "200"));
        String token = opt.get("token");
        String run = Long.toString(System.nanoTime(), 36);
        AtomicLong sequence = new AtomicLong();
        IntFunction<HttpRequest> ussd =
            i -> {
              long msisdn = base + 1 + ThreadLocalRandom.current().nextInt(accounts);
              return HttpRequest.newBuilder(URI.create(url + "/api/v1/channels/ussd"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "bench-" + run + "-" + sequence.incrementAndGet())
                  .timeout(Duration.ofSeconds(30))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"msisdn\":\"" + msisdn + "\",\"request\":\"*111*455*0#\"}"))
                  .build();
            };
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        openModel(http, ussd, rate, warmup, false, 0);
        openModel(http, ussd, rate, seconds, true, rate * warmup);
      }
      case "get" -> {
        int workers = Integer.parseInt(opt.getOrDefault("workers", "16"));
        String token = opt.containsKey("private-key")
            ? memberToken(readKey(Path.of(opt.get("private-key"))), Long.toString(base + 1))
            : opt.get("token");
        closedGets(http, url + opt.getOrDefault("path", "/q/openapi"), token, workers, seconds);
      }
      case "redeem" -> {
        // POST /api/v1/redemptions as members base+1..base+accounts (500 pre-signed tokens)
        int workers = Integer.parseInt(opt.getOrDefault("workers", "16"));
        PrivateKey key = readKey(Path.of(opt.get("private-key")));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          tokens.add(memberToken(key, Long.toString(base + 1 + ThreadLocalRandom.current().nextInt(accounts))));
        }
        String body = "{\"rewardCode\":\"" + opt.getOrDefault("reward", "32") + "\"}";
        String run = Long.toString(System.nanoTime(), 36);
        AtomicLong sequence = new AtomicLong();
        Supplier<HttpRequest> order =
            () ->
                HttpRequest.newBuilder(URI.create(url + "/api/v1/redemptions"))
                    .header("Authorization", "Bearer " + tokens.get(ThreadLocalRandom.current().nextInt(tokens.size())))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-" + run + "-" + sequence.incrementAndGet())
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        closedRequests(http, "redeem", worker -> order, 201, workers, 1, seconds);
      }
      default -> throw new IllegalArgumentException("mode: accrual, batch, balance, history, ussd, get or redeem");
    }
  }

  /** Accruals (one event, or {@code batch} events per request) as fast as {@code workers} go. */
  private static void closedLoop(
      HttpClient http, String url, String token, String mode, int workers, int batch, int seconds, long base, int accounts)
      throws InterruptedException {
    String runId = Long.toString(System.nanoTime(), 36);
    URI target = URI.create(url + (batch == 1 ? "/api/v1/accruals" : "/api/v1/accruals/batch"));
    IntFunction<Supplier<HttpRequest>> perWorker =
        worker -> {
          long[] seq = {0};
          return () -> {
            StringBuilder body = new StringBuilder(batch == 1 ? "" : "{\"events\":[");
            for (int i = 0; i < batch; i++) {
              if (i > 0) {
                body.append(',');
              }
              long msisdn = base + 1 + ThreadLocalRandom.current().nextInt(accounts);
              String kind = switch ((int) (seq[0] % 4)) {
                case 0 -> "TELECOM";
                case 1 -> "SHOP";
                case 2 -> "TAXI";
                default -> "CARD";
              };
              body.append("{\"eventId\":\"bench-").append(runId).append('-').append(worker).append('-').append(seq[0]++)
                  .append("\",\"msisdn\":\"").append(msisdn).append("\",\"kind\":\"").append(kind)
                  .append("\",\"amountKopecks\":").append(100 + ThreadLocalRandom.current().nextInt(100_000))
                  .append(",\"occurredAt\":\"").append(Instant.now()).append("\"}");
            }
            if (batch > 1) {
              body.append("]}");
            }
            return HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
          };
        };
    closedRequests(http, mode, perWorker, 200, workers, batch, seconds);
  }

  /**
   * Closed loop: {@code workers} threads each send the requests of their own supplier back to back;
   * the first 3 s are not counted, then {@code seconds} are. Only {@code expected} is a success;
   * the first error bodies go to stderr. {@code batch}: what one request carries, for the rate.
   */
  private static void closedRequests(
      HttpClient http,
      String mode,
      IntFunction<Supplier<HttpRequest>> perWorker,
      int expected,
      int workers,
      int batch,
      int seconds)
      throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong all = new AtomicLong();
    AtomicLong reported = new AtomicLong();
    long[][] latencies = new long[workers][];
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      threads[w] =
          new Thread(
              () -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                Supplier<HttpRequest> requests = perWorker.apply(worker);
                while (true) {
                  long start = System.nanoTime();
                  if (start > end) {
                    break;
                  }
                  boolean success;
                  try {
                    HttpResponse<String> response = http.send(requests.get(), HttpResponse.BodyHandlers.ofString());
                    success = response.statusCode() == expected;
                    if (!success && reported.incrementAndGet() <= 3) {
                      System.err.println("HTTP " + response.statusCode() + ": " + response.body());
                    }
                  } catch (Exception e) {
                    success = false;
                    if (reported.incrementAndGet() <= 3) {
                      System.err.println(e);
                    }
                  }
                  long done = System.nanoTime();
                  all.incrementAndGet();
                  if (start < warmupEnd) {
                    continue;
                  }
                  if (success) {
                    ok.incrementAndGet();
                    if (n < lat.length) {
                      lat[n++] = done - start;
                    }
                  } else {
                    errors.incrementAndGet();
                  }
                }
                latencies[worker] = Arrays.copyOf(lat, n);
              });
      threads[w].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] sorted = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(
        "RESULT mode=%s workers=%d batch=%d requests=%d errors=%d rate=%.1f p50_ms=%.2f p99_ms=%.2f sent=%d%n",
        mode, workers, batch, ok.get(), errors.get(), ok.get() * (double) batch / seconds, pct(sorted, 50), pct(sorted, 99),
        all.get());
  }

  private static void closedGets(HttpClient http, String url, String token, int workers, int seconds)
      throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      threads[w] =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
                  if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                  }
                  try {
                    int status = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                    (status == 200 ? ok : errors).incrementAndGet();
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
              });
      threads[w].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.printf("RESULT mode=get requests=%d errors=%d rate=%.1f%n", ok.get(), errors.get(), ok.get() / (double) seconds);
  }

  private static void openModel(
      HttpClient http, IntFunction<HttpRequest> requests, int rate, int seconds, boolean report, int sentBefore)
      throws Exception {
    long interval = 1_000_000_000L / rate;
    int total = rate * seconds;
    long[] latency = new long[total];
    CompletableFuture<?>[] futures = new CompletableFuture<?>[total];
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < total; i++) {
      long intended = start + i * interval;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        if (wait > 200_000) {
          Thread.sleep(0, 100_000);
        } else {
          Thread.onSpinWait();
        }
      }
      int index = i;
      HttpRequest request = requests.apply(i);
      futures[i] =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) -> {
                    latency[index] = System.nanoTime() - intended;
                    if (failure != null || response.statusCode() != 200) {
                      errors.incrementAndGet();
                    }
                    return null;
                  });
    }
    CompletableFuture.allOf(futures).join();
    if (report) {
      long[] sorted = latency.clone();
      Arrays.sort(sorted);
      System.out.printf(
          "RESULT mode=open requests=%d errors=%d rate=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f sent=%d%n",
          total, errors.get(), rate, pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1] / 1e6, sentBefore + total);
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static PrivateKey readKey(Path pem) throws Exception {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static String memberToken(PrivateKey key, String msisdn) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"iss\":\"kopilka\",\"sub\":\"" + msisdn + "\",\"upn\":\"" + msisdn + "\",\"groups\":[\"member\"],\"iat\":" + now
                    + ",\"exp\":" + (now + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key);
    signer.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + "." + b64.encodeToString(signer.sign());
  }
}
