package io.threebot.deployer.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.grid.GridNotFoundException;
import io.threebot.deployer.internal.grid.Futures;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.PoolPayment;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.model.UnitPrices;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The grid through an explorer's v1 REST API. Every request is signed (reads by the configured reader, writes by
 * the customer), workloads are encrypted and signed as the explorer expects, and listings follow the
 * {@code Pages} header, fetching further pages at once while keeping their order.
 *
 * <pre>{@code
 * GridClient grid = new ExplorerGridClient(ExplorerSettings.builder(URI.create(
 *         "https://explorer.testnet.grid.tf/api/v1")).reader(deployerIdentity).build());
 * }</pre>
 */
public final class ExplorerGridClient implements GridClient, AutoCloseable {
    private final ExplorerSettings settings;
    private final ExplorerHttp http;
    private final ExecutorService pageFetchers;

    public ExplorerGridClient(ExplorerSettings settings) {
        this.settings = settings;
        this.http = new ExplorerHttp(settings);
        this.pageFetchers = Executors.newFixedThreadPool(settings.pageFetchers(), r -> {
            Thread t = new Thread(r, "explorer-pages");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        pageFetchers.shutdownNow();
    }

    // ---- directory --------------------------------------------------------------------------------------------

    @Override
    public List<Farm> listFarms() {
        return all("/farms", DirectoryCodec::farm);
    }

    @Override
    public Optional<Farm> getFarm(long farmId) {
        return one("/farms/" + farmId, DirectoryCodec::farm);
    }

    @Override
    public List<Node> listNodes(long farmId) {
        return all("/nodes?farm=" + farmId, DirectoryCodec::node);
    }

    @Override
    public Optional<Node> getNode(String nodeId) {
        return one("/nodes/" + encode(nodeId), DirectoryCodec::node);
    }

    @Override
    public List<Gateway> listGateways() {
        return all("/gateways", DirectoryCodec::gateway);
    }

    @Override
    public Optional<Gateway> getGateway(String nodeId) {
        return one("/gateways/" + encode(nodeId), DirectoryCodec::gateway);
    }

    @Override
    public UnitPrices unitPrices() {
        return prices().unitPrices();
    }

    /** The grid's current prices ({@code GET /prices}). */
    public Prices prices() {
        JsonNode n = http.get("/prices").body();
        return new Prices(WireJson.decimal(n, "CuPriceDollarMonth"), WireJson.decimal(n, "SuPriceDollarMonth"),
                WireJson.decimal(n, "IP4uPriceDollarMonth"), WireJson.number(n, "TftPriceMill"));
    }

    // ---- phonebook --------------------------------------------------------------------------------------------

    @Override
    public Optional<GridUser> findUser(String name) {
        try {
            return all("/users?name=" + encode(name), DirectoryCodec::user).stream()
                    .filter(u -> u.name().equals(name)).findFirst();
        } catch (GridNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public GridUser registerUser(String name, String email, String pubkeyHex) {
        ObjectNode body = Json.mapper().createObjectNode().put("id", 0).put("name", name).put("email", email)
                .put("pubkey", pubkeyHex).put("host", "").put("description", "").put("signature", "");
        return DirectoryCodec.user(http.post("/users", write(body), Optional.empty()).body());
    }

    // ---- pools ------------------------------------------------------------------------------------------------

    @Override
    public PoolReservation reservePool(PoolRequest request, GridIdentity customer) {
        ObjectNode reservation = PoolCodec.reservation(request);
        String json = write(reservation);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("json", json);
        body.set("data_reservation", reservation);
        body.put("customer_tid", customer.tid())
                .put("customer_signature", HexFormat.of().formatHex(
                        customer.keys().sign(json.getBytes(StandardCharsets.UTF_8))))
                .put("sponsor_tid", 0).put("sponsor_signature", "");
        return PoolCodec.created(http.post("/reservations/pools", write(body), Optional.of(customer)).body());
    }

    @Override
    public Optional<PoolPayment> getPoolPayment(long reservationId) {
        return one("/reservations/pools/payment/" + reservationId, PoolCodec::payment);
    }

    @Override
    public Optional<Pool> getPool(long poolId) {
        return one("/reservations/pools/" + poolId, PoolCodec::pool);
    }

    @Override
    public List<Pool> listPools(long ownerTid) {
        return all("/reservations/pools/owner/" + ownerTid, PoolCodec::pool);
    }

    // ---- workloads --------------------------------------------------------------------------------------------

    @Override
    public long deployWorkload(Workload workload, GridIdentity customer) {
        byte[] nodeKey = nodePublicKey(workload);
        Workload draft = new Workload(0, workload.nodeId(), workload.poolId(), customer.tid(),
                workload.reference(), workload.description(), workload.metadata(),
                Instant.ofEpochSecond(settings.clock().instant().getEpochSecond()), NextAction.DEPLOY,
                workload.spec(), Optional.empty());
        Workload sealed = WorkloadSealer.seal(draft, customer.keys(), nodeKey);
        String signature = WorkloadSigner.customerSignature(customer.keys(), WorkloadChallenge.of(sealed));
        ObjectNode body = WorkloadCodec.toWire(sealed, signature,
                url -> ExplorerCrypto.encryptForNode(customer.keys(), nodeKey, url));
        JsonNode created = http.post("/reservations/workloads", write(body), Optional.of(customer)).body();
        return WireJson.number(created, "reservation_id");
    }

    @Override
    public Optional<Workload> getWorkload(long workloadId) {
        return one("/reservations/workloads/" + workloadId, WorkloadCodec::fromWire);
    }

    @Override
    public List<Workload> getWorkloads(List<Long> workloadIds) {
        List<CompletableFuture<Optional<Workload>>> fetches = new ArrayList<>();
        for (long id : workloadIds) {
            fetches.add(CompletableFuture.supplyAsync(() -> getWorkload(id), pageFetchers));
        }
        List<Workload> found = new ArrayList<>();
        for (CompletableFuture<Optional<Workload>> fetch : fetches) {
            await(fetch).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public List<Workload> listWorkloads(long customerTid) {
        return all("/reservations/workloads?customer_tid=" + customerTid, WorkloadCodec::fromWire);
    }

    /** Signs the delete request over the explorer's own copy of the workload, as the explorer checks it. */
    @Override
    public void decommission(long workloadId, GridIdentity customer) {
        Workload stored = getWorkload(workloadId)
                .orElseThrow(() -> new GridNotFoundException("workload " + workloadId + " does not exist"));
        if (stored.nextAction().isGone()) {
            return;
        }
        String signature = WorkloadSigner.deleteSignature(customer.keys(), WorkloadChallenge.of(stored),
                customer.tid());
        ObjectNode body = Json.mapper().createObjectNode().put("signature", signature).put("tid", customer.tid())
                .put("epoch", settings.clock().instant().getEpochSecond());
        http.postRaw("/reservations/workloads/" + workloadId + "/sign/delete", write(body), Optional.of(customer));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private byte[] nodePublicKey(Workload workload) {
        String hex = workload.type().onGateway()
                ? getGateway(workload.nodeId()).map(Gateway::publicKeyHex).orElse("")
                : getNode(workload.nodeId()).map(Node::publicKeyHex).orElse("");
        try {
            byte[] key = HexFormat.of().parseHex(hex);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ExplorerException("node " + workload.nodeId() + " has no usable public key on the explorer");
    }

    private <T> Optional<T> one(String path, Function<JsonNode, T> decode) {
        try {
            return Optional.of(decode.apply(http.get(path).body()));
        } catch (GridNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every page of a listing: page 1 first, then the rest at once, joined in page order. */
    private <T> List<T> all(String path, Function<JsonNode, T> decode) {
        String separator = path.contains("?") ? "&" : "?";
        ExplorerHttp.Answer first = http.get(path + separator + "page=1");
        List<JsonNode> items = new ArrayList<>();
        addPage(items, first.body(), path);
        List<CompletableFuture<JsonNode>> rest = new ArrayList<>();
        for (int page = 2; page <= first.pages(); page++) {
            String pagePath = path + separator + "page=" + page;
            rest.add(CompletableFuture.supplyAsync(() -> http.get(pagePath).body(), pageFetchers));
        }
        for (CompletableFuture<JsonNode> page : rest) {
            addPage(items, await(page), path);
        }
        List<T> decoded = new ArrayList<>(items.size());
        items.forEach(item -> decoded.add(decode.apply(item)));
        return decoded;
    }

    private static void addPage(List<JsonNode> items, JsonNode page, String path) {
        if (!page.isArray()) {
            throw new ExplorerProtocolException("the explorer's answer to " + path + " is not a list");
        }
        page.forEach(items::add);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return Futures.await(future);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.threebot.deployer.grid.GridUnavailableException("interrupted while listing", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
