package io.threebot.deployer.examples.v3grid;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.errors.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local grid's gridproxy: the REST discovery API of tfgrid-sdk-go's {@code grid-proxy} ({@code docs/swagger.yaml})
 * on a loopback port, answered from a {@link LocalTfchain}'s state and what the nodes report ({@link NodeUsage}).
 *
 * <p>{@code GET /nodes}, {@code /gateways}, {@code /farms}, {@code /twins}, {@code /contracts} with gridproxy's
 * filters, {@code page}/{@code size} paging, {@code sort_by}/{@code sort_order} and {@code ret_count} (the total in
 * the {@code count} header); {@code /nodes/{id}} and {@code /gateways/{id}} (capacity nested, as gridproxy answers
 * one node), {@code /nodes/{id}/status}, {@code /nodes/{id}/statistics}, {@code /contracts/{id}/bills}, {@code /stats} and {@code /ping}. A bad
 * parameter answers 400 with {@code {"error": ...}} naming it; an unknown node or contract 404.
 */
public final class LocalGridProxy implements AutoCloseable {
    /** What {@code GET /version} names (the client only checks that it answers). */
    private static final String VERSION = "local-v3";
    private static final Logger LOG = LoggerFactory.getLogger(LocalGridProxy.class);
    private static final Pattern ONE = Pattern.compile("/(nodes|gateways)/([^/]+)(/status|/statistics)?/?");
    private static final Pattern BILLS = Pattern.compile("/contracts/([^/]+)/bills/?");

    private final GridIndex index;
    private final ContractHistory history;
    private final HttpServer server;

    private LocalGridProxy(GridIndex index, ContractHistory history, HttpServer server) {
        this.index = index;
        this.history = history;
        this.server = server;
    }

    /**
     * Serves on a loopback port (0 for a free one).
     *
     * @param chain the chain whose state it answers from; it listens to its blocks for contracts' history and bills
     * @param usage what the nodes report
     */
    public static LocalGridProxy start(LocalTfchain chain, NodeUsage usage, int port) throws IOException {
        ContractHistory history = new ContractHistory(chain);
        chain.addListener(history);
        HttpServer server = JsonHttp.server(port, "local-gridproxy");
        LocalGridProxy proxy = new LocalGridProxy(new GridIndex(chain, usage, history), history, server);
        server.createContext("/", proxy::handle);
        server.start();
        return proxy;
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The contracts' history it keeps, which {@link LocalGraphql} may share. */
    ContractHistory history() {
        return history;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                JsonHttp.error(exchange, 405, "GET only");
                return;
            }
            try {
                route(exchange, exchange.getRequestURI().getPath(),
                        QueryParams.parse(exchange.getRequestURI().getRawQuery()));
            } catch (InvalidInputException e) {
                JsonHttp.error(exchange, 400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("gridproxy could not answer {}", exchange.getRequestURI(), e);
                JsonHttp.error(exchange, 500, "internal error");
            }
        }
    }

    private void route(HttpExchange exchange, String path, QueryParams q) throws IOException {
        long now = index.chain().head().timestamp() / 1000;
        Matcher one = ONE.matcher(path);
        Matcher bills = BILLS.matcher(path);
        switch (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path) {
            case "/ping" -> JsonHttp.answer(exchange, 200, Map.of("ping", "pong"), Map.of());
            case "/version" -> JsonHttp.answer(exchange, 200, Map.of("version", VERSION, "commit", "local"),
                    Map.of());
            case "/nodes" -> list(exchange, q, index.nodes(), ProxyFilters.nodes(q), ProxyFilters.nodeSorts(),
                    "node_id", n -> ProxyViews.node(n, false, now));
            case "/gateways" -> list(exchange, q, index.nodes().stream().filter(n -> n.node().isGateway()).toList(),
                    ProxyFilters.nodes(q), ProxyFilters.nodeSorts(), "node_id", n -> ProxyViews.node(n, false, now));
            case "/farms" -> list(exchange, q, index.farms(), ProxyFilters.farms(q, index.nodes()),
                    ProxyFilters.farmSorts(), "farm_id", ProxyViews::farm);
            case "/twins" -> list(exchange, q, index.twins(), ProxyFilters.twins(q), ProxyFilters.twinSorts(),
                    "twin_id", ProxyViews::twin);
            case "/contracts" -> list(exchange, q, index.contracts(), ProxyFilters.contracts(q),
                    ProxyFilters.contractSorts(), "contract_id", ProxyViews::contract);
            case "/stats" -> JsonHttp.answer(exchange, 200, stats(q), Map.of());
            default -> {
                if (one.matches()) {
                    node(exchange, one.group(1).equals("gateways"), id(one.group(2), one.group(1)),
                            Optional.ofNullable(one.group(3)), now);
                } else if (bills.matches()) {
                    bills(exchange, id(bills.group(1), "contract_id"), q);
                } else {
                    JsonHttp.error(exchange, 404, "no such endpoint: " + path);
                }
            }
        }
    }

    private static long id(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what, what + " id is not a number: " + text);
        }
    }

    private <T> void list(HttpExchange exchange, QueryParams q, List<T> items, Predicate<T> filter,
            Map<String, Comparator<T>> sorts, String defaultSort, Function<T, Map<String, Object>> view)
            throws IOException {
        long page = q.page();
        long size = q.size();
        String sortBy = q.text("sort_by").orElse(defaultSort);
        Comparator<T> order = sorts.get(sortBy);
        if (order == null) {
            throw new InvalidInputException("sort_by", "sort_by is one of " + new TreeSet<>(sorts.keySet()) + ": "
                    + sortBy);
        }
        String direction = q.text("sort_order").orElse("asc").toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new InvalidInputException("sort_order", "sort_order is asc or desc: " + direction);
        }
        List<T> matching = items.stream().filter(filter).sorted(direction.equals("desc") ? order.reversed() : order)
                .toList();
        pageOf(exchange, q, matching.stream().map(view).toList(), page, size);
    }

    private static void pageOf(HttpExchange exchange, QueryParams q, List<Map<String, Object>> all, long page,
            long size) throws IOException {
        long from = Math.min(all.size(), (page - 1) * size);
        long to = Math.min(all.size(), from + size);
        Map<String, String> headers = q.flag("ret_count").orElse(false)
                ? Map.of("count", String.valueOf(all.size())) : Map.of();
        JsonHttp.answer(exchange, 200, all.subList((int) from, (int) to), headers);
    }

    private void node(HttpExchange exchange, boolean gateway, long id, Optional<String> part, long now)
            throws IOException {
        Optional<GridIndex.NodeView> found = index.nodes().stream()
                .filter(n -> n.node().id() == id && (!gateway || n.node().isGateway())).findFirst();
        if (found.isEmpty()) {
            JsonHttp.error(exchange, 404, (gateway ? "gateway" : "node") + " not found");
        } else if (part.equals(Optional.of("/status"))) {
            JsonHttp.answer(exchange, 200, Map.of("status", found.get().up() ? "up" : "down"), Map.of());
        } else if (part.isPresent()) {
            statistics(exchange, found.get());
        } else {
            JsonHttp.answer(exchange, 200, ProxyViews.node(found.get(), true, now), Map.of());
        }
    }

    /** What gridproxy relays from the node ({@code zos.statistics.get}); a node that is down cannot answer. */
    private void statistics(HttpExchange exchange, GridIndex.NodeView node) throws IOException {
        if (!node.up()) {
            JsonHttp.error(exchange, 502, "node " + node.node().id() + " is not reachable");
            return;
        }
        long deployments = index.contracts().stream().filter(c -> c.contract().type() == Contract.Type.NODE
                && c.contract().nodeId() == node.node().id() && !c.state().equals(GridIndex.DELETED)).count();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("total", ProxyViews.capacity(node.node().resources()));
        map.put("used", ProxyViews.capacity(node.used()));
        map.put("system", ProxyViews.capacity(Resources.NONE));
        map.put("users", Map.of("deployments", deployments, "workloads", deployments));
        JsonHttp.answer(exchange, 200, map, Map.of());
    }

    private void bills(HttpExchange exchange, long contractId, QueryParams q) throws IOException {
        if (index.contracts().stream().noneMatch(c -> c.contract().id() == contractId)) {
            JsonHttp.error(exchange, 404, "contract not found");
            return;
        }
        List<Map<String, Object>> reports = index.bills().stream().filter(b -> b.contractId() == contractId)
                .sorted(Comparator.comparingLong(ContractHistory.Bill::timestamp).reversed())
                .map(ProxyViews::bill).toList();
        pageOf(exchange, q, reports, q.page(), q.size());
    }

    private Map<String, Object> stats(QueryParams q) {
        List<String> statuses = q.texts("status");
        List<GridIndex.NodeView> nodes = index.nodes().stream()
                .filter(n -> statuses.isEmpty() || statuses.contains(n.up() ? "up" : "down")).toList();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nodes", nodes.size());
        map.put("farms", index.farms().size());
        Map<String, Long> distribution = new java.util.TreeMap<>();
        nodes.stream().map(n -> n.node().location().country()).filter(c -> !c.isEmpty())
                .forEach(c -> distribution.merge(c, 1L, Long::sum));
        map.put("countries", distribution.size());
        map.put("totalCru", nodes.stream().mapToLong(n -> n.node().resources().cru()).sum());
        map.put("totalSru", nodes.stream().mapToLong(n -> n.node().resources().sru()).sum());
        map.put("totalMru", nodes.stream().mapToLong(n -> n.node().resources().mru()).sum());
        map.put("totalHru", nodes.stream().mapToLong(n -> n.node().resources().hru()).sum());
        map.put("publicIps", index.farms().stream().mapToLong(f -> f.publicIps().size()).sum());
        map.put("accessNodes", nodes.stream().filter(n -> n.node().publicConfig().isPresent()).count());
        map.put("gateways", nodes.stream().filter(n -> n.node().isGateway()).count());
        map.put("twins", index.twins().size());
        map.put("contracts", index.contracts().stream().filter(c -> !c.state().equals(GridIndex.DELETED)).count());
        map.put("nodesDistribution", distribution);
        map.put("gpus", 0);
        map.put("dedicatedNodes", 0);
        return map;
    }

    /** Stops serving and listening to the chain. */
    @Override
    public void close() {
        index.chain().removeListener(history);
        JsonHttp.stop(server);
    }
}
