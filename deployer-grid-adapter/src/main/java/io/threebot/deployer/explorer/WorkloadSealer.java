package io.threebot.deployer.explorer;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.NetworkResourceSpec;
import io.threebot.deployer.model.ReverseProxySpec;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a workload in its wire form before it is signed: secrets encrypted for its node, the WireGuard private key
 * sealed for it, metadata encrypted for the identity itself. Log URLs are encrypted by the codec as it writes
 * them, since they are not signed.
 */
final class WorkloadSealer {
    private WorkloadSealer() {
    }

    static Workload seal(Workload w, IdentityKeys identity, byte[] nodePublicKey) {
        return new Workload(w.id(), w.nodeId(), w.poolId(), w.customerTid(), w.reference(), w.description(),
                w.metadata().isEmpty() ? "" : ExplorerCrypto.encryptMetadata(identity, w.metadata()), w.epoch(),
                w.nextAction(), spec(w.spec(), identity, nodePublicKey), w.result());
    }

    private static WorkloadSpec spec(WorkloadSpec spec, IdentityKeys identity, byte[] node) {
        if (spec instanceof ReverseProxySpec p) {
            return new ReverseProxySpec(p.domain(), encrypt(identity, node, p.secret()));
        }
        if (spec instanceof NetworkResourceSpec r) {
            return new NetworkResourceSpec(r.name(), r.networkIpRange(), r.ipRange(),
                    Secret.of(ExplorerCrypto.sealForNode(node, r.wireguardPrivateKey().value())),
                    r.wireguardPublicKey(), r.wireguardListenPort(), r.peers());
        }
        if (spec instanceof ContainerSpec c) {
            Map<String, Secret> secrets = new LinkedHashMap<>();
            c.secretEnvironment().forEach((k, v) -> secrets.put(k, encrypt(identity, node, v)));
            return new ContainerSpec(c.flist(), c.environment(), secrets, c.entrypoint(), c.interactive(),
                    c.capacity(), c.networkConnections(), c.logs());
        }
        return spec;
    }

    private static Secret encrypt(IdentityKeys identity, byte[] node, Secret secret) {
        return Secret.of(ExplorerCrypto.encryptForNode(identity, node, secret.value()));
    }

}
