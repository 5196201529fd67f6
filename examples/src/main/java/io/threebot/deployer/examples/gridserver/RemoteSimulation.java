package io.threebot.deployer.examples.gridserver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.explorer.ExplorerGridClient;
import io.threebot.deployer.explorer.ExplorerSettings;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.DomainChecker;
import io.threebot.deployer.spi.IncomingTransfer;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.PaymentDestination;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.Payments;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.spi.RefundReceipt;
import io.threebot.deployer.spi.UserPayments;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A deployer's view of a {@link GridServer} in another process: its explorer through the explorer adapter, exactly
 * as a real explorer, and the simulation's wallets, DNS and reachability through their HTTP endpoints. Every
 * deployer that connects sees the same grid, so several deployer processes can share it, and the grid outlives them.
 */
public final class RemoteSimulation implements AutoCloseable {
    private static final Function<String, RuntimeException> PAYMENT = PaymentException::new;
    private static final Function<String, RuntimeException> GRID = GridUnavailableException::new;

    private final URI root;
    private final SimHttp http;
    private final ExplorerGridClient explorer;

    private RemoteSimulation(URI root) {
        this.root = root;
        this.http = new SimHttp(root);
        this.explorer = new ExplorerGridClient(ExplorerSettings.builder(root.resolve("/api/v1"))
                .requestTimeout(Duration.ofSeconds(10)).backoff(Duration.ofMillis(50)).build());
    }

    /** Connects to the grid server at {@code root}, e.g. {@code http://127.0.0.1:7310}. */
    public static RemoteSimulation connect(URI root) {
        return new RemoteSimulation(root);
    }

    public URI root() {
        return root;
    }

    /** A deployer builder on this grid: explorer, operator wallet, users' wallet, DNS and reachability set. */
    public ThreebotDeployer.Builder deployer() {
        return ThreebotDeployer.builder().grid(explorer).payments(payments()).userPayments(userPayments())
                .domains(dns()).reachability(reachability());
    }

    /** The operator's wallet, which pays pools. */
    public Payments payments() {
        return new Payments() {
            @Override
            public PaymentReceipt pay(PaymentRequest request) {
                return http.post("operator/pay", request, new TypeReference<>() { }, PAYMENT);
            }

            @Override
            public Optional<PaymentReceipt> findByMemo(String memo) {
                return http.get("operator/payment", Map.of("memo", memo), new TypeReference<>() { },
                        PAYMENT);
            }

            @Override
            public PaymentReceipt refund(String paymentId, String reason) {
                return http.post("operator/refund", Map.of("paymentId", paymentId, "reason", reason),
                        new TypeReference<>() { }, PAYMENT);
            }
        };
    }

    /** The users' wallet, where users pay the operator. */
    public UserPayments userPayments() {
        return new UserPayments() {
            @Override
            public PaymentDestination request(PaymentDemand demand) {
                return http.post("users/request", demand, new TypeReference<>() { }, PAYMENT);
            }

            @Override
            public List<IncomingTransfer> observe(String memo) {
                return http.get("users/transfers", Map.of("memo", memo), new TypeReference<List<IncomingTransfer>>() {
                }, PAYMENT).orElse(List.of());
            }

            @Override
            public RefundReceipt refund(RefundOrder order) {
                return http.post("users/refund", order, new TypeReference<>() { }, PAYMENT);
            }
        };
    }

    /** DNS as the simulation answers it. */
    public DomainChecker dns() {
        return new DomainChecker() {
            @Override
            public boolean isFree(String fqdn) {
                return http.get("dns/free", Map.of("name", fqdn), new TypeReference<JsonNode>() { },
                        GRID).orElseThrow().path("free").asBoolean();
            }

            @Override
            public List<String> resolve(String hostName) {
                return http.get("dns/resolve", Map.of("name", hostName), new TypeReference<List<String>>() { },
                        GRID).orElse(List.of());
            }
        };
    }

    /** Whether a 3Bot answers, as the simulation knows; false when the server cannot be asked. */
    public ReachabilityProbe reachability() {
        return (uri, timeout) -> {
            try {
                return http.get("reachable", Map.of("uri", uri.toString(), "timeoutMillis",
                        String.valueOf(timeout.toMillis())), new TypeReference<JsonNode>() { },
                        GRID).map(n -> n.path("reachable").asBoolean()).orElse(false);
            } catch (GridUnavailableException e) {
                return false;
            }
        };
    }

    /** Pays a payment request from a user's wallet, as a user would with their phone. */
    public String payAsUser(String sender, long amountStroops, String memo) {
        return http.post("users/pay", Map.of("sender", sender, "amountStroops", amountStroops, "memo", memo),
                new TypeReference<JsonNode>() { }, PAYMENT).path("transferId").asText();
    }

    /** What a user's address received minus what it sent, in stroops. */
    public long netOf(String address) {
        return http.get("users/net", Map.of("address", address), new TypeReference<JsonNode>() { }, GRID)
                .orElseThrow().path("netStroops").asLong();
    }

    /** The next {@code times} workloads of this type fail on their node. */
    public void failNextWorkloads(WorkloadType type, int times) {
        fault(Map.of("fault", "workloads", "type", type.name(), "times", times));
    }

    /**
     * The wallet's next {@code times} refunds are each held for {@code hold} and then refused, nothing moved, as by a
     * wallet that never answered.
     *
     * @param wallet "operator" (pool payments) or "users" (what users paid)
     */
    public void holdNextRefunds(String wallet, int times, Duration hold) {
        fault(Map.of("fault", "hold-refunds", "wallet", wallet, "times", times, "millis", hold.toMillis()));
    }

    /** Ends every injected fault. */
    public void clearFaults() {
        fault(Map.of("fault", "clear"));
    }

    private void fault(Map<String, Object> fault) {
        http.post("faults", fault, new TypeReference<JsonNode>() { }, GRID);
    }

    /**
     * The server's state dump: operator balance and payments, user refunds, every user's pools and workloads, and how
     * many times each grid method ({@code gridCalls}) and each wallet call ({@code walletCalls}) was asked for.
     */
    public JsonNode state() {
        return http.get("state", Map.of(), new TypeReference<JsonNode>() { }, GRID)
                .orElseThrow();
    }

    @Override
    public void close() {
        explorer.close();
    }
}
