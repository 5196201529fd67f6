package io.threebot.deployer.stellar.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Horizon server on a loopback port, for tests and demos, serving what the Stellar SDK's {@code Server} uses:
 * {@code GET /accounts/{id}} (balances and the TFT trustline), {@code GET /accounts/{id}/payments} with
 * {@code cursor}, {@code order}, {@code limit} and {@code join=transactions}, and as a server-sent event stream
 * ({@code Accept: text/event-stream}), {@code GET /transactions/{hash}} and {@code POST /transactions}, which
 * decodes the envelope with the SDK's classes and checks network, signature, time bounds, sequence number, fee,
 * balances and trustlines, answering with Horizon's result codes.
 *
 * <p>Its network has a passphrase of its own, so nothing signed for it is valid anywhere else, and a TFT issuer
 * made for it ({@link #tftIssuer()}). Faults: {@link #goDown()} answers 503 to everything and ends the streams
 * until {@link #comeBack()}; {@link #rateLimitNext} answers 429 with {@code Retry-After}; {@link #loseNextAnswers}
 * applies a submission but answers 504, as when the answer is lost; {@link #answerNextWith} sends any body.
 */
public final class HorizonDouble implements AutoCloseable {
    /** The double's network passphrase. */
    public static final String PASSPHRASE = "Threebot Deployer Horizon double ; loopback only";
    private static final Logger LOG = LoggerFactory.getLogger(HorizonDouble.class);
    private static final int MAX_LIMIT = 200;
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final DoubleLedger ledger;
    private final HorizonJson json;
    private final KeyPair issuer = KeyPair.random();
    private final String url;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile Duration retryAfter = Duration.ofSeconds(1);
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final BlockingQueue<byte[]> canned = new LinkedBlockingQueue<>();
    private final Set<BlockingQueue<Optional<DoubleLedger.Payment>>> streams = ConcurrentHashMap.newKeySet();

    private HorizonDouble(int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
        this.ledger = new DoubleLedger(new Network(PASSPHRASE), issuer.getAccountId(), Clock.systemUTC());
        this.json = new HorizonJson(url, issuer.getAccountId());
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "horizon-double");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        ledger.createAccount(issuer.getAccountId(), 10_000 * 10_000_000L);
    }

    /** Starts a double on a free loopback port. */
    public static HorizonDouble start() {
        return start(0);
    }

    /** Starts a double on {@code port} (0 for a free one). */
    public static HorizonDouble start(int port) {
        try {
            HorizonDouble horizon = new HorizonDouble(port);
            horizon.server.start();
            return horizon;
        } catch (IOException e) {
            throw new IllegalStateException("the Horizon double could not listen on 127.0.0.1:" + port, e);
        }
    }

    /** Its base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return url;
    }

    /** The network passphrase it checks signatures against, {@link #PASSPHRASE}. */
    public String passphrase() {
        return PASSPHRASE;
    }

    /** The account that issues its TFT. */
    public String tftIssuer() {
        return issuer.getAccountId();
    }

    /** Creates an account holding {@code xlmStroops} of XLM, as a funding account would. */
    public HorizonDouble createAccount(String accountId, long xlmStroops) {
        ledger.createAccount(accountId, xlmStroops);
        return this;
    }

    /** Gives an account a TFT trustline (as its owner's {@code change_trust} would). */
    public HorizonDouble addTrustline(String accountId) {
        ledger.addTrustline(accountId);
        return this;
    }

    /** Removes an account's TFT trustline. */
    public HorizonDouble removeTrustline(String accountId) {
        ledger.removeTrustline(accountId);
        return this;
    }

    /** Credits TFT to an account with a trustline, from the issuer. */
    public HorizonDouble issueTft(String accountId, long stroops) {
        ledger.issue(accountId, stroops);
        return this;
    }

    /** A funded account with a TFT trustline holding {@code tftStroops}, in one step. */
    public HorizonDouble fundWithTft(String accountId, long tftStroops) {
        return createAccount(accountId, 100 * 10_000_000L).addTrustline(accountId).issueTft(accountId, tftStroops);
    }

    /** An account's TFT, empty when it has no account or no TFT trustline. */
    public Optional<Long> tftBalance(String accountId) {
        return ledger.find(accountId).map(a -> a.tft);
    }

    /** An account's XLM in stroops, empty when it does not exist. */
    public Optional<Long> xlmBalance(String accountId) {
        return ledger.find(accountId).map(a -> a.xlm);
    }

    /** The successful transactions whose source is {@code accountId} and whose text memo is {@code memo}. */
    public List<String> transactionsWithMemo(String accountId, String memo) {
        return ledger.transactions().stream()
                .filter(t -> t.successful() && t.source().equals(accountId) && t.memoText().equals(memo))
                .map(DoubleLedger.Applied::hash).toList();
    }

    /** How many requests it was sent. */
    public int requests() {
        return requests.get();
    }

    /** From now on answers 503 to everything and ends open streams. */
    public void goDown() {
        down.set(true);
        streams.forEach(q -> q.offer(Optional.empty()));
    }

    /** Answers again. */
    public void comeBack() {
        down.set(false);
    }

    /** The next {@code times} requests are answered 429 with {@code Retry-After: retryAfter}. */
    public void rateLimitNext(int times, Duration after) {
        this.retryAfter = after;
        rateLimited.set(times);
    }

    /** The next {@code times} submissions are applied, but answered 504 as if Horizon timed out. */
    public void loseNextAnswers(int times) {
        lostAnswers.set(times);
    }

    /**
     * The next request is answered 200 with {@code body} as it is, whatever it asked: a malformed, oversized or
     * hostile answer.
     */
    public void answerNextWith(byte[] body) {
        canned.add(body.clone());
    }

    @Override
    public void close() {
        streams.forEach(q -> q.offer(Optional.empty()));
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (down.get()) {
                send(exchange, 503, HorizonJson.problem(503, "service_unavailable", "Service Unavailable",
                        "The double is down."));
                return;
            }
            if (rateLimited.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
                send(exchange, 429, HorizonJson.problem(429, "rate_limit_exceeded", "Rate Limit Exceeded",
                        "Too many requests."));
                return;
            }
            byte[] body = canned.poll();
            if (body != null) {
                exchange.getResponseHeaders().set("Content-Type", "application/hal+json; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            route(exchange);
        } catch (RuntimeException e) {
            LOG.warn("The Horizon double failed on {}", exchange.getRequestURI(), e);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI());
        String[] parts = path.split("/");
        if ("GET".equals(method) && "/".equals(path)) {
            send(exchange, 200, json.root(PASSPHRASE));
        } else if ("POST".equals(method) && "/transactions".equals(path)) {
            submit(exchange);
        } else if ("GET".equals(method) && parts.length == 3 && "accounts".equals(parts[1])) {
            Optional<DoubleLedger.Account> account = ledger.find(parts[2]);
            if (account.isPresent()) {
                send(exchange, 200, json.account(account.get()));
            } else {
                notFound(exchange);
            }
        } else if ("GET".equals(method) && parts.length == 4 && "accounts".equals(parts[1])
                && "payments".equals(parts[3])) {
            payments(exchange, parts[2], query);
        } else if ("GET".equals(method) && parts.length == 3 && "transactions".equals(parts[1])) {
            Optional<DoubleLedger.Applied> tx = ledger.transaction(parts[2]);
            if (tx.isPresent()) {
                send(exchange, 200, json.transaction(tx.get()));
            } else {
                notFound(exchange);
            }
        } else {
            notFound(exchange);
        }
    }

    private void payments(HttpExchange exchange, String account, Map<String, String> query) throws IOException {
        boolean stream = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept"))
                .map(a -> a.contains("text/event-stream")).orElse(false);
        boolean join = "transactions".equals(query.get("join"));
        String order = query.getOrDefault("order", "asc");
        String cursorText = query.getOrDefault("cursor", stream ? "now" : "");
        int limit;
        long cursor;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "10"));
            cursor = cursorText.isEmpty() ? (order.equals("desc") ? Long.MAX_VALUE : 0)
                    : "now".equals(cursorText) ? Long.MAX_VALUE : Long.parseLong(cursorText);
        } catch (NumberFormatException e) {
            send(exchange, 400, HorizonJson.problem(400, "bad_request", "Bad Request",
                    "cursor and limit must be numbers"));
            return;
        }
        if (limit < 1 || limit > MAX_LIMIT || !(order.equals("asc") || order.equals("desc"))) {
            send(exchange, 400, HorizonJson.problem(400, "bad_request", "Bad Request",
                    "limit is 1 to 200 and order asc or desc"));
            return;
        }
        if (ledger.find(account).isEmpty()) {
            notFound(exchange);
            return;
        }
        if (stream) {
            stream(exchange, account, "now".equals(cursorText) ? Long.MAX_VALUE : cursor, join);
            return;
        }
        long from = cursor;
        List<DoubleLedger.Payment> all = new ArrayList<>(ledger.paymentsOf(account));
        if (order.equals("desc")) {
            java.util.Collections.reverse(all);
        }
        List<ObjectNode> records = all.stream()
                .filter(p -> order.equals("asc") ? p.id() > from : p.id() < from)
                .limit(limit)
                .map(p -> json.payment(p, join ? ledger.transaction(p.txHash()) : Optional.empty()))
                .toList();
        String next = records.isEmpty() ? cursorText : records.get(records.size() - 1).get("paging_token").asText();
        send(exchange, 200, json.page("/accounts/" + account + "/payments", records, next));
    }

    private void stream(HttpExchange exchange, String account, long cursor, boolean join) throws IOException {
        BlockingQueue<Optional<DoubleLedger.Payment>> queue = new LinkedBlockingQueue<>();
        Consumer<DoubleLedger.Payment> listener = p -> {
            if (p.from().equals(account) || p.to().equals(account)) {
                queue.offer(Optional.of(p));
            }
        };
        ledger.onPayment(listener);
        streams.add(queue);
        long sentUpTo = cursor;
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, "retry: 1000\nevent: open\ndata: \"hello\"\n\n");
            if (cursor != Long.MAX_VALUE) {
                for (DoubleLedger.Payment p : ledger.paymentsOf(account)) {
                    if (p.id() > sentUpTo) {
                        event(out, p, join);
                        sentUpTo = p.id();
                    }
                }
            }
            while (!down.get()) {
                Optional<DoubleLedger.Payment> next = queue.poll(5, TimeUnit.SECONDS);
                if (next == null) {
                    write(out, ": keep-alive\n\n");
                } else if (next.isEmpty()) {
                    return;
                } else if (next.get().id() > sentUpTo || cursor == Long.MAX_VALUE) {
                    event(out, next.get(), join);
                    sentUpTo = next.get().id();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            ledger.removeListener(listener);
            streams.remove(queue);
        }
    }

    private void event(OutputStream out, DoubleLedger.Payment p, boolean join) throws IOException {
        ObjectNode record = json.payment(p, join ? ledger.transaction(p.txHash()) : Optional.empty());
        write(out, "id: " + p.id() + "\ndata: " + HorizonJson.MAPPER.writeValueAsString(record) + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void submit(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
            send(exchange, 413, HorizonJson.problem(413, "payload_too_large", "Payload Too Large", "too large"));
            return;
        }
        String envelope = form(new String(body, StandardCharsets.UTF_8)).get("tx");
        if (envelope == null) {
            send(exchange, 400, HorizonJson.problem(400, "transaction_missing", "Transaction Missing",
                    "the tx form field is missing"));
            return;
        }
        DoubleLedger.Outcome outcome;
        try {
            outcome = ledger.submit(envelope);
        } catch (IOException e) {
            ObjectNode problem = HorizonJson.problem(400, "transaction_malformed", "Transaction Malformed",
                    "Horizon could not decode the transaction envelope.");
            problem.putObject("extras").put("envelope_xdr", envelope);
            send(exchange, 400, problem);
            return;
        }
        if (outcome.applied() && lostAnswers.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            send(exchange, 504, HorizonJson.problem(504, "timeout", "Timeout",
                    "Your request timed out before completing."));
            return;
        }
        if (outcome.applied()) {
            send(exchange, 200, json.submitted(outcome.tx().orElseThrow()));
        } else {
            send(exchange, 400, HorizonJson.failed(envelope, outcome.txCode(), outcome.opCodes()));
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, HorizonJson.problem(404, "not_found", "Resource Missing",
                "The resource at the url requested was not found."));
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = HorizonJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json; charset=utf-8" : "application/hal+json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
