package io.threebot.deployer.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.chain.EnumValue;
import io.threebot.deployer.tfgrid.chain.Era;
import io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.keys.Mnemonic;
import io.threebot.deployer.tfgrid.keys.Ss58;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Signature;
import io.threebot.deployer.tfgrid.zos.ZosJson;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Measures how many signed extrinsics per second {@link ExtrinsicBuilder} builds (a {@code balances.transfer_keep_alive}
 * call encoded from the runtime's metadata, extrinsic v4, ed25519 signature, bytes) and how many zos deployment
 * challenge hashes it computes and signs ({@link Deployment#signed}), against the same work in {@code @polkadot/api}
 * and {@code @threefold/grid_client} under Node in the same run: the same metadata (substrate's, as
 * {@code @polkadot/types-support} ships it), the same key, call and deployment (a 3Bot's network, disk, VM and
 * gateway name). Both sides first show they do the same work (identical extrinsic bytes, hash and signature), then
 * take turns measuring for a few seconds each, several rounds, each warmed up; medians compared. grid_client's own
 * {@code Deployment.sign} derives the key from the mnemonic at every call, so it is shown beside the comparison
 * with a key derived once.
 *
 * <p>Run with {@code ./scripts/benchmark.sh tfgrid [seconds]} (default 2 s a measure). Needs Node and npm.
 */
public final class TfgridSigningBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final int ROUNDS = 3;
    private static final double TARGET = 1.0;
    private static final long TWIN = 42;
    private static final BigInteger AMOUNT = new BigInteger("1000000000000");
    private static final String DEPLOYMENT = """
            {"version":0,"twin_id":42,"contract_id":0,"metadata":"{\\"type\\":\\"vm\\",\\"name\\":\\"mybot\\"}",
             "description":"the 3Bot mybot","expiration":0,
             "signature_requirement":{"requests":[{"twin_id":42,"required":false,"weight":1}],
                                      "weight_required":1,"signatures":[],"signature_style":""},
             "workloads":[
              {"version":0,"name":"net","type":"network","metadata":"","description":"",
               "data":{"ip_range":"10.20.0.0/16","subnet":"10.20.2.0/24",
                       "wireguard_private_key":"GDU+cjKrHNJS9fodzjFDzNFl5su3kJXTZ3ipPgUjOUE=",
                       "wireguard_listen_port":3011,
                       "peers":[{"subnet":"10.20.3.0/24","wireguard_public_key":"0Q3xSzZ3Y0pWTBtE1hNQ4PKnEbyU0mWmUo/DpvhLPVw=",
                                 "allowed_ips":["10.20.3.0/24","100.64.20.3/32"],"endpoint":"185.206.122.33:3012"}]}},
              {"version":0,"name":"data","type":"zmount","metadata":"","description":"","data":{"size":53687091200}},
              {"version":0,"name":"mybot","type":"zmachine","metadata":"","description":"",
               "data":{"flist":"https://hub.grid.tf/tf-official-apps/threefoldtech-3bot-latest.flist",
                       "network":{"public_ip":"","planetary":true,
                                  "interfaces":[{"network":"net","ip":"10.20.2.2"}]},
                       "size":2147483648,"compute_capacity":{"cpu":2,"memory":4294967296},
                       "mounts":[{"name":"data","mountpoint":"/sandbox/var"}],
                       "entrypoint":"/sbin/zinit init",
                       "env":{"THREEBOT_NAME":"mybot","SSH_KEY":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB bot@host",
                              "DOMAIN":"mybot.gent01.grid.tf"},
                       "corex":false}},
              {"version":0,"name":"mybotgw","type":"gateway-name-proxy","metadata":"","description":"",
               "data":{"name":"mybot","tls_passthrough":false,"backends":["http://10.20.2.2:80"]}}]}
            """;

    private TfgridSigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        BenchmarkTable.print(ratios(seconds), System.out);
    }

    /** The work both sides do. */
    private record Work(Ed25519KeyPair key, Mnemonic mnemonic, byte[] destination, byte[] genesis, byte[] block,
                        RuntimeMetadata runtime, Deployment deployment) {
        byte[] extrinsic() {
            return ExtrinsicBuilder.forRuntime(runtime)
                    .call(runtime.call("Balances", "transfer_keep_alive", new EnumValue("Id", destination), AMOUNT))
                    .nonce(7).era(Era.mortal(64, 1000)).blockHash(block).genesisHash(genesis)
                    .specVersion(268).transactionVersion(2).sign(key);
        }

        Deployment signedDeployment() {
            return deployment.signed(TWIN, key);
        }
    }

    /**
     * Measures {@code seconds} a measure, {@value #ROUNDS} rounds each side, and returns two rows held to
     * {@value #TARGET} (ours at least as fast) and one shown.
     */
    public static List<BenchmarkRatio> ratios(double seconds) throws Exception {
        NodeScript node = new NodeScript("tfgrid-signing-bench.js");
        byte[] metadata = HEX.parseHex(node.run(List.of("metadata"), JSON.createObjectNode(), Duration.ofMinutes(2))
                .get("metadata").asText().substring(2));
        Mnemonic mnemonic = Mnemonic.fromEntropy(bytes(16, 3));
        Work work = new Work(Ed25519KeyPair.fromMnemonic(mnemonic), mnemonic,
                Ed25519KeyPair.fromSeed(bytes(32, 9)).publicKey(), bytes(32, 1), bytes(32, 2),
                RuntimeMetadata.parse(metadata), ZosJson.readDeployment(DEPLOYMENT));
        ObjectNode input = JSON.createObjectNode().put("mnemonic", mnemonic.phrase())
                .put("dest", Ss58.encode(work.destination())).put("amount", AMOUNT.toString())
                .put("genesisHash", "0x" + HEX.formatHex(work.genesis()))
                .put("blockHash", "0x" + HEX.formatHex(work.block())).put("nonce", 7).put("specVersion", 268)
                .put("transactionVersion", 2).put("twinId", TWIN).put("seconds", seconds)
                .put("warmupSeconds", Math.min(1, seconds));
        input.putObject("era").put("current", 1000).put("period", 64);
        input.set("deployment", JSON.readTree(ZosJson.write(work.deployment())));

        double[][] ours = new double[2][ROUNDS];
        double[][] theirs = new double[3][ROUNDS];
        String versions = "";
        for (int round = 0; round < ROUNDS; round++) {
            // take turns going first, so neither side always runs on a machine the other just warmed or loaded
            if (round % 2 == 1) {
                measureOurs(work, seconds, ours, round);
            }
            JsonNode answer = node.run(List.of(), input, Duration.ofMinutes(5));
            checkSameWork(work, answer.get("sample"));
            theirs[0][round] = answer.get("extrinsicsPerSecond").asDouble();
            theirs[1][round] = answer.get("deploymentsPerSecond").asDouble();
            theirs[2][round] = answer.get("gridClientSignsPerSecond").asDouble();
            versions = answer.get("versions").toString();
            if (round % 2 == 0) {
                measureOurs(work, seconds, ours, round);
            }
        }
        double ext = Medians.of(ours[0]);
        double dep = Medians.of(ours[1]);
        double extNode = Medians.of(theirs[0]);
        double depNode = Medians.of(theirs[1]);
        double signNode = Medians.of(theirs[2]);
        System.out.printf(Locale.ROOT, "%d rounds of %.1f s a measure, median shown; Node packages %s%n", ROUNDS,
                seconds, versions);
        System.out.printf(Locale.ROOT, "%-46s %12s %12s %8s%n", "work", "ours/s", "Node/s", "ratio");
        System.out.printf(Locale.ROOT, "%-46s %,12.0f %,12.0f %7.2fx%n", "extrinsic build+sign (@polkadot/api)", ext,
                extNode, ext / extNode);
        System.out.printf(Locale.ROOT, "%-46s %,12.0f %,12.0f %7.2fx%n", "deployment hash+sign (grid_client)", dep,
                depNode, dep / depNode);
        System.out.printf(Locale.ROOT, "%-46s %,12.0f %,12.0f %7.2fx%n", "deployment hash+sign (Deployment.sign)", dep,
                signNode, dep / signNode);
        List<BenchmarkRatio> rows = new ArrayList<>();
        rows.add(BenchmarkRatio.atLeast("TFGrid extrinsic build+sign / @polkadot/api", ext / extNode, TARGET,
                String.format(Locale.ROOT, "%,.0f vs %,.0f per s", ext, extNode)));
        rows.add(BenchmarkRatio.atLeast("TFGrid deployment hash+sign / grid_client", dep / depNode, TARGET,
                String.format(Locale.ROOT, "%,.0f vs %,.0f per s", dep, depNode)));
        rows.add(BenchmarkRatio.shown("TFGrid deployment hash+sign / grid_client Deployment.sign", dep / signNode,
                String.format(Locale.ROOT, "%,.0f vs %,.0f per s (it derives the key at every call)", dep,
                        signNode)));
        return rows;
    }

    private static void measureOurs(Work work, double seconds, double[][] ours, int round) {
        if (round == 0) {
            rate(Math.min(1, seconds), work::extrinsic);
            rate(Math.min(1, seconds), work::signedDeployment);
        }
        System.gc();
        ours[0][round] = rate(seconds, work::extrinsic);
        System.gc();
        ours[1][round] = rate(seconds, work::signedDeployment);
    }

    /** Operations a second over {@code seconds}; what each returns is kept, so nothing is optimised away. */
    private static double rate(double seconds, Supplier<?> op) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        int kept = 0;
        long now = start;
        while (now < end) {
            kept += op.get().hashCode();
            n++;
            now = System.nanoTime();
        }
        if (kept == 42) {
            System.out.print("");
        }
        return n / ((now - start) / 1e9);
    }

    /** The Node side's sample must be what ours makes: the same extrinsic bytes, hash and signature. */
    private static void checkSameWork(Work work, JsonNode sample) {
        String extrinsic = "0x" + HEX.formatHex(work.extrinsic());
        if (!extrinsic.equals(sample.get("extrinsic").asText())) {
            throw new IllegalStateException("@polkadot/api built another extrinsic: " + sample.get("extrinsic")
                    + " vs ours " + extrinsic);
        }
        if (!work.deployment().challengeHashHex().equals(sample.get("hash").asText())) {
            throw new IllegalStateException("grid_client hashed the deployment to " + sample.get("hash") + ", ours "
                    + work.deployment().challengeHashHex());
        }
        Signature ours = work.signedDeployment().signatureRequirement().signatures().get(0);
        if (!ours.signature().equals(sample.get("signature").asText())) {
            throw new IllegalStateException("grid_client signed the deployment otherwise");
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) seed);
        for (int i = 0; i < length; i++) {
            out[i] ^= (byte) (i * 31);
        }
        return out;
    }
}
