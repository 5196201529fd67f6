package io.threebot.deployer.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A container workload. Secret environment values are encrypted for the node by the grid adapter. */
public record ContainerSpec(String flist, Map<String, String> environment, Map<String, Secret> secretEnvironment,
                            String entrypoint, boolean interactive, Capacity capacity,
                            List<NetworkConnection> networkConnections, Optional<LogConfig> logs)
        implements WorkloadSpec {
    public ContainerSpec {
        Objects.requireNonNull(flist, "flist");
        environment = Map.copyOf(environment);
        secretEnvironment = Map.copyOf(secretEnvironment);
        entrypoint = entrypoint == null ? "" : entrypoint;
        Objects.requireNonNull(capacity, "capacity");
        networkConnections = List.copyOf(networkConnections);
        logs = logs == null ? Optional.empty() : logs;
    }

    @Override
    public WorkloadType type() {
        return WorkloadType.CONTAINER;
    }

    /** The environment sorted by key, as the grid signs it. */
    public Map<String, String> sortedEnvironment() {
        return new TreeMap<>(environment);
    }
}
