package io.threebot.deployer.explorer;

import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.NetworkConnection;
import io.threebot.deployer.model.NetworkResourceSpec;
import io.threebot.deployer.model.ReverseProxySpec;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.WireGuardPeer;
import io.threebot.deployer.model.Workload;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The text a workload's customer signs: the reservation info fields, then the type's own fields, concatenated with
 * no separators. It is built from a workload in its wire form: secrets and metadata already encrypted, exactly as
 * sent, so the explorer (or its simulator) rebuilds the same text from what it received.
 */
public final class WorkloadChallenge {
    /** The workload_id the deployer's workloads carry. */
    public static final int WORKLOAD_ID = 1;

    private WorkloadChallenge() {
    }

    public static String of(Workload sealed) {
        StringBuilder text = new StringBuilder();
        text.append(WORKLOAD_ID).append(sealed.nodeId()).append(sealed.poolId()).append(sealed.reference())
                .append(sealed.customerTid()).append(sealed.type().name()).append(sealed.epoch().getEpochSecond())
                .append(sealed.description()).append(sealed.metadata());
        if (sealed.spec() instanceof SubdomainSpec s) {
            text.append(s.domain());
            s.ips().forEach(text::append);
        } else if (sealed.spec() instanceof ReverseProxySpec p) {
            text.append(p.domain()).append(p.secret().value());
        } else if (sealed.spec() instanceof ContainerSpec c) {
            container(text, c);
        } else if (sealed.spec() instanceof NetworkResourceSpec n) {
            network(text, n);
        }
        return text.toString();
    }

    private static void container(StringBuilder text, ContainerSpec c) {
        text.append(c.flist()).append("").append(c.entrypoint()).append(c.interactive());
        new TreeMap<>(c.environment()).forEach((k, v) -> text.append(k).append('=').append(v));
        new TreeMap<>(c.secretEnvironment()).forEach((k, v) -> text.append(k).append('=').append(v.value()));
        for (NetworkConnection n : c.networkConnections()) {
            text.append(n.networkName()).append(n.ipAddress()).append(n.publicIpv6());
        }
        text.append(c.capacity().cpu()).append(c.capacity().memoryMib()).append(c.capacity().diskMib())
                .append(c.capacity().diskType().name().toLowerCase(Locale.ROOT));
    }

    private static void network(StringBuilder text, NetworkResourceSpec n) {
        text.append(n.name()).append(n.networkIpRange()).append(n.wireguardPrivateKey().value())
                .append(n.wireguardPublicKey()).append(n.wireguardListenPort()).append(n.ipRange());
        for (WireGuardPeer peer : n.peers()) {
            text.append(peer.publicKey()).append(peer.endpoint()).append(peer.ipRange());
            peer.allowedIpRanges().forEach(text::append);
        }
    }
}
