package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.rmb.Envelope;
import io.threebot.deployer.tfgrid.rmb.InvalidEnvelopeException;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.GatewayFqdnProxy;
import io.threebot.deployer.tfgrid.zos.GatewayNameProxy;
import io.threebot.deployer.tfgrid.zos.Network;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import io.threebot.deployer.tfgrid.zos.ZMount;
import io.threebot.deployer.tfgrid.zos.ZosJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated zos node: an RMB peer with the node's twin on the local chain, answering the commands the official
 * clients send to nodes ({@code zos.deployment.deploy/update/get/changes/delete/list}, {@code zos.statistics.get},
 * {@code zos.network.*}, {@code zos.system.*}, {@code zos.storage.pools}, {@code zos.gpu.list}, {@code zos.perf.*})
 * with replies signed by the node's key.
 *
 * <p>A deployment is taken as zos's engine takes it: the sender must be its twin, the signatures must verify with
 * the twins' keys on chain, its contract must be a node contract on this node whose hash is the deployment's. Its
 * workloads then go from {@code init} to {@code ok} (or {@code error}) after the delay configured for their type:
 * a network, a zmachine (given its interface IP and a console URL), a zmount, a gateway name proxy (given
 * {@code name.<gateway domain>}, on a gateway node and with the twin's name contract only). Used resources count the
 * live workloads. On every block the node looks at its contracts: a contract in its grace period pauses its
 * workloads, a paid one resumes them, a contract cancelled or deleted for lack of funds has them deleted.
 *
 * <p>Faults can be scripted: {@link #setOffline}, {@link #setReplyDelay}, {@link #failWorkload},
 * {@link #setHashMismatch}, {@link #setRefusingCapacity}. All state changes happen on the node's own thread; readers see the last whole state.
 */
public final class SimulatedZosNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedZosNode.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> FEATURES = List.of("zmount", "network", "zdb", "zmachine", "volume", "ipv4",
            "ip", "gateway-name-proxy", "gateway-fqdn-proxy", "qsfs", "zlogs", "wireguard", "yggdrasil",
            "mycelium");

    private final AtomicLong lastNonce = new AtomicLong(-1);
    private final Node node;
    private final Ed25519KeyPair key;
    private final LocalTfchain chain;
    private final RmbRelay relay;
    private final WorkloadDelays delays;
    private final Optional<NodeDeploymentStore> store;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService executor;
    private final Map<Long, NodeDeployment> deployments = new LinkedHashMap<>(); // the executor's
    private final Map<Long, Resources> reported = new LinkedHashMap<>(); // the executor's
    private final Map<String, String> failingWorkloads = new ConcurrentHashMap<>();
    private final ChainListener listener = block -> runOnNode(this::reconcile);
    private volatile Map<Long, NodeDeployment> published = Map.of();
    private volatile RmbRelay.Attachment attachment;
    private volatile Duration replyDelay = Duration.ZERO;
    private volatile boolean hashMismatch;
    private volatile boolean refusingCapacity;

    SimulatedZosNode(Node node, Ed25519KeyPair key, LocalTfchain chain, RmbRelay relay, WorkloadDelays delays,
            Optional<NodeDeploymentStore> store) {
        this.node = node;
        this.key = key;
        this.chain = chain;
        this.relay = relay;
        this.delays = delays;
        this.store = store;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "zos-node-" + node.id());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads the kept deployments, resumes the workloads still in progress and logs in to the relay. */
    void start() {
        store.ifPresent(s -> s.load().forEach(d -> deployments.put(d.contractId(), d))); // before any task runs
        publish();
        runOnNode(() -> {
            for (NodeDeployment d : deployments.values()) {
                for (Workload w : d.deployment().workloads()) {
                    if (d.state(w.name()) == WorkloadResult.State.INIT) {
                        scheduleProvision(d.contractId(), d.deployment().version(), w);
                    }
                }
            }
            reconcile();
        });
        chain.addListener(listener);
        setOffline(false);
    }

    /** The node's id on the chain. */
    public long nodeId() {
        return node.id();
    }

    /** The node's twin, which it is reached at. */
    public long twinId() {
        return node.twinId();
    }

    /** The node as registered on the chain. */
    public Node node() {
        return node;
    }

    /** Its deployments by contract id (deleted ones stay, their workloads {@code deleted}). */
    public Map<Long, NodeDeployment> deployments() {
        return published;
    }

    /** The deployment of a contract, when the node has it. */
    public Optional<NodeDeployment> deployment(long contractId) {
        return Optional.ofNullable(published.get(contractId));
    }

    /** The capacity its live workloads use (those past {@code init}). */
    public Resources usedResources() {
        return used(published);
    }

    /** The capacity not used by live workloads. */
    public Resources freeResources() {
        Resources used = usedResources();
        Resources total = node.resources();
        return new Resources(total.hru() - used.hru(), total.sru() - used.sru(), total.cru() - used.cru(),
                total.mru() - used.mru());
    }

    // ---- faults ----

    /**
     * Takes the node off the relay (messages to it wait at the relay until they expire, and callers time out) or
     * brings it back (waiting messages are delivered).
     */
    public void setOffline(boolean offline) {
        synchronized (this) {
            RmbRelay.Attachment current = attachment;
            if (offline && current != null) {
                attachment = null;
                current.close();
            } else if (!offline && current == null) {
                attachment = relay.attach(node.twinId(), bytes -> runOnNode(() -> handle(bytes)));
            }
        }
    }

    /** Whether the node is off the relay. */
    public boolean isOffline() {
        return attachment == null;
    }

    /** Makes the node answer every call this much later (zero for at once). */
    public void setReplyDelay(Duration delay) {
        this.replyDelay = delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Makes every workload of this name end in {@code error} with this message when it is provisioned. */
    public void failWorkload(String workloadName, String message) {
        failingWorkloads.put(workloadName, message);
    }

    /** Makes the node refuse every deployment as one whose hash does not match its contract's (or not). */
    public void setHashMismatch(boolean mismatch) {
        this.hashMismatch = mismatch;
    }

    /**
     * Makes the node refuse every VM and disk it provisions for lack of capacity, as zos does when its memory is taken,
     * while the resources it reports stay as they are: what a node filled by deployments gridproxy does not count yet
     * looks like to a client (or not).
     */
    public void setRefusingCapacity(boolean refusing) {
        this.refusingCapacity = refusing;
    }

    /** Removes every scripted fault and brings the node back online. */
    public void clearFaults() {
        failingWorkloads.clear();
        replyDelay = Duration.ZERO;
        hashMismatch = false;
        refusingCapacity = false;
        setOffline(false);
    }

    // ---- RMB ----

    private void runOnNode(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("simulated node {} failed", node.id(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("simulated node {} is stopped", node.id());
        }
    }

    private void handle(byte[] bytes) {
        Envelope request;
        try {
            request = Envelope.parse(bytes);
        } catch (InvalidEnvelopeException e) {
            LOG.debug("node {} dropped bytes that are not an envelope", node.id());
            return;
        }
        if (!(request.message() instanceof Envelope.Request call) || request.source() == null) {
            return; // nodes only answer requests
        }
        long now = System.currentTimeMillis() / 1000;
        Envelope reply;
        try {
            checkSender(request);
            Object answer = answer(call.command(), request.source().twin(), body(request));
            reply = request.reply(json.writeValueAsBytes(answer), now);
        } catch (DeployerException e) {
            reply = request.errorReply(0, e.getMessage(), now);
        } catch (IOException e) {
            reply = request.errorReply(0, "failed to encode the reply", now);
        } catch (RuntimeException e) {
            LOG.error("node {} failed on {}", node.id(), call.command(), e);
            reply = request.errorReply(0, "internal error: " + e.getClass().getSimpleName(), now);
        }
        Envelope signed = reply.signed(key);
        Duration delay = replyDelay;
        if (delay.isZero()) {
            send(signed);
        } else {
            executor.schedule(() -> send(signed), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void send(Envelope envelope) {
        RmbRelay.Attachment current = attachment;
        if (current == null) {
            // coming back online, the relay hands over what waited for the node before setOffline has stored the
            // new attachment: it does so under this monitor, so wait for it to finish (no I/O happens under it)
            synchronized (this) {
                current = attachment;
            }
        }
        if (current != null) {
            current.send(envelope.toBytes());
        }
    }

    private void checkSender(Envelope request) {
        Twin twin = chain.snapshot().twins().get(request.source().twin());
        if (twin == null) {
            throw new ZosCallException("unknown source twin " + request.source().twin());
        }
        try {
            request.verify(HEX.parseHex(twin.account()));
        } catch (InvalidEnvelopeException e) {
            throw new ZosCallException("invalid envelope signature: " + e.getMessage());
        }
    }

    private static byte[] body(Envelope request) {
        if (request.payload() instanceof Envelope.Cipher) {
            throw new ZosCallException("encrypted payloads are not supported by this node (its twin has no pk)");
        }
        return request.payload() == null ? new byte[0] : request.payload().bytes();
    }

    private Object answer(String command, long sourceTwin, byte[] body) {
        return switch (command) {
            case "zos.deployment.deploy" -> createOrUpdate(sourceTwin, body, false);
            case "zos.deployment.update" -> createOrUpdate(sourceTwin, body, true);
            case "zos.deployment.get" -> readJson(ZosJson.write(owned(sourceTwin, body).deployment()));
            case "zos.deployment.changes" -> json.valueToTree(owned(sourceTwin, body).changes());
            case "zos.deployment.delete" -> delete(owned(sourceTwin, body));
            case "zos.deployment.list" -> list(sourceTwin);
            case "zos.statistics.get" -> statistics();
            case "zos.network.list_wg_ports" -> wireguardPorts();
            case "zos.network.public_config_get" -> publicConfig();
            case "zos.network.interfaces" -> json.createObjectNode().set("zos",
                    json.createArrayNode().add(endpoint()));
            case "zos.network.list_private_ips" -> privateIps(sourceTwin, body);
            case "zos.network.list_public_ips", "zos.gpu.list", "zos.perf.get_all" -> json.createArrayNode();
            case "zos.network.has_ipv6" -> node.publicConfig().flatMap(NodePublicConfig::ip6).isPresent();
            case "zos.system.version" -> json.createObjectNode().put("zos", "v3.15.0-local").put("zinit", "v0.2.25");
            case "zos.system.node_features_get" -> FEATURES;
            case "zos.storage.pools" -> pools();
            default -> throw new ZosCallException("handler not found: " + command);
        };
    }

    private JsonNode readJson(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new ZosCallException("failed to read " + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The deployment named by {@code {"contract_id": N}}, which must be the sender's. */
    private NodeDeployment owned(long sourceTwin, byte[] body) {
        JsonNode request = readJson(body);
        JsonNode id = request.path("contract_id");
        if (!id.canConvertToLong()) {
            throw new ZosCallException("invalid request: contract_id is required");
        }
        NodeDeployment d = deployments.get(id.longValue());
        if (d == null || d.deployment().twinId() != sourceTwin) {
            throw new ZosCallException("deployment not found");
        }
        return d;
    }

    // ---- deployments ----

    private Object createOrUpdate(long sourceTwin, byte[] body, boolean update) {
        Deployment deployment = ZosJson.readDeployment(body);
        if (deployment.twinId() != sourceTwin) {
            throw new ZosCallException("twin id mismatch (deployment: " + deployment.twinId() + ", message: "
                    + sourceTwin + ")");
        }
        ChainSnapshot snapshot = chain.snapshot();
        deployment.verifySignatures(twin -> Optional.ofNullable(snapshot.twins().get(twin))
                .map(t -> HEX.parseHex(t.account())).orElse(null));
        Contract contract = snapshot.contracts().get(deployment.contractId());
        if (contract == null) {
            throw new ZosCallException("failed to get deployment contract: contract not found");
        }
        if (contract.type() != Contract.Type.NODE) {
            throw new ZosCallException("invalid contract type, expecting node contract");
        }
        if (contract.nodeId() != node.id()) {
            throw new ZosCallException("invalid node address in contract");
        }
        String contractHash = new String(HEX.parseHex(contract.deploymentHash()), StandardCharsets.US_ASCII);
        if (hashMismatch || !contractHash.equals(deployment.challengeHashHex())) {
            throw new ZosCallException("contract hash does not match deployment hash");
        }
        NodeDeployment existing = deployments.get(deployment.contractId());
        long now = System.currentTimeMillis() / 1000;
        NodeDeployment stored;
        List<Workload> started = new ArrayList<>();
        if (!update) {
            if (existing != null) {
                throw new ZosCallException("exists: deployment with contract id " + deployment.contractId());
            }
            List<Workload> workloads = deployment.workloads().stream().map(w -> withResult(w,
                    new WorkloadResult(now, WorkloadResult.State.INIT, "", NullNode.getInstance()))).toList();
            started.addAll(workloads);
            stored = new NodeDeployment(replaceWorkloads(deployment, workloads), workloads);
        } else {
            if (existing == null) {
                throw new ZosCallException("deployment not found");
            }
            if (deployment.version() <= existing.deployment().version()) {
                throw new ZosCallException("deployment version must be greater than the current one ("
                        + existing.deployment().version() + ")");
            }
            List<Workload> changes = new ArrayList<>(existing.changes());
            List<Workload> workloads = new ArrayList<>();
            for (Workload w : deployment.workloads()) {
                Workload old = existing.deployment().workload(w.name());
                if (old != null && w.version() < deployment.version()) {
                    workloads.add(withResult(w, old.result())); // unchanged by this update
                } else {
                    Workload fresh = withResult(w, new WorkloadResult(now, WorkloadResult.State.INIT, "",
                            NullNode.getInstance()));
                    workloads.add(fresh);
                    changes.add(fresh);
                    started.add(fresh);
                }
            }
            for (Workload old : existing.deployment().workloads()) {
                if (deployment.workload(old.name()) == null) {
                    changes.add(withResult(old, new WorkloadResult(now, WorkloadResult.State.DELETED,
                            "workload removed by update", NullNode.getInstance())));
                }
            }
            stored = new NodeDeployment(replaceWorkloads(deployment, workloads), changes);
        }
        deployments.put(deployment.contractId(), stored);
        changed();
        for (Workload w : started) {
            scheduleProvision(deployment.contractId(), deployment.version(), w);
        }
        return null;
    }

    private static Workload withResult(Workload w, WorkloadResult result) {
        return new Workload(w.version(), w.name(), w.type(), w.data(), w.metadata(), w.description(), result);
    }

    private static Deployment replaceWorkloads(Deployment d, List<Workload> workloads) {
        return new Deployment(d.version(), d.twinId(), d.contractId(), d.metadata(), d.description(),
                d.expiration(), d.signatureRequirement(), workloads);
    }

    private void scheduleProvision(long contractId, long version, Workload workload) {
        long delay = delays.of(workload.type()).toMillis();
        try {
            executor.schedule(() -> {
                try {
                    provision(contractId, version, workload.name());
                } catch (RuntimeException e) {
                    LOG.error("node {} could not provision {}", node.id(), workload.name(), e);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("node {} is stopped", node.id());
        }
    }

    private void provision(long contractId, long version, String name) {
        NodeDeployment d = deployments.get(contractId);
        if (d == null || d.deployment().version() != version || d.state(name) != WorkloadResult.State.INIT) {
            return; // updated, deleted or cancelled meanwhile
        }
        Workload workload = d.deployment().workload(name);
        long now = System.currentTimeMillis() / 1000;
        WorkloadResult result;
        try {
            result = new WorkloadResult(now, WorkloadResult.State.OK, "", run(d, workload));
        } catch (ZosCallException e) {
            result = new WorkloadResult(now, WorkloadResult.State.ERROR, e.getMessage(), NullNode.getInstance());
        }
        deployments.put(contractId, d.withResult(name, result));
        changed();
    }

    /** The result data of a workload that runs; a ZosCallException when it cannot. */
    private JsonNode run(NodeDeployment d, Workload w) {
        String failure = failingWorkloads.get(w.name());
        if (failure != null) {
            throw new ZosCallException(failure);
        }
        String id = d.deployment().twinId() + "-" + d.contractId() + "-" + w.name();
        if (w.data() instanceof ZMachine || w.data() instanceof ZMount) {
            Resources need = need(w);
            Resources free = freeResources();
            if (refusingCapacity || need.cru() > node.resources().cru() || need.mru() > free.mru()
                    || need.sru() > free.sru()) {
                throw new ZosCallException("failed to allocate resources: not enough capacity on node " + node.id());
            }
        }
        if (w.data() instanceof ZMachine m) {
            String ip = m.network().interfaces().isEmpty() ? "" : m.network().interfaces().get(0).ip();
            ObjectNode data = json.createObjectNode().put("id", id).put("ip", ip)
                    .put("planetary_ip", m.network().planetary() ? "300:" + Long.toHexString(d.contractId())
                            + "::" + Long.toHexString(node.id()) : "")
                    .put("mycelium_ip", m.network().mycelium() != null
                            ? "400:" + Long.toHexString(d.contractId()) + "::" + Long.toHexString(node.id()) : "")
                    .put("console_url", endpoint() + ":20001/" + id);
            return data;
        }
        if (w.data() instanceof ZMount) {
            return json.createObjectNode().put("volume_id", id);
        }
        if (w.data() instanceof GatewayNameProxy g) {
            String domain = node.publicConfig().flatMap(NodePublicConfig::domain)
                    .orElseThrow(() -> new ZosCallException("node is not a gateway: it has no domain"));
            boolean owned = chain.snapshot().contracts().values().stream().anyMatch(c -> c.type() == Contract.Type.NAME
                    && c.name().equals(g.name()) && c.twinId() == d.deployment().twinId());
            if (!owned) {
                throw new ZosCallException("failed to verify name contract: the twin has no name contract for '"
                        + g.name() + "'");
            }
            return json.createObjectNode().put("fqdn", g.name() + "." + domain);
        }
        if (w.data() instanceof GatewayFqdnProxy) {
            if (!node.isGateway()) {
                throw new ZosCallException("node is not a gateway: it has no domain");
            }
            return NullNode.getInstance();
        }
        if (w.data() instanceof io.threebot.deployer.tfgrid.zos.PublicIp) {
            Contract contract = chain.snapshot().contracts().get(d.contractId());
            if (contract == null || contract.publicIpsList().isEmpty()) {
                throw new ZosCallException("no public ip reserved by contract " + d.contractId());
            }
            PublicIp ip = contract.publicIpsList().get(0);
            return json.createObjectNode().put("ip", ip.ip()).put("ip6", "").put("gateway", ip.gateway());
        }
        return NullNode.getInstance(); // a network, or a type whose result carries no data
    }

    private Object delete(NodeDeployment d) {
        setAll(d.contractId(), WorkloadResult.State.DELETED, "deployment deleted by its twin",
                s -> s != WorkloadResult.State.DELETED);
        return null;
    }

    /** Moves the workloads of a contract whose state passes the filter to a new state; true when any moved. */
    private boolean setAll(long contractId, WorkloadResult.State state, String message,
            java.util.function.Predicate<WorkloadResult.State> from) {
        NodeDeployment d = deployments.get(contractId);
        boolean moved = false;
        long now = System.currentTimeMillis() / 1000;
        for (Workload w : d.deployment().workloads()) {
            if (from.test(d.state(w.name()))) {
                d = d.withResult(w.name(), new WorkloadResult(now, state, message,
                        w.result() == null ? NullNode.getInstance() : w.result().data()));
                moved = true;
            }
        }
        if (moved) {
            deployments.put(contractId, d);
            changed();
        }
        return moved;
    }

    /** Follows the contracts on chain: deleted ones delete their workloads, grace periods pause them. */
    private void reconcile() {
        Map<Long, Contract> contracts = chain.snapshot().contracts();
        for (Long contractId : List.copyOf(deployments.keySet())) {
            Contract contract = contracts.get(contractId);
            if (contract == null) {
                setAll(contractId, WorkloadResult.State.DELETED,
                        "workload decommissioned by system, reason: contract canceled",
                        s -> s != WorkloadResult.State.DELETED);
            } else if (contract.state() == Contract.State.GRACE_PERIOD) {
                setAll(contractId, WorkloadResult.State.PAUSED, "paused: the contract is in its grace period",
                        s -> s == WorkloadResult.State.OK);
            } else {
                setAll(contractId, WorkloadResult.State.OK, "", s -> s == WorkloadResult.State.PAUSED);
            }
        }
    }

    private void changed() {
        publish();
        store.ifPresent(s -> s.save(deployments.values()));
        reportUsedResources();
    }

    /**
     * Reports what each contract's live workloads use to the chain ({@code report_contract_resources}, signed by
     * the node's twin, as zos does), which the chain bills by; only changes are reported.
     */
    private void reportUsedResources() {
        Map<Long, Contract> contracts = chain.snapshot().contracts();
        List<Map<String, Object>> reports = new ArrayList<>();
        Map<Long, Resources> now = new LinkedHashMap<>();
        for (NodeDeployment d : deployments.values()) {
            if (!contracts.containsKey(d.contractId())) {
                continue;
            }
            Resources used = used(Map.of(d.contractId(), d));
            now.put(d.contractId(), used);
            if (!used.equals(reported.getOrDefault(d.contractId(), Resources.NONE))) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("contract_id", d.contractId());
                report.put("used", used.scale());
                reports.add(report);
            }
        }
        if (reports.isEmpty()) {
            return;
        }
        try {
            chain.submit(ExtrinsicBuilder.forRuntime(chain.metadata())
                    .call(chain.metadata().call("SmartContractModule", "report_contract_resources", reports))
                    .nonce(nextNonce())
                    .genesisHash(HEX.parseHex(chain.genesisHash().substring(2)))
                    .specVersion(TfchainRuntime.SPEC_VERSION).transactionVersion(TfchainRuntime.TRANSACTION_VERSION)
                    .sign(key));
            reported.clear();
            reported.putAll(now);
        } catch (DeployerException e) {
            lastNonce.set(-1); // the chain's own count is right again
            LOG.warn("node {} could not report used resources: {}", node.id(), e.getMessage());
        }
    }

    /**
     * The nonce of the node's next report: reports may be made from two threads at once (a deploy and a block), and
     * both would read the same next nonce from the chain, so one would be refused; each takes its own.
     */
    private long nextNonce() {
        long onChain = chain.nextNonce(key.address());
        return lastNonce.accumulateAndGet(onChain, (last, chainNext) -> Math.max(last + 1, chainNext));
    }

    private void publish() {
        published = Map.copyOf(deployments);
    }

    // ---- node information ----

    private static boolean live(WorkloadResult.State state) {
        return state == WorkloadResult.State.INIT || state == WorkloadResult.State.OK
                || state == WorkloadResult.State.PAUSED;
    }

    private static Resources need(Workload w) {
        if (w.data() instanceof ZMachine m) {
            return new Resources(0, m.size(), m.computeCapacity().cpu(), m.computeCapacity().memory());
        }
        if (w.data() instanceof ZMount z) {
            return new Resources(0, z.size(), 0, 0);
        }
        return Resources.NONE;
    }

    private static Resources used(Map<Long, NodeDeployment> all) {
        long hru = 0;
        long sru = 0;
        long cru = 0;
        long mru = 0;
        for (NodeDeployment d : all.values()) {
            for (Workload w : d.deployment().workloads()) {
                if (live(d.state(w.name())) && d.state(w.name()) != WorkloadResult.State.INIT) {
                    Resources r = need(w);
                    hru += r.hru();
                    sru += r.sru();
                    cru += r.cru();
                    mru += r.mru();
                }
            }
        }
        return new Resources(hru, sru, cru, mru);
    }

    private ObjectNode capacity(Resources r, long ipv4) {
        return json.createObjectNode().put("cru", r.cru()).put("sru", r.sru()).put("hru", r.hru())
                .put("mru", r.mru()).put("ipv4u", ipv4);
    }

    private JsonNode statistics() {
        ObjectNode stats = json.createObjectNode();
        stats.set("total", capacity(node.resources(), 0));
        stats.set("used", capacity(used(deployments), 0));
        stats.set("system", capacity(Resources.NONE, 0));
        long workloads = deployments.values().stream().flatMap(d -> d.deployment().workloads().stream()
                .filter(w -> live(d.state(w.name())))).count();
        long active = deployments.values().stream().filter(d -> d.deployment().workloads().stream()
                .anyMatch(w -> live(d.state(w.name())))).count();
        long last = deployments.values().stream().flatMap(d -> d.changes().stream())
                .mapToLong(w -> w.result() == null ? 0 : w.result().created()).max().orElse(0);
        stats.putObject("users").put("deployments", active).put("workloads", workloads)
                .put("last_deployment_timestamp", last);
        return stats;
    }

    private JsonNode wireguardPorts() {
        ArrayNode ports = json.createArrayNode();
        for (NodeDeployment d : deployments.values()) {
            for (Workload w : d.deployment().workloads()) {
                if (w.data() instanceof Network n && live(d.state(w.name()))) {
                    ports.add(n.wireguardListenPort());
                }
            }
        }
        return ports;
    }

    private JsonNode publicConfig() {
        NodePublicConfig config = node.publicConfig()
                .orElseThrow(() -> new ZosCallException("no public config found"));
        return json.createObjectNode().put("type", "macvlan").put("ipv4", config.ip4())
                .put("ipv6", config.ip6().orElse("")).put("gw4", config.gw4()).put("gw6", config.gw6().orElse(""))
                .put("domain", config.domain().orElse(""));
    }

    /** The address peers reach the node's WireGuard at: its public IPv4, or one made up from its farm and id. */
    private String endpoint() {
        return node.publicConfig().map(c -> c.ip4().split("/")[0])
                .orElse("185.16." + (node.farmId() % 250) + "." + (10 + node.id() % 240));
    }

    private JsonNode privateIps(long sourceTwin, byte[] body) {
        String network = readJson(body).path("network_name").asText("");
        ArrayNode ips = json.createArrayNode();
        for (NodeDeployment d : deployments.values()) {
            if (d.deployment().twinId() != sourceTwin) {
                continue;
            }
            for (Workload w : d.deployment().workloads()) {
                if (w.data() instanceof ZMachine m && live(d.state(w.name()))) {
                    m.network().interfaces().stream().filter(i -> i.network().equals(network))
                            .forEach(i -> ips.add(i.ip()));
                }
            }
        }
        return ips;
    }

    private JsonNode list(long sourceTwin) {
        ArrayNode list = json.createArrayNode();
        deployments.values().stream().filter(d -> d.deployment().twinId() == sourceTwin)
                .forEach(d -> list.add(readJson(ZosJson.write(d.deployment()))));
        return list;
    }

    private JsonNode pools() {
        Resources used = used(deployments);
        ArrayNode pools = json.createArrayNode();
        pools.addObject().put("name", "ssd-" + node.id()).put("type", "ssd").put("size", node.resources().sru())
                .put("used", used.sru());
        pools.addObject().put("name", "hdd-" + node.id()).put("type", "hdd").put("size", node.resources().hru())
                .put("used", used.hru());
        return pools;
    }

    /** Logs out of the relay and stops; the data directory keeps the deployments. */
    @Override
    public void close() {
        chain.removeListener(listener);
        setOffline(true);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
