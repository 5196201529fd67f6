package io.threebot.deployer.explorer;

import java.util.List;
import java.util.Objects;

/**
 * The text a workload's customer signs: the reservation info fields, then the type's own fields, concatenated with
 * no separators. Values that go encrypted on the wire go into the challenge encrypted, exactly as sent.
 *
 * @param workloadId  always 1 for workloads the deployer makes
 * @param typeName    the workload type in upper case, e.g. {@code SUBDOMAIN}
 * @param metadata    the encrypted metadata as sent
 */
public record WorkloadChallenge(long workloadId, String nodeId, long poolId, String reference, long customerTid,
                                String typeName, long epoch, String description, String metadata) {
    public WorkloadChallenge {
        Objects.requireNonNull(nodeId, "nodeId");
        reference = reference == null ? "" : reference;
        Objects.requireNonNull(typeName, "typeName");
        description = description == null ? "" : description;
        metadata = metadata == null ? "" : metadata;
    }

    /** The challenge of a subdomain workload: its domain, then each IP in wire order. */
    public String subdomain(String domain, List<String> ips) {
        return info() + domain + String.join("", ips);
    }

    /** The challenge of a reverse proxy workload: its domain and its encrypted secret. */
    public String reverseProxy(String domain, String encryptedSecret) {
        return info() + domain + encryptedSecret;
    }

    private String info() {
        return Long.toString(workloadId) + nodeId + poolId + reference + customerTid + typeName + epoch + description
                + metadata;
    }
}
