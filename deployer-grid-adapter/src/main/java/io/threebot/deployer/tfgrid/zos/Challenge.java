package io.threebot.deployer.tfgrid.zos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The challenge text of a deployment, field by field as zos writes it into its MD5 (zosbase
 * {@code Deployment.Challenge}, {@code Workload.Challenge} and each type's {@code Challenge}): numbers in decimal,
 * booleans as {@code true}/{@code false}, IPs and CIDRs as Go prints them, byte fields as lower-case hex, env sorted
 * by key (bytewise, as Go's sort.Strings), no separators. The contract id and the signatures are not part of it.
 */
final class Challenge {
    private Challenge() {
    }

    static String of(Deployment d) {
        StringBuilder out = new StringBuilder();
        out.append(d.version()).append(d.twinId()).append(d.metadata()).append(d.description()).append(d.expiration());
        for (Workload w : d.workloads()) {
            workload(out, w);
        }
        SignatureRequirement r = d.signatureRequirement();
        for (SignatureRequest q : r.requests()) {
            out.append(q.twinId()).append(q.required()).append(q.weight());
        }
        out.append(r.weightRequired()).append(r.signatureStyle());
        return out.toString();
    }

    static void workload(StringBuilder out, Workload w) {
        out.append(w.version()).append(w.name()).append(w.type()).append(w.metadata()).append(w.description());
        data(out, w.data());
    }

    static void data(StringBuilder out, WorkloadData data) {
        if (data instanceof Network n) {
            out.append(n.ipRange()).append(n.subnet()).append(n.wireguardPrivateKey()).append(n.wireguardListenPort());
            for (Network.Peer p : n.peers()) {
                out.append(p.wireguardPublicKey()).append(p.endpoint()).append(p.subnet());
                p.allowedIps().forEach(out::append);
            }
            if (n.mycelium() != null) {
                out.append(n.mycelium().hexKey());
                n.mycelium().peers().forEach(out::append);
            }
        } else if (data instanceof ZMachine m) {
            out.append(m.flist());
            ZMachine.MachineNetwork net = m.network();
            out.append(net.publicIp()).append(net.planetary());
            for (ZMachine.Interface i : net.interfaces()) {
                out.append(i.network()).append(i.ip());
            }
            if (net.mycelium() != null) {
                out.append(net.mycelium().network()).append(net.mycelium().hexSeed());
            }
            out.append(m.size());
            out.append(m.computeCapacity().cpu()).append(m.computeCapacity().memory());
            for (ZMachine.Mount mount : m.mounts()) {
                out.append(mount.name()).append(mount.mountpoint());
            }
            out.append(m.entrypoint());
            for (Map.Entry<String, String> e : sortedByBytes(m.env())) {
                out.append(e.getKey()).append('=').append(e.getValue());
            }
            m.gpu().forEach(out::append);
        } else if (data instanceof ZMount z) {
            out.append(z.size());
        } else if (data instanceof PublicIp ip) {
            out.append(ip.v4()).append(ip.v6());
        } else if (data instanceof GatewayNameProxy g) {
            out.append(g.name()).append(g.tlsPassthrough());
            g.backends().forEach(out::append);
            if (g.network() != null) {
                out.append(g.network());
            }
        } else if (data instanceof GatewayFqdnProxy g) {
            out.append(g.fqdn()).append(g.tlsPassthrough());
            g.backends().forEach(out::append);
            if (g.network() != null) {
                out.append(g.network());
            }
        } else {
            throw new InvalidDeploymentException("workloads.type",
                    "the challenge of workload type " + data.workloadType() + " is not known here");
        }
    }

    private static List<Map.Entry<String, String>> sortedByBytes(Map<String, String> env) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(env.entrySet());
        entries.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                b.getKey().getBytes(StandardCharsets.UTF_8)));
        return entries;
    }
}
