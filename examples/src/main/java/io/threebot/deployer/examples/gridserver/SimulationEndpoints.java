package io.threebot.deployer.examples.gridserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.threebot.deployer.wire.WireJson;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedPayments;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.RefundOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulation's other services over HTTP, beside its explorer: the operator's wallet, the users' wallet, DNS,
 * reachability, a read-only state dump and faults to inject, under {@code /sim/}. {@link RemoteSimulation} is the
 * client.
 *
 * <p>Faults ({@code POST /sim/faults}): {@code {"fault": "workloads", "type": "CONTAINER", "times": n}} makes the
 * next n workloads of the type fail on their node; {@code {"fault": "hold-refunds", "wallet": "operator"|"users",
 * "times": n, "millis": m}} holds each of the wallet's next n refunds for m milliseconds and then refuses it as an
 * unreachable wallet would, nothing moved; {@code {"fault": "clear"}} ends them all.
 */
final class SimulationEndpoints implements HttpHandler {
    static final String ROOT = "/sim/";
    private static final Logger LOG = LoggerFactory.getLogger(SimulationEndpoints.class);
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final int MAX_BODY = 64 * 1024;

    private final SimulatedGrid grid;
    private final SimulatedPayments operator;
    private final SimulatedLedger users;
    private final SimulatedDns dns;
    private final SimulatedReachability reachability;
    /** Refunds to hold and then refuse, by wallet ("operator" or "users"). */
    private final Map<String, Hold> holds = new HashMap<>();
    /** How many times each wallet call was asked for ("operator/pay", "users/refund", ...), refused ones included. */
    private final Map<String, Long> walletCalls = new TreeMap<>();

    private record Hold(int times, long millis) {
    }

    SimulationEndpoints(SimulatedGrid grid, SimulatedPayments operator, SimulatedLedger users, SimulatedDns dns,
                        SimulatedReachability reachability) {
        this.grid = grid;
        this.operator = operator;
        this.users = users;
        this.dns = dns;
        this.reachability = reachability;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(ROOT.length());
            Map<String, String> query = query(exchange.getRequestURI());
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (post && (path.startsWith("operator/") || path.startsWith("users/"))) {
                synchronized (walletCalls) {
                    walletCalls.merge(path, 1L, Long::sum);
                }
            }
            try {
                Object result = switch ((post ? "POST " : "GET ") + path) {
                    case "POST operator/pay" -> operator.pay(body(exchange, PaymentRequest.class));
                    case "GET operator/payment" -> operator.findByMemo(query.get("memo")).orElse(null);
                    case "POST operator/refund" -> {
                        JsonNode refund = body(exchange, JsonNode.class);
                        holdIfAsked("operator");
                        yield operator.refund(refund.path("paymentId").asText(), refund.path("reason").asText());
                    }
                    case "POST users/request" -> users.request(body(exchange, PaymentDemand.class));
                    case "GET users/transfers" -> users.observe(query.get("memo"));
                    case "POST users/refund" -> {
                        RefundOrder order = body(exchange, RefundOrder.class);
                        holdIfAsked("users");
                        yield users.refund(order);
                    }
                    case "POST users/pay" -> {
                        JsonNode pay = body(exchange, JsonNode.class);
                        yield Map.of("transferId", users.pay(pay.path("sender").asText(),
                                pay.path("amountStroops").asLong(), pay.path("memo").asText()));
                    }
                    case "GET users/net" -> Map.of("netStroops", users.netOf(query.get("address")));
                    case "GET dns/free" -> Map.of("free", dns.isFree(query.get("name")));
                    case "GET dns/resolve" -> dns.resolve(query.get("name"));
                    case "GET reachable" -> Map.of("reachable", reachability.isReachable(URI.create(query.get("uri")),
                            Duration.ofMillis(Long.parseLong(query.getOrDefault("timeoutMillis", "1000")))));
                    case "GET state" -> state();
                    case "POST faults" -> fault(body(exchange, JsonNode.class));
                    default -> throw new NotFound();
                };
                if (result == null) {
                    send(exchange, 404, Map.of("error", "not found"));
                } else {
                    send(exchange, 200, result);
                }
            } catch (NotFound e) {
                send(exchange, 404, Map.of("error", "no such endpoint"));
            } catch (PaymentException e) {
                send(exchange, 402, Map.of("error", e.getMessage()));
            } catch (IllegalArgumentException | NullPointerException e) {
                send(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                LOG.warn("Simulation request {} failed", exchange.getRequestURI(), e);
                send(exchange, 500, Map.of("error", "the simulation failed"));
            }
        }
    }

    /** What a test or an operator looks at: money moved and every workload of every user. */
    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("operatorBalanceStroops", operator.balanceStroops());
        state.put("operatorPayments", operator.receipts());
        state.put("userRefunds", users.refunds());
        state.put("autoPayerNetStroops", users.netOf(SimulatedLedger.AUTO_PAYER));
        Map<String, Object> byUser = new LinkedHashMap<>();
        for (GridUser user : grid.users()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pools", grid.listPools(user.id()));
            entry.put("workloads", grid.listWorkloads(user.id()).stream().map(w -> Map.of("id", w.id(), "type",
                    w.type().name(), "nextAction", w.nextAction().name(), "reference", w.reference(), "nodeId",
                    w.nodeId())).toList());
            byUser.put(user.name(), entry);
        }
        state.put("users", byUser);
        state.put("gridCalls", grid.failures().calls());
        synchronized (walletCalls) {
            state.put("walletCalls", new TreeMap<>(walletCalls));
        }
        return state;
    }

    private Map<String, Object> fault(JsonNode fault) {
        switch (fault.path("fault").asText()) {
            case "workloads" -> grid.failures().failNextWorkloads(WorkloadType.valueOf(fault.path("type").asText()),
                    positive(fault, "times"));
            case "hold-refunds" -> {
                String wallet = fault.path("wallet").asText();
                if (!wallet.equals("operator") && !wallet.equals("users")) {
                    throw new IllegalArgumentException("\"wallet\" must be operator or users");
                }
                synchronized (holds) {
                    holds.put(wallet, new Hold(positive(fault, "times"), positive(fault, "millis")));
                }
            }
            case "clear" -> {
                grid.failures().clear();
                synchronized (holds) {
                    holds.clear();
                }
            }
            default -> throw new IllegalArgumentException("\"fault\" must be workloads, hold-refunds or clear");
        }
        return Map.of("fault", fault.path("fault").asText());
    }

    private static int positive(JsonNode fault, String field) {
        int value = fault.path(field).asInt(0);
        if (value < 1) {
            throw new IllegalArgumentException("\"" + field + "\" must be a positive number");
        }
        return value;
    }

    /**
     * When the wallet's refunds are to be held: waits (outside any lock, so other calls go on) and refuses this one,
     * as a wallet that never answered; nothing moves.
     */
    private void holdIfAsked(String wallet) {
        Hold hold;
        synchronized (holds) {
            hold = holds.get(wallet);
            if (hold == null) {
                return;
            }
            if (hold.times() > 1) {
                holds.put(wallet, new Hold(hold.times() - 1, hold.millis()));
            } else {
                holds.remove(wallet);
            }
        }
        try {
            Thread.sleep(hold.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new PaymentException("simulated outage of the " + wallet + " wallet: the refund was held "
                + hold.millis() + " ms and refused; nothing moved");
    }

    private static <T> T body(HttpExchange exchange, Class<T> type) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("body too large");
            }
            return JSON.readValue(bytes, type);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
