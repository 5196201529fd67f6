package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.errors.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local grid's indexer GraphQL endpoint: {@code POST /graphql} with {@code {"query": ..., "variables": ...}},
 * answered from a {@link LocalTfchain}'s state and what the nodes report ({@link NodeUsage}), for the queries the
 * official grid client sends ({@code nodes}, {@code farms}, {@code publicIps}, {@code twins}, {@code nodeContracts},
 * {@code nameContracts}, {@code rentContracts}, {@code contractBillReports} and their {@code ...Connection
 * { totalCount }}; see {@link GraphqlExecutor} for the filters). A query it cannot answer gets 400 with
 * {@code {"errors": [{"message": ...}]}} naming what was asked.
 */
public final class LocalGraphql implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalGraphql.class);
    private static final int MAX_BODY = 256 * 1024;

    private final LocalTfchain chain;
    private final ContractHistory history;
    private final GraphqlExecutor executor;
    private final HttpServer server;

    private LocalGraphql(LocalTfchain chain, ContractHistory history, HttpServer server, NodeUsage usage) {
        this.chain = chain;
        this.history = history;
        this.executor = new GraphqlExecutor(new GridIndex(chain, usage, history));
        this.server = server;
    }

    /**
     * Serves on a loopback port (0 for a free one).
     *
     * @param chain the chain whose state it answers from; it listens to its blocks for contracts' history and bills
     * @param usage what the nodes report
     */
    public static LocalGraphql start(LocalTfchain chain, NodeUsage usage, int port) throws IOException {
        ContractHistory history = new ContractHistory(chain);
        chain.addListener(history);
        HttpServer server = JsonHttp.server(port, "local-graphql");
        LocalGraphql graphql = new LocalGraphql(chain, history, server, usage);
        server.createContext("/graphql", graphql::handle);
        server.start();
        return graphql;
    }

    /** The endpoint, {@code http://127.0.0.1:PORT/graphql}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/graphql");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "content-type");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                errors(exchange, 405, "POST a JSON body {\"query\": ..., \"variables\": ...}");
                return;
            }
            Optional<byte[]> body = JsonHttp.body(exchange, MAX_BODY);
            if (body.isEmpty()) {
                errors(exchange, 413, "the request is larger than " + MAX_BODY + " bytes");
                return;
            }
            Map<String, Object> request;
            try {
                request = JsonHttp.JSON.readValue(body.get(), new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                errors(exchange, 400, "the body is not a JSON object");
                return;
            }
            try {
                if (request == null || !(request.get("query") instanceof String query)) {
                    throw new InvalidInputException("query", "the body has no \"query\" string");
                }
                Object variables = request.get("variables");
                if (variables != null && !(variables instanceof Map<?, ?>)) {
                    throw new InvalidInputException("variables", "\"variables\" is not an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> given = (Map<String, Object>) variables;
                Map<String, Object> data = executor.execute(GraphqlQuery.parse(query, given));
                JsonHttp.answer(exchange, 200, Map.of("data", data), Map.of());
            } catch (InvalidInputException e) {
                LOG.info("GraphQL query refused: {}", e.getMessage());
                errors(exchange, 400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("GraphQL query failed", e);
                errors(exchange, 500, "internal error");
            }
        }
    }

    private static void errors(HttpExchange exchange, int status, String message) throws IOException {
        JsonHttp.answer(exchange, status, Map.of("errors", List.of(Map.of("message", message))), Map.of());
    }

    /** Stops serving and listening to the chain. */
    @Override
    public void close() {
        chain.removeListener(history);
        JsonHttp.stop(server);
    }
}
