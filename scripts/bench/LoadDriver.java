import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP load for the benchmarks (run with {@code java LoadDriver.java MODE --key value ...}).
 *
 * <p>These modes run in either model: a closed loop ({@code --workers N}: N threads each send
 * the next request as soon as the last is answered; prints the rate they reached) or an open
 * model ({@code --rate R}: a fixed arrival rate, latency measured from each request's intended
 * send time, so queueing is not hidden by coordinated omission; {@code --warmup} seconds first).
 * Without either, the mode's usual model applies.
 *
 * <ul>
 *   <li>{@code accrual}, {@code batch}: single accruals, or batches of {@code batch} events
 *       (closed by default; the rate counts events).
 *   <li>{@code balance}, {@code history}: a member's balance or first page of history (open by
 *       default, 1,000/s).
 *   <li>{@code ussd}: USSD balance requests ({@code *111*455*0#}) from random members to
 *       registration-service, which asks bonus-service for each balance (open by default, 200/s).
 *   <li>{@code redeem}: orders of reward {@code reward} (default {@code 32}) from catalog-service
 *       as random members of a {@code pool} (default 500), each with its own {@code
 *       Idempotency-Key}; only 201 (completed) counts (closed by default).
 * </ul>
 *
 * Others:
 *
 * <ul>
 *   <li>{@code get}: closed loop of GETs on {@code path} (default {@code /q/openapi}), to
 *       compare an endpoint with the bare HTTP stack.
 *   <li>{@code gift}: open model of gift requests, each confirmed with the code read from the SMS
 *       sink at {@code sms-url}; see {@link Gifts}.
 *   <li>{@code clicks}: setup for the webhook modes: members base+1..base+accounts each make
 *       {@code per-member} clicks to partner {@code partner} at cashback-service ({@code POST
 *       /api/v1/clicks}); the click ids go to the file {@code out}, one a line.
 *   <li>{@code webhook}: closed loop, {@code workers} threads post Standard-Webhooks-signed
 *       conversion reports of partner {@code partner} (secret {@code secret}) for the clicks in
 *       the file {@code clicks}: every order is reported PENDING and, {@code lag} orders later
 *       (default 8), APPROVED, so half the deliveries approve (and queue a credit). Each delivery
 *       is signed when it is sent. After the measured seconds each worker approves its orders
 *       still pending and delivers failed approvals again (not measured), so every order ends
 *       APPROVED. Prints deliveries/s.
 *   <li>{@code webhook-open}: the same deliveries in an open model at a fixed arrival {@code
 *       rate}, an approval {@code lag-seconds} (default 1) after its order's PENDING report, and
 *       never before that report is answered; after {@code warmup} and the measured seconds the
 *       orders still pending are approved and failed approvals delivered again (not measured).
 * </ul>
 *
 * Prints one line: {@code RESULT mode=... requests=... errors=... rate=... p50_ms=... p99_ms=...
 * sent=...}, where {@code requests} are the measured ones and {@code sent} includes the warm-up
 * (and, for the webhook modes, the final approvals; {@code orders} counts the orders begun and
 * {@code driver_cpu_ms} is the CPU time the driver used, signing included).
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
    Wire http = new Wire();
    switch (mode) {
      case "accrual", "batch", "balance", "history", "ussd", "redeem" -> {
        Operation op = operation(mode, opt, url, base, accounts);
        if (opt.containsKey("rate") || (op.openByDefault() && !opt.containsKey("workers"))) {
          int rate = Integer.parseInt(opt.getOrDefault("rate", mode.equals("ussd") ? "200" : "1000"));
          int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
          Supplier<HttpRequest> requests = op.perWorker().apply(0);
          openModel(http, i -> requests.get(), op.expected(), rate, warmup, null);
          openModel(http, i -> requests.get(), op.expected(), rate, seconds, null).print(mode, rate, rate * warmup);
        } else {
          int workers = Integer.parseInt(opt.getOrDefault("workers", "16"));
          closedRequests(http, mode, op.perWorker(), op.expected(), workers, op.perRequest(), seconds, () -> "");
        }
      }
      case "get" -> {
        int workers = Integer.parseInt(opt.getOrDefault("workers", "16"));
        String token = opt.containsKey("private-key")
            ? memberToken(readKey(Path.of(opt.get("private-key"))), Long.toString(base + 1))
            : opt.get("token");
        closedGets(http, url + opt.getOrDefault("path", "/q/openapi"), token, workers, seconds);
      }
      case "gift" -> Gifts.run(http, url, opt, base, accounts, seconds);
      case "clicks" -> {
        PrivateKey key = readKey(Path.of(opt.get("private-key")));
        int perMember = Integer.parseInt(opt.getOrDefault("per-member", "1"));
        clicks(http, url, opt.get("partner"), key, base, accounts, perMember, Path.of(opt.get("out")));
      }
      case "webhook" -> {
        Webhooks hooks = new Webhooks(url, opt.get("partner"), opt.get("secret"), Path.of(opt.get("clicks")));
        int workers = Integer.parseInt(opt.getOrDefault("workers", "16"));
        int lag = Integer.parseInt(opt.getOrDefault("lag", "8"));
        Webhooks.Worker[] streams = new Webhooks.Worker[workers];
        closedRequests(
            http,
            "webhook",
            worker -> streams[worker] = hooks.worker("w" + worker, lag),
            200,
            workers,
            1,
            seconds,
            () -> " orders=" + Arrays.stream(streams).mapToLong(w -> w.orders).sum()
                + " redeliveries=" + Arrays.stream(streams).mapToLong(w -> w.redeliveries).sum()
                + " unfinished=" + Arrays.stream(streams).mapToLong(w -> w.unfinished()).sum()
                + " driver_cpu_ms=" + cpuMillis());
      }
      case "webhook-open" -> {
        Webhooks hooks = new Webhooks(url, opt.get("partner"), opt.get("secret"), Path.of(opt.get("clicks")));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "500"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        double lagSeconds = Double.parseDouble(opt.getOrDefault("lag-seconds", "1"));
        // alternating PENDING and APPROVED, an approval comes 2 × lag deliveries after its order
        int lag = Math.max(1, (int) Math.round(rate * lagSeconds / 2));
        if (warmup < lagSeconds) {
          throw new IllegalArgumentException("warmup must cover lag-seconds, so the measured mix is half approvals");
        }
        Webhooks.Worker stream = hooks.worker("o", lag);
        Stats warm = openModel(http, i -> stream.next(), 200, rate, warmup, stream);
        long approvalsBefore = stream.approvals;
        Stats measured = openModel(http, i -> stream.next(), 200, rate, seconds, stream);
        long approvals = stream.approvals - approvalsBefore;
        // the orders still pending are approved, and failed approvals delivered again, one per
        // interval, until none is left (nothing is sent in the slots between)
        Stats rest = openModel(http, i -> stream.rest(), 200, rate, (int) Math.ceil(lagSeconds / 2) + 1, stream);
        for (int round = 0; round < 30 && stream.unfinished() > 0; round++) {
          rest = rest.plus(openModel(http, i -> stream.rest(), 200, rate, 1, stream));
        }
        System.out.printf(
            "RESULT mode=webhook-open requests=%d errors=%d rate=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                + " approvals=%d sent=%d orders=%d warmup_errors=%d final_errors=%d redeliveries=%d unfinished=%d"
                + " driver_cpu_ms=%d%n",
            measured.requests, measured.errors, rate, measured.p50, measured.p90, measured.p99, measured.max, approvals,
            warm.requests + measured.requests + rest.requests, stream.orders, warm.errors, rest.errors,
            stream.redeliveries, stream.unfinished(), cpuMillis());
      }
      default -> throw new IllegalArgumentException(
          "mode: accrual, batch, balance, history, ussd, get, redeem, clicks, webhook or webhook-open");
    }
  }

  /**
   * A kind of request: {@code perWorker} gives each closed-loop worker (or the one open-model
   * sender, worker 0) its own supplier of requests; {@code expected} is the status of a success;
   * {@code perRequest} what one request carries (events of a batch), for the rate.
   */
  record Operation(IntFunction<Supplier<HttpRequest>> perWorker, int expected, int perRequest, boolean openByDefault) {}

  /**
   * The operations measured by both models: {@code accrual} and {@code batch} (as {@code token},
   * billing), {@code balance} and {@code history} (member tokens, or the one member {@code msisdn}),
   * {@code ussd} (as {@code token}, a channel gateway: {@code *111*455*0#}) and {@code redeem} (reward
   * {@code reward}, default 32, as {@code pool} random members, default 500). Members are
   * base+1..base+accounts; every request that changes something has its own event id or
   * Idempotency-Key.
   */
  private static Operation operation(String mode, Map<String, String> opt, String url, long base, int accounts)
      throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    AtomicLong sequence = new AtomicLong();
    return switch (mode) {
      case "accrual", "batch" -> {
        int batch = mode.equals("batch") ? Integer.parseInt(opt.getOrDefault("batch", "1000")) : 1;
        URI target = URI.create(url + (batch == 1 ? "/api/v1/accruals" : "/api/v1/accruals/batch"));
        String token = opt.get("token");
        yield new Operation(
            worker -> () -> {
              StringBuilder body = new StringBuilder(batch == 1 ? "" : "{\"events\":[");
              for (int i = 0; i < batch; i++) {
                if (i > 0) {
                  body.append(',');
                }
                long seq = sequence.getAndIncrement();
                long msisdn = base + 1 + ThreadLocalRandom.current().nextInt(accounts);
                String kind = switch ((int) (seq % 4)) {
                  case 0 -> "TELECOM";
                  case 1 -> "SHOP";
                  case 2 -> "TAXI";
                  default -> "CARD";
                };
                body.append("{\"eventId\":\"bench-").append(run).append('-').append(seq)
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
            },
            200,
            batch,
            false);
      }
      case "balance", "history" -> {
        List<String> tokens = opt.containsKey("msisdn")
            ? List.of(memberToken(readKey(Path.of(opt.get("private-key"))), opt.get("msisdn")))
            : memberTokens(readKey(Path.of(opt.get("private-key"))), 500, base, accounts);
        URI target = URI.create(url + (mode.equals("balance") ? "/api/v1/accounts/me/balance" : "/api/v1/accounts/me/history?limit=20"));
        yield new Operation(
            worker -> () -> HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + tokens.get(ThreadLocalRandom.current().nextInt(tokens.size())))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            200,
            1,
            true);
      }
      case "ussd" -> {
        String token = opt.get("token");
        URI target = URI.create(url + "/api/v1/channels/ussd");
        yield new Operation(
            worker -> () -> HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + run + "-" + sequence.incrementAndGet())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"msisdn\":\"" + (base + 1 + ThreadLocalRandom.current().nextInt(accounts))
                        + "\",\"request\":\"*111*455*0#\"}"))
                .build(),
            200,
            1,
            true);
      }
      case "redeem" -> {
        int pool = Integer.parseInt(opt.getOrDefault("pool", "500"));
        List<String> tokens = memberTokens(readKey(Path.of(opt.get("private-key"))), pool, base, accounts);
        String body = "{\"rewardCode\":\"" + opt.getOrDefault("reward", "32") + "\"}";
        URI target = URI.create(url + "/api/v1/redemptions");
        yield new Operation(
            worker -> () -> HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + tokens.get(ThreadLocalRandom.current().nextInt(tokens.size())))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + run + "-" + sequence.incrementAndGet())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            201,
            1,
            false);
      }
      default -> throw new IllegalArgumentException(mode);
    };
  }

  /** Tokens of {@code n} random members base+1..base+accounts. */
  private static List<String> memberTokens(PrivateKey key, int n, long base, int accounts) throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tokens.add(memberToken(key, Long.toString(base + 1 + ThreadLocalRandom.current().nextInt(accounts))));
    }
    return tokens;
  }

  /**
   * Closed loop: {@code workers} threads each send the requests of their own supplier back to back;
   * the first 3 s are not counted, then {@code seconds} are. Only {@code expected} is a success;
   * the first error bodies go to stderr (errors in the first 3 s: {@code warmup_errors}). {@code
   * batch}: what one request carries, for the rate. A supplier that is a {@link Finishing} then
   * sends its {@code rest()}, not counted in the rate or latency (in {@code sent}, and its failures
   * in {@code final_errors}). {@code extra} is appended to the RESULT line once every worker is
   * done.
   */
  private static void closedRequests(
      Wire http,
      String mode,
      IntFunction<Supplier<HttpRequest>> perWorker,
      int expected,
      int workers,
      int batch,
      int seconds,
      Supplier<String> extra)
      throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong finalErrors = new AtomicLong();
    AtomicLong warmupErrors = new AtomicLong();
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
                  HttpRequest request = requests.get();
                  boolean success = send(http, request, expected, reported);
                  long done = System.nanoTime();
                  if (requests instanceof Finishing finishing) {
                    finishing.answered(request, success);
                  }
                  all.incrementAndGet();
                  if (start < warmupEnd) {
                    if (!success) {
                      warmupErrors.incrementAndGet();
                    }
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
                if (requests instanceof Finishing finishing) {
                  for (HttpRequest request = finishing.rest(); request != null; request = finishing.rest()) {
                    all.incrementAndGet();
                    boolean success = send(http, request, expected, reported);
                    finishing.answered(request, success);
                    if (!success) {
                      finalErrors.incrementAndGet();
                    }
                  }
                }
              });
      threads[w].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] sorted = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(
        "RESULT mode=%s workers=%d batch=%d requests=%d errors=%d rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
            + " max_ms=%.2f sent=%d warmup_errors=%d final_errors=%d%s%n",
        mode, workers, batch, ok.get(), errors.get(), ok.get() * (double) batch / seconds, pct(sorted, 50),
        pct(sorted, 90), pct(sorted, 99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
        all.get(), warmupErrors.get(), finalErrors.get(), extra.get());
  }

  /** A closed-loop worker's requests that still have to be sent when the time is up. */
  interface Finishing {
    /** The next request to send after the measured time, or null when there is none. */
    HttpRequest rest();

    /** Told of each request sent once it is answered: {@code ok} if with the expected status. */
    void answered(HttpRequest request, boolean ok);
  }

  /** Sends one request; true if it got {@code expected}, else the first errors go to stderr. */
  private static boolean send(Wire http, HttpRequest request, int expected, AtomicLong reported) {
    try {
      Reply response = http.send(request);
      if (response.statusCode() == expected) {
        return true;
      }
      if (reported.incrementAndGet() <= 3) {
        System.err.println("HTTP " + response.statusCode() + ": " + response.body());
      }
    } catch (Exception e) {
      if (reported.incrementAndGet() <= 3) {
        System.err.println(e);
      }
    }
    return false;
  }

  /** One click of each member to {@code partner}, {@code perMember} times; the ids go to {@code out}. */
  private static void clicks(
      Wire http, String url, String partner, PrivateKey key, long base, int accounts, int perMember, Path out)
      throws Exception {
    Pattern clickId = Pattern.compile("\"clickId\"\\s*:\\s*\"([^\"]+)\"");
    String body = "{\"partnerId\":\"" + partner + "\",\"source\":\"APP\"}";
    List<String> ids = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong next = new AtomicLong();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (long i = next.getAndIncrement(); i < (long) accounts * perMember; i = next.getAndIncrement()) {
                  String msisdn = Long.toString(base + 1 + i % accounts);
                  try {
                    Reply response =
                        http.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/clicks"))
                                .header("Authorization", "Bearer " + memberToken(key, msisdn))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build());
                    Matcher m = clickId.matcher(response.body());
                    if (response.statusCode() == 201 && m.find()) {
                      synchronized (ids) {
                        ids.add(m.group(1));
                      }
                      continue;
                    }
                    if (errors.incrementAndGet() <= 3) {
                      System.err.println("click by " + msisdn + ": HTTP " + response.statusCode() + ": " + response.body());
                    }
                  } catch (Exception e) {
                    if (errors.incrementAndGet() <= 3) {
                      System.err.println("click by " + msisdn + ": " + e);
                    }
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    Files.write(out, ids);
    System.out.printf("RESULT mode=clicks clicks=%d errors=%d%n", ids.size(), errors.get());
  }

  /**
   * A partner's conversion reports for a set of clicks, signed per Standard Webhooks: {@code
   * webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}, the key being the base64
   * after the secret's {@code whsec_}, the timestamp the time of sending.
   */
  static final class Webhooks {
    private final URI target;
    private final byte[] key;
    private final List<String> clicks;
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    Webhooks(String url, String partner, String secret, Path clicks) throws Exception {
      this.target = URI.create(url + "/webhooks/v1/partners/" + partner + "/conversions");
      this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
      this.clicks = Files.readAllLines(clicks).stream().filter(line -> !line.isBlank()).toList();
      if (this.clicks.isEmpty()) {
        throw new IllegalArgumentException("no click ids in " + clicks);
      }
    }

    /** A sender of its own orders; see {@link Worker}. */
    Worker worker(String name, int lag) {
      return new Worker(name, lag);
    }

    private static final class Order {
      final String id;
      final String clickId;
      final long amountKopecks;
      final String occurredAt;
      volatile boolean answered;

      Order(String id, String clickId, long amountKopecks, String occurredAt) {
        this.id = id;
        this.clickId = clickId;
        this.amountKopecks = amountKopecks;
        this.occurredAt = occurredAt;
      }
    }

    /** One delivery: its webhook-id stays the same when it is delivered again. */
    private record Delivery(Order order, String status, String webhookId, int attempt) {}

    /**
     * One sender's deliveries: a new order reported PENDING, or, once more than {@code lag} of its
     * orders are pending and the oldest one's PENDING report has been answered, that order's
     * APPROVED report; alternating in the steady state. A partner approves after it has reported
     * the purchase, so an approval never overtakes its order's first report. As a partner would,
     * it delivers a failed APPROVED report again (same webhook-id, fresh timestamp and signature,
     * up to 5 attempts), after the measured time ({@link #rest}); a failed PENDING report is not
     * repeated, the approval stands for it. One thread asks for requests; {@link #answered} may
     * be called from others.
     */
    final class Worker implements Supplier<HttpRequest>, Finishing, Answered {
      private final String name;
      private final int lag;
      private final ArrayDeque<Order> pending = new ArrayDeque<>();
      private final Map<HttpRequest, Delivery> inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
      private final ConcurrentLinkedQueue<Delivery> failed = new ConcurrentLinkedQueue<>();
      private final Mac mac;
      long orders;
      long approvals;
      long redeliveries;
      private long deliveries;

      private Worker(String name, int lag) {
        this.name = name;
        this.lag = lag;
        try {
          mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public HttpRequest get() {
        return next();
      }

      HttpRequest next() {
        if (pending.size() > lag && pending.peekFirst().answered) {
          return deliver(pending.removeFirst(), "APPROVED");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Order order =
            new Order(
                "bench-" + run + "-" + name + "-" + orders++,
                clicks.get(random.nextInt(clicks.size())),
                10_000 + random.nextLong(990_000),
                Instant.now().toString());
        pending.addLast(order);
        return deliver(order, "PENDING");
      }

      /**
       * After the measured time: a failed approval again, else the oldest pending order's approval;
       * null when there is neither, or the oldest order's PENDING report is still unanswered.
       */
      @Override
      public HttpRequest rest() {
        Delivery again = failed.poll();
        if (again != null) {
          redeliveries++;
          return send(new Delivery(again.order(), again.status(), again.webhookId(), again.attempt() + 1));
        }
        Order order = pending.peekFirst();
        return order == null || !order.answered ? null : deliver(pending.removeFirst(), "APPROVED");
      }

      /** Orders not yet approved, and failed approvals still to be delivered again. */
      int unfinished() {
        return pending.size() + failed.size();
      }

      @Override
      public void answered(HttpRequest request, Reply response, boolean ok) {
        answered(request, ok);
      }

      @Override
      public void answered(HttpRequest request, boolean ok) {
        Delivery delivery = inFlight.remove(request);
        if (delivery == null) {
          return;
        }
        delivery.order().answered = true;
        if (!ok && delivery.status().equals("APPROVED") && delivery.attempt() < 5) {
          failed.add(delivery);
        }
      }

      private HttpRequest deliver(Order order, String status) {
        if (status.equals("APPROVED")) {
          approvals++;
        }
        return send(new Delivery(order, status, "msg_" + run + "_" + name + "_" + deliveries++, 1));
      }

      /** The delivery's request, signed now; remembered until it is answered. */
      private HttpRequest send(Delivery delivery) {
        Order order = delivery.order();
        byte[] body =
            ("{\"clickId\":\"" + order.clickId + "\",\"orderId\":\"" + order.id + "\",\"amountKopecks\":"
                    + order.amountKopecks + ",\"currency\":\"RUB\",\"status\":\"" + delivery.status()
                    + "\",\"occurredAt\":\"" + order.occurredAt + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String id = delivery.webhookId();
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        HttpRequest request = HttpRequest.newBuilder(target)
            .header("Content-Type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp)
            .header("webhook-signature", signature)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        inFlight.put(request, delivery);
        return request;
      }
    }
  }

  /**
   * Gifts (G1) in an open model: at {@code rate} a member asks to gift {@code points} (default 50)
   * to another ({@code POST /api/v1/gifts}; each member sends at most one gift in the run, so the
   * limits of G3 and G4 never refuse). The code goes to the sender by SMS; registration-service's
   * dev sink at {@code sms-url} shows it, and a poller reads the sink every 250 ms and confirms each
   * gift as soon as its code is there. Prints the requests' latency (from the intended send time),
   * the confirmations' (from sending) and how long a code took from the request's answer to the
   * confirmation being sent.
   */
  static final class Gifts {
    private static final Pattern GIFT_ID = Pattern.compile("\"giftId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CODE =
        Pattern.compile("\"to\"\\s*:\\s*\"(\\d+)\"[^{}]*?\"text\"\\s*:\\s*\"Код подтверждения подарка: (\\d{6})");

    private record Awaiting(String giftId, String token, long answeredAt, boolean measured) {}

    private final Wire http;
    private final String url;
    private final Map<String, Awaiting> awaiting = new ConcurrentHashMap<>();
    private final Map<HttpRequest, String[]> senders = Collections.synchronizedMap(new IdentityHashMap<>());
    private final List<CompletableFuture<?>> confirmations = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Long> confirmLatency = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> codeDelay = new ConcurrentLinkedQueue<>();
    private final AtomicLong confirmErrors = new AtomicLong();
    private final AtomicLong reported = new AtomicLong();
    private volatile boolean measuring;

    private Gifts(Wire http, String url) {
      this.http = http;
      this.url = url;
    }

    static void run(Wire http, String url, Map<String, String> opt, long base, int accounts, int seconds)
        throws Exception {
      Gifts gifts = new Gifts(http, url);
      PrivateKey key = readKey(Path.of(opt.get("private-key")));
      int rate = Integer.parseInt(opt.getOrDefault("rate", "20"));
      int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
      String points = opt.getOrDefault("points", "50");
      URI sink = URI.create(opt.get("sms-url") + "/dev/sms-gateway/messages");
      String run = Long.toString(System.nanoTime(), 36);
      long offset = ThreadLocalRandom.current().nextInt(accounts);
      AtomicLong next = new AtomicLong();
      IntFunction<HttpRequest> request =
          i -> {
            long n = next.getAndIncrement();
            String sender = Long.toString(base + 1 + (offset + n) % accounts);
            String recipient = Long.toString(base + 1 + (offset + n + accounts / 2) % accounts);
            String token;
            try {
              token = memberToken(key, sender);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            HttpRequest r = HttpRequest.newBuilder(URI.create(url + "/api/v1/gifts"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + run + "-" + n)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"recipientMsisdn\":\"" + recipient + "\",\"points\":" + points + "}"))
                .build();
            gifts.senders.put(r, new String[] {sender, token});
            return r;
          };
      Answered answered =
          (r, response, ok) -> {
            String[] sender = gifts.senders.remove(r);
            Matcher m = ok ? GIFT_ID.matcher(response.body()) : null;
            if (m != null && m.find()) {
              gifts.awaiting.put(sender[0], new Awaiting(m.group(1), sender[1], System.nanoTime(), gifts.measuring));
            }
          };
      Thread poller = new Thread(() -> gifts.poll(sink));
      poller.setDaemon(true);
      poller.start();
      openModel(http, request, 201, rate, warmup, answered);
      gifts.measuring = true;
      Stats measured = openModel(http, request, 201, rate, seconds, answered);
      gifts.measuring = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (gifts.awaiting.values().stream().anyMatch(Awaiting::measured) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      long unconfirmed = gifts.awaiting.values().stream().filter(Awaiting::measured).count();
      poller.interrupt();
      CompletableFuture.allOf(gifts.confirmations.toArray(CompletableFuture<?>[]::new)).join();
      Stats confirm = Stats.of(gifts.confirmLatency.stream().mapToLong(Long::longValue).toArray(), gifts.confirmErrors.get());
      Stats code = Stats.of(gifts.codeDelay.stream().mapToLong(Long::longValue).toArray(), 0);
      System.out.printf(
          "RESULT mode=gift model=open requests=%d errors=%d rate=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
              + " confirmations=%d confirm_errors=%d confirm_p50_ms=%.2f confirm_p99_ms=%.2f confirm_max_ms=%.2f"
              + " code_p50_ms=%.0f code_p99_ms=%.0f unconfirmed=%d sent=%d%n",
          measured.requests(), measured.errors(), rate, measured.p50(), measured.p90(), measured.p99(), measured.max(),
          confirm.requests(), confirm.errors(), confirm.p50(), confirm.p99(), confirm.max(), code.p50(), code.p99(),
          unconfirmed, next.get());
    }

    /** Reads the SMS sink every 250 ms and confirms the gifts whose codes are there. */
    private void poll(URI sink) {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          if (!awaiting.isEmpty()) {
            String messages = http.send(HttpRequest.newBuilder(sink).timeout(Duration.ofSeconds(10)).GET().build()).body();
            Matcher m = CODE.matcher(messages);
            while (m.find()) {
              Awaiting gift = awaiting.remove(m.group(1));
              if (gift != null) {
                confirm(gift, m.group(2));
              }
            }
          }
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          if (reported.incrementAndGet() <= 3) {
            System.err.println("SMS sink: " + e);
          }
        }
      }
    }

    private void confirm(Awaiting gift, String code) {
      long sent = System.nanoTime();
      HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/gifts/" + gift.giftId() + "/confirmation"))
          .header("Authorization", "Bearer " + gift.token())
          .header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
          .build();
      confirmations.add(http.sendAsync(request).handle((response, failure) -> {
        if (!gift.measured()) {
          return null;
        }
        confirmLatency.add(System.nanoTime() - sent);
        codeDelay.add(sent - gift.answeredAt());
        if (failure != null || response.statusCode() != 200) {
          confirmErrors.incrementAndGet();
          if (reported.incrementAndGet() <= 3) {
            System.err.println("confirmation: " + (failure != null ? failure : "HTTP " + response.statusCode() + ": " + response.body()));
          }
        }
        return null;
      }));
    }
  }

  private static void closedGets(Wire http, String url, String token, int workers, int seconds)
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
                    int status = http.send(request.build()).statusCode();
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

  /** What an open-model run measured; latencies in milliseconds. */
  record Stats(long requests, long errors, double p50, double p90, double p99, double max) {
    /** The percentiles of these latencies (nanoseconds). */
    static Stats of(long[] latencies, long errors) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return new Stats(
          sorted.length,
          errors,
          pct(sorted, 50),
          pct(sorted, 90),
          pct(sorted, 99),
          sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    /** Counts only: for runs that are not measured. */
    Stats plus(Stats other) {
      return new Stats(requests + other.requests, errors + other.errors, p50, p90, p99, max);
    }

    void print(String mode, int rate, long sentBefore) {
      System.out.printf(
          "RESULT mode=%s model=open requests=%d errors=%d rate=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
              + " sent=%d%n",
          mode, requests, errors, rate, p50, p90, p99, max, sentBefore + requests);
    }
  }

  /** Told of each open-model request once its answer (null on failure) is in, and whether it succeeded. */
  interface Answered {
    void answered(HttpRequest request, Reply response, boolean ok);
  }

  /**
   * Open model: request {@code i} is due at {@code start + i / rate} and sent then, whether or not
   * earlier ones have been answered; its latency counts from that intended time. A null request
   * is a slot left empty. Only {@code expected} is a success; the first error bodies go to stderr.
   * {@code answered}, if not null, is told of every answer.
   */
  private static Stats openModel(
      Wire http, IntFunction<HttpRequest> requests, int expected, int rate, int seconds, Answered answered)
      throws Exception {
    long interval = 1_000_000_000L / rate;
    int total = rate * seconds;
    long[] latency = new long[total];
    Arrays.fill(latency, -1);
    CompletableFuture<?>[] futures = new CompletableFuture<?>[total];
    AtomicLong errors = new AtomicLong();
    AtomicLong reported = new AtomicLong();
    long start = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < total; i++) {
      long intended = start + i * interval;
      // parked, not spinning: the driver shares the cores with what it measures, and a late
      // wake-up only adds to the latency measured from the intended time
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      HttpRequest request = requests.apply(i);
      if (request == null) {
        futures[i] = CompletableFuture.completedFuture(null);
        continue;
      }
      futures[i] =
          http.sendAsync(request)
              .handle(
                  (response, failure) -> {
                    latency[index] = System.nanoTime() - intended;
                    boolean ok = failure == null && response.statusCode() == expected;
                    if (answered != null) {
                      answered.answered(request, response, ok);
                    }
                    if (!ok) {
                      errors.incrementAndGet();
                      if (reported.incrementAndGet() <= 3) {
                        System.err.println(failure != null ? failure : "HTTP " + response.statusCode() + ": " + response.body());
                      }
                    }
                    return null;
                  });
    }
    CompletableFuture.allOf(futures).join();
    return Stats.of(Arrays.stream(latency).filter(l -> l >= 0).toArray(), errors.get());
  }

  /** CPU time this driver has used so far, in milliseconds (-1 where the platform can't tell). */
  private static long cpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
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

  /** An answer: its status and its body as text. */
  record Reply(int statusCode, String body) {}

  /**
   * HTTP/1.1 over plain keep-alive sockets, one per thread and server. The driver shares the cores
   * with what it measures, and this costs it a fraction of the CPU per request of the JDK's
   * HttpClient (its selector thread, executor hand-offs and per-exchange objects), and so also
   * fewer collector pauses. {@link #sendAsync} hands a request to a pool of sender threads, each
   * with its own connections, that grows with the requests in flight: an open-model request never
   * waits for another one's answer.
   */
  static final class Wire {
    private static final int DEFAULT_TIMEOUT_MS = 30_000;
    private final ThreadLocal<Map<String, Connection>> connections = ThreadLocal.withInitial(HashMap::new);
    private final ThreadPoolExecutor senders =
        new ThreadPoolExecutor(
            0,
            2_000,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "sender");
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());

    Reply send(HttpRequest request) throws IOException {
      URI uri = request.uri();
      int port = uri.getPort() < 0 ? 80 : uri.getPort();
      String authority = uri.getHost() + ":" + port;
      byte[] body = body(request);
      byte[] head = head(request, authority, body.length);
      int timeout = request.timeout().map(t -> (int) t.toMillis()).orElse(DEFAULT_TIMEOUT_MS);
      Map<String, Connection> mine = connections.get();
      Connection connection = mine.remove(authority);
      boolean reused = connection != null;
      if (connection == null) {
        connection = new Connection(uri.getHost(), port);
      }
      try {
        Connection.Answer answer;
        try {
          answer = connection.exchange(head, body, timeout);
        } catch (Connection.Closed | SocketException e) {
          if (!reused) {
            throw e;
          }
          // the server closed the idle connection before this request reached it: once more, anew
          connection.close();
          connection = new Connection(uri.getHost(), port);
          answer = connection.exchange(head, body, timeout);
        }
        if (answer.keepAlive()) {
          mine.put(authority, connection);
        } else {
          connection.close();
        }
        return answer.reply();
      } catch (IOException | RuntimeException e) {
        connection.close();
        throw e;
      }
    }

    CompletableFuture<Reply> sendAsync(HttpRequest request) {
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              return send(request);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          },
          senders);
    }

    private static byte[] head(HttpRequest request, String authority, int length) {
      URI uri = request.uri();
      StringBuilder head = new StringBuilder(512).append(request.method()).append(' ').append(uri.getRawPath());
      if (uri.getRawQuery() != null) {
        head.append('?').append(uri.getRawQuery());
      }
      head.append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
      request.headers().map().forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
      if (length > 0 || !request.method().equals("GET")) {
        head.append("Content-Length: ").append(length).append("\r\n");
      }
      return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes of the request's body (the JDK's publishers of strings and arrays hand them over at once). */
    private static byte[] body(HttpRequest request) {
      HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
      if (publisher == null || publisher.contentLength() == 0) {
        return new byte[0];
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(publisher.contentLength(), 64));
      CompletableFuture<Void> done = new CompletableFuture<>();
      publisher.subscribe(
          new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
              byte[] chunk = new byte[item.remaining()];
              item.get(chunk);
              bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable failure) {
              done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
              done.complete(null);
            }
          });
      done.join();
      return bytes.toByteArray();
    }

    /** One keep-alive connection, used by one thread at a time. */
    private static final class Connection {
      record Answer(Reply reply, boolean keepAlive) {}

      /** The connection was closed before any byte of the answer. */
      static final class Closed extends EOFException {
        private static final long serialVersionUID = 1L;

        Closed() {
          super("connection closed before the answer");
        }
      }

      private final Socket socket;
      private final InputStream in;
      private final OutputStream out;

      Connection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 16_384);
        out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
      }

      Answer exchange(byte[] head, byte[] body, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        out.write(head);
        out.write(body);
        out.flush();
        String status = line();
        if (status == null) {
          throw new Closed();
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
          throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = parts[0].equals("HTTP/1.1");
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
          int colon = header.indexOf(':');
          if (colon < 0) {
            continue;
          }
          String name = header.substring(0, colon).trim();
          String value = header.substring(colon + 1).trim();
          if (name.equalsIgnoreCase("Content-Length")) {
            length = Long.parseLong(value);
          } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
            chunked = value.toLowerCase().contains("chunked");
          } else if (name.equalsIgnoreCase("Connection")) {
            keepAlive = !value.equalsIgnoreCase("close");
          }
        }
        byte[] content;
        if (chunked) {
          ByteArrayOutputStream all = new ByteArrayOutputStream();
          for (int size = chunkSize(); size > 0; size = chunkSize()) {
            all.write(in.readNBytes(size));
            line();
          }
          for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
            // trailers are not used
          }
          content = all.toByteArray();
        } else if (length >= 0) {
          content = in.readNBytes((int) length);
          if (content.length < length) {
            throw new EOFException("answer cut short");
          }
        } else if (code == 204 || code == 304 || code / 100 == 1) {
          content = new byte[0];
        } else {
          content = in.readAllBytes();
          keepAlive = false;
        }
        return new Answer(new Reply(code, new String(content, StandardCharsets.UTF_8)), keepAlive);
      }

      private int chunkSize() throws IOException {
        String line = line();
        if (line == null) {
          throw new EOFException("answer cut short");
        }
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
      }

      /** A header line without its CRLF, or null at the end of the stream before any byte of it. */
      private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
          if (b == '\n') {
            int end = line.length();
            return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
          }
          line.append((char) b);
        }
        if (line.length() == 0) {
          return null;
        }
        throw new EOFException("answer cut short");
      }

      void close() {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }
}
