package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.ChainTwinKeys;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.chain.TfchainClient.Inclusion;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.rmb.E2eKey;
import io.threebot.deployer.tfgrid.rmb.RmbClient;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.ZosNodeClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A grid user on a local TFGrid v3 driven by the library's own v3 clients only, over the grid's loopback protocols:
 * a new ed25519 account funded by the activation endpoint, its terms accepted and its twin created (relay and the
 * {@link RmbClient}'s end-to-end key) through {@link TfchainClient}, an {@link RmbClient} logged in to the relay, and
 * the deploy cycle a deployer runs: node contract with the deployment's hash, {@link ZosNodeClient#deploy}, changes
 * until every workload is {@code ok}, cancel.
 */
public final class JavaGridUser implements AutoCloseable {
    /** The deadline of one RMB call. */
    public static final Duration CALL_DEADLINE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);

    private final Ed25519KeyPair key;
    private final long twinId;
    private final TfchainClient chain;
    private final RmbClient rmb;

    private JavaGridUser(Ed25519KeyPair key, long twinId, TfchainClient chain, RmbClient rmb) {
        this.key = key;
        this.twinId = twinId;
        this.chain = chain;
        this.rmb = rmb;
    }

    /** A new random ed25519 key. */
    public static Ed25519KeyPair newKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return Ed25519KeyPair.fromSeed(seed);
    }

    /**
     * Asks the activation service to fund the address ({@code POST /activation/activate}).
     *
     * @throws DeployerException when it does not answer 200 within 10 s
     */
    public static void activate(URI activation, String address) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(activation.resolve("/activation/activate"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"substrateAccountID\":\"" + address + "\"}")).build();
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new DeployerException("activation answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new DeployerException("activation failed: " + e.getMessage(), e);
        }
    }

    /**
     * A new user on the grid: a new key funded by the activation service, its terms accepted and its twin created
     * with the relay's host and the end-to-end key, logged in to the relay.
     */
    public static JavaGridUser create(LocalV3Grid grid) throws InterruptedException {
        Ed25519KeyPair key = newKey();
        activate(grid.activationUrl(), key.address());
        return withTwin(grid, key);
    }

    /** As {@link #create}, for a key whose account is funded already. */
    public static JavaGridUser withTwin(LocalV3Grid grid, Ed25519KeyPair key) {
        return withTwin(grid.substrateUrl(), grid.relayUrl(), key);
    }

    /**
     * As {@link #create}, for a key whose account is funded already, on a grid known by its URLs (a
     * {@link V3GridServer} in another process).
     */
    public static JavaGridUser withTwin(URI substrate, URI relay, Ed25519KeyPair key) {
        return connect(substrate, relay, key, chain -> {
            chain.submit(chain.calls().acceptTermsAndConditions("https://example.org/tc", "abc123"),
                    Inclusion.IN_BLOCK);
            chain.submit(chain.calls().createTwin(relay.getAuthority(), E2eKey.of(key).publicKey()),
                    Inclusion.IN_BLOCK);
        });
    }

    /** A user whose twin exists already, connected again (after the grid restarted, for example). */
    public static JavaGridUser existing(URI substrate, URI relay, Ed25519KeyPair key) {
        return connect(substrate, relay, key, chain -> {
        });
    }

    /** Connects to the chain, runs {@code setUp} on it and logs the twin in; closes the chain on failure. */
    private static JavaGridUser connect(URI substrate, URI relay, Ed25519KeyPair key,
                                        Consumer<TfchainClient> setUp) {
        TfchainClient chain = TfchainClient.builder(substrate.toString()).signer(key).connect();
        try {
            setUp.accept(chain);
            return loggedIn(chain, relay, key);
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    private static JavaGridUser loggedIn(TfchainClient chain, URI relay, Ed25519KeyPair key) {
        long twinId = chain.twinIdOf(key.address())
                .orElseThrow(() -> new DeployerException("no twin for " + key.address()));
        RmbClient rmb = RmbClient.builder().relay(relay).twin(twinId).key(key)
                .twinKeys(new ChainTwinKeys(chain, Duration.ofMinutes(5))).build();
        return new JavaGridUser(key, twinId, chain, rmb);
    }

    /** The user's key. */
    public Ed25519KeyPair key() {
        return key;
    }

    /** The user's twin id. */
    public long twinId() {
        return twinId;
    }

    /** The user's tfchain client (signing with the user's key). */
    public TfchainClient chain() {
        return chain;
    }

    /** The user's RMB client. */
    public RmbClient rmb() {
        return rmb;
    }

    /** A zos client for the node whose twin this is. */
    public ZosNodeClient zos(long nodeTwin) {
        return new ZosNodeClient(rmb, nodeTwin);
    }

    /**
     * Creates the node contract holding the deployment's hash.
     *
     * @return the deployment with that contract's id, signed by this user
     */
    public Deployment contract(long nodeId, Deployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        String hash = deployment.challengeHashHex();
        chain.submit(chain.calls().createNodeContract(nodeId, hash, "{\"type\":\"vm\"}", 0, Optional.empty()),
                Inclusion.IN_BLOCK);
        long contractId = chain.nodeContractId(nodeId, hash)
                .orElseThrow(() -> new DeployerException("no contract for hash " + hash + " on node " + nodeId));
        return deployment.withContractId(contractId).signed(twinId, key);
    }

    /** Sends the deployment to the node, waiting for its answer. */
    public void deploy(long nodeTwin, Deployment signed) throws InterruptedException {
        await(zos(nodeTwin).deploy(signed, CALL_DEADLINE));
    }

    /**
     * Polls the deployment's changes until every workload has a final state and returns the workloads with their
     * latest results.
     *
     * @throws DeployerException when a workload ends in {@code error} or the time runs out
     */
    public List<Workload> awaitOk(long nodeTwin, long contractId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        ZosNodeClient zos = zos(nodeTwin);
        while (true) {
            List<Workload> changes = await(zos.changes(contractId, CALL_DEADLINE));
            List<Workload> latest = latest(changes);
            if (latest.stream().anyMatch(w -> state(w) == WorkloadResult.State.ERROR)) {
                throw new DeployerException("a workload of contract " + contractId + " failed: " + latest);
            }
            if (!latest.isEmpty() && latest.stream().allMatch(w -> state(w) == WorkloadResult.State.OK)) {
                return latest;
            }
            if (System.nanoTime() > deadline) {
                throw new DeployerException("contract " + contractId + " not ok within " + within + ": " + latest);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Cancels a contract of this user. */
    public void cancel(long contractId) {
        chain.submit(chain.calls().cancelContract(contractId), Inclusion.IN_BLOCK);
    }

    /** A workload's state ({@code NONE} without a result). */
    public static WorkloadResult.State state(Workload w) {
        return w.result() == null ? WorkloadResult.State.NONE : w.result().state();
    }

    /** The last change of each workload, in the order the workloads first appear. */
    private static List<Workload> latest(List<Workload> changes) {
        java.util.LinkedHashMap<String, Workload> byName = new java.util.LinkedHashMap<>();
        for (Workload w : changes) {
            byName.put(w.name(), w);
        }
        return List.copyOf(byName.values());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> call) throws InterruptedException {
        try {
            return call.get(CALL_DEADLINE.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new DeployerException("call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new DeployerException("the call outlived its deadline", e);
        }
    }

    /** Closes the relay connection and the chain connection. */
    @Override
    public void close() {
        rmb.close();
        chain.close();
    }
}
