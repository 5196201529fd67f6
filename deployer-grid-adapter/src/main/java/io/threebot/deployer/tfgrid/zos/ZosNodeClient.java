package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.rmb.RmbClient;
import io.threebot.deployer.tfgrid.rmb.RmbErrorReplyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The zos node calls a deployer makes over RMB, typed: {@code zos.deployment.deploy/update/get/changes/delete},
 * {@code zos.network.list_wg_ports}, {@code zos.network.public_config_get} and {@code zos.statistics.get}, with the
 * bodies zos reads (a deployment's JSON, or {@code {"contract_id":N}}, or nothing) as zosbase's {@code zos_api} and the
 * TS grid client send them. Each call has a deadline and completes with the typed answer, or fails with
 * {@link ZosNodeException} (the node answered with an error: its message), {@link MalformedZosReplyException} (the
 * answer is not what zos sends), or the {@link RmbClient}'s own errors (not sent, timed out, connection lost ...).
 * Nothing is retried: deploy and update create or change paid capacity.
 */
public final class ZosNodeClient {
    /** Creates a deployment on the node; body: the deployment. */
    public static final String DEPLOY = "zos.deployment.deploy";
    /** Updates a deployment; body: the deployment, its version raised. */
    public static final String UPDATE = "zos.deployment.update";
    /** Reads a deployment; body: {@code {"contract_id":N}}. */
    public static final String GET = "zos.deployment.get";
    /** Reads a deployment's workloads with their latest results; body: {@code {"contract_id":N}}. */
    public static final String CHANGES = "zos.deployment.changes";
    /** Deletes a deployment; body: {@code {"contract_id":N}} (current zos refuses: contracts are cancelled instead). */
    public static final String DELETE = "zos.deployment.delete";
    /** The wireguard ports in use on the node. */
    public static final String LIST_WG_PORTS = "zos.network.list_wg_ports";
    /** The node's public network configuration. */
    public static final String PUBLIC_CONFIG_GET = "zos.network.public_config_get";
    /** The node's capacity counters. */
    public static final String STATISTICS_GET = "zos.statistics.get";

    private static final byte[] NO_BODY = new byte[0];
    private static final int MAX_PORTS = 65_536;

    private final RmbClient rmb;
    private final long nodeTwin;

    /**
     * @param rmb      the RMB client calls go through
     * @param nodeTwin the node's twin id (gridproxy's {@code twinId} of the node)
     */
    public ZosNodeClient(RmbClient rmb, long nodeTwin) {
        this.rmb = Objects.requireNonNull(rmb, "rmb");
        if (nodeTwin <= 0 || nodeTwin > Check.UINT32_MAX) {
            throw new InvalidInputException("twin", "a twin id is between 1 and 4294967295");
        }
        this.nodeTwin = nodeTwin;
    }

    /** The node's twin id. */
    public long nodeTwin() {
        return nodeTwin;
    }

    /**
     * Sends a new deployment: it must carry its contract id (the node contract holding its hash) and its twin's
     * signature. Completes once the node accepted it (its workloads then come up: follow {@link #changes}).
     *
     * @throws InvalidInputException when the deployment has no contract id
     */
    public CompletableFuture<Void> deploy(Deployment deployment, Duration deadline) {
        return send(DEPLOY, deployment, deadline);
    }

    /** Sends an update of a deployment (version raised, contract updated to the new hash), as {@link #deploy}. */
    public CompletableFuture<Void> update(Deployment deployment, Duration deadline) {
        return send(UPDATE, deployment, deadline);
    }

    /** The deployment under a contract, as the node holds it (workloads with their results). */
    public CompletableFuture<Deployment> get(long contractId, Duration deadline) {
        return call(GET, contractBody(contractId), deadline, body -> ZosJson.readDeployment(nonNull(body)));
    }

    /** The workloads of a deployment with their latest results (what a deployer polls until all are {@code ok}). */
    public CompletableFuture<List<Workload>> changes(long contractId, Duration deadline) {
        return call(CHANGES, contractBody(contractId), deadline, body -> ZosJson.readWorkloads(nonNull(body)));
    }

    /**
     * Asks the node to delete a deployment. Current zos answers with an error ("deletion over the api is disabled,
     * please cancel your contract instead"), a {@link ZosNodeException}; cancelling the contract on chain is the way.
     */
    public CompletableFuture<Void> delete(long contractId, Duration deadline) {
        return call(DELETE, contractBody(contractId), deadline, body -> null);
    }

    /** The wireguard listen ports taken on the node; a new network must listen on another. */
    public CompletableFuture<List<Integer>> wireguardPorts(Duration deadline) {
        return call(LIST_WG_PORTS, NO_BODY, deadline, body -> {
            List<Integer> ports = read(body, new TypeReference<List<Integer>>() { });
            if (ports == null) {
                return List.of(); // Go writes an empty slice as null
            }
            if (ports.size() > MAX_PORTS) {
                throw new InvalidDeploymentException("ports", "more ports than a node has");
            }
            for (Integer p : ports) {
                if (p == null || p < 0 || p > 65_535) {
                    throw new InvalidDeploymentException("ports", "a port is between 0 and 65535");
                }
            }
            return List.copyOf(ports);
        });
    }

    /** The node's public network configuration. */
    public CompletableFuture<PublicConfig> publicConfig(Duration deadline) {
        return call(PUBLIC_CONFIG_GET, NO_BODY, deadline,
                body -> nonNull(read(body, new TypeReference<PublicConfig>() { })));
    }

    /** The node's capacity counters. */
    public CompletableFuture<NodeStatistics> statistics(Duration deadline) {
        return call(STATISTICS_GET, NO_BODY, deadline,
                body -> nonNull(read(body, new TypeReference<NodeStatistics>() { })));
    }

    private CompletableFuture<Void> send(String command, Deployment deployment, Duration deadline) {
        Objects.requireNonNull(deployment, "deployment");
        if (deployment.contractId() == 0) {
            throw new InvalidInputException("contract_id", "a deployment is sent once its contract exists");
        }
        // zos answers null; anything else that is JSON is taken too
        return call(command, ZosJson.write(deployment), deadline, body -> {
            read(body, new TypeReference<com.fasterxml.jackson.databind.JsonNode>() { });
            return null;
        });
    }

    private static byte[] contractBody(long contractId) {
        if (contractId <= 0) {
            throw new InvalidInputException("contract_id", "a contract id is positive");
        }
        return ("{\"contract_id\":" + contractId + "}").getBytes(StandardCharsets.US_ASCII);
    }

    private <T> CompletableFuture<T> call(String command, byte[] body, Duration deadline, Function<byte[], T> reader) {
        return rmb.call(nodeTwin, command, body, deadline).handle((reply, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof RmbErrorReplyException err) {
                    throw new CompletionException(new ZosNodeException(nodeTwin, command, err.remoteMessage(), err));
                }
                throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
            }
            try {
                return reader.apply(reply);
            } catch (DeployerException e) {
                throw new CompletionException(new MalformedZosReplyException(command, e.getMessage(), e));
            } catch (RuntimeException e) {
                throw new CompletionException(new MalformedZosReplyException(command, "unreadable", e));
            }
        });
    }

    private static <T> T read(byte[] body, TypeReference<T> type) {
        if (body.length > ZosJson.MAX_BYTES) {
            throw new InvalidDeploymentException("answer", "longer than " + ZosJson.MAX_BYTES + " bytes");
        }
        try {
            JavaType javaType = ZosJson.MAPPER.getTypeFactory().constructType(type);
            return ZosJson.MAPPER.readValue(body, javaType);
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DeployerException known) {
                    throw known;
                }
            }
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new InvalidDeploymentException("answer", "not the JSON zos sends: " + why, e);
        }
    }

    private static byte[] nonNull(byte[] body) {
        if (body.length == 0) {
            throw new InvalidDeploymentException("answer", "empty");
        }
        return body;
    }

    private static <T> T nonNull(T value) {
        if (value == null) {
            throw new InvalidDeploymentException("answer", "null");
        }
        return value;
    }
}
