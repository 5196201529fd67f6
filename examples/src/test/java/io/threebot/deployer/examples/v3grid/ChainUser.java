package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A user of a local chain in tests: a funded ed25519 account that signs calls and waits for their block. */
final class ChainUser {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final LocalTfchain chain;
    private final Ed25519KeyPair key;

    private ChainUser(LocalTfchain chain, Ed25519KeyPair key) {
        this.chain = chain;
        this.key = key;
    }

    /** A new account funded with {@code amount}, with the terms accepted and a twin. */
    static ChainUser withTwin(LocalTfchain chain, BigInteger amount) throws Exception {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        ChainUser user = new ChainUser(chain, Ed25519KeyPair.fromSeed(seed));
        chain.fund(user.address(), amount).get(30, TimeUnit.SECONDS);
        user.send("TfgridModule", "user_accept_tc", "https://example.org/tc".getBytes(), "abc".getBytes());
        user.send("TfgridModule", "create_twin", Optional.of("relay.local".getBytes()), Optional.empty());
        return user;
    }

    String address() {
        return key.address();
    }

    long twinId() {
        return chain.twinOf(address()).orElseThrow().id();
    }

    /** Signs and submits a call, and returns the events of its extrinsic once a block includes it. */
    List<ChainEvent> send(String pallet, String call, Object... args) throws Exception {
        byte[] extrinsic = ExtrinsicBuilder.forRuntime(chain.metadata()).call(chain.metadata().call(pallet, call,
                args)).nonce(chain.nextNonce(address()))
                .genesisHash(HexFormat.of().parseHex(chain.genesisHash().substring(2)))
                .specVersion(TfchainRuntime.SPEC_VERSION).transactionVersion(TfchainRuntime.TRANSACTION_VERSION)
                .sign(key);
        String hex = "0x" + HexFormat.of().formatHex(extrinsic);
        long next = chain.head().number() + 1;
        chain.submit(extrinsic);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            chain.awaitBlock(next, WAIT);
            Block block = chain.block(chain.blockHash(next).orElseThrow()).orElseThrow();
            int index = block.extrinsics().indexOf(hex);
            if (index >= 0) {
                List<ChainEvent> mine = block.events().stream().filter(e -> e.extrinsic() == index).toList();
                if (mine.stream().anyMatch(e -> e.name().equals("ExtrinsicFailed"))) {
                    throw new AssertionError(pallet + "." + call + " failed: " + mine);
                }
                return mine;
            }
            next++;
        }
        throw new AssertionError(pallet + "." + call + " was not included within " + WAIT);
    }

    /** Creates a node contract with this deployment data and hash; its id. */
    long nodeContract(long nodeId, String hash, String data) throws Exception {
        send("SmartContractModule", "create_node_contract", nodeId, hash.getBytes(StandardCharsets.US_ASCII),
                data.getBytes(StandardCharsets.UTF_8), 0, Optional.empty());
        return chain.contracts().stream().filter(c -> c.type() == Contract.Type.NODE && c.nodeId() == nodeId
                && ProxyViews.text(c.deploymentHash()).equals(hash)).findFirst().orElseThrow().id();
    }

    /** Creates a name contract; its id. */
    long nameContract(String name) throws Exception {
        send("SmartContractModule", "create_name_contract", name.getBytes(StandardCharsets.US_ASCII));
        return chain.contracts().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();
    }
}
