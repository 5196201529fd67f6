package io.threebot.deployer.model;

/** The type-specific part of a workload. */
public sealed interface WorkloadSpec permits ContainerSpec, SubdomainSpec, ReverseProxySpec, NetworkResourceSpec {
    WorkloadType type();
}
