package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.tfgrid.chain.Call;
import io.threebot.deployer.tfgrid.chain.Era;
import io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local tfchain's rules, driven with signed extrinsics as a client sends them. */
class LocalTfchainTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private LocalTfchain chain;

    @TempDir
    Path data;

    @AfterEach
    void stop() {
        if (chain != null) {
            chain.close();
        }
    }

    private LocalTfchain start(LocalTfchainConfig.Builder config) {
        chain = LocalTfchain.start(config.blockInterval(Duration.ofMillis(50)).dataDirectory(data).build());
        return chain;
    }

    private static Ed25519KeyPair newKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return Ed25519KeyPair.fromSeed(seed);
    }

    private ExtrinsicBuilder builder(Call call, Ed25519KeyPair key) {
        RuntimeMetadata metadata = chain.metadata();
        return ExtrinsicBuilder.forRuntime(metadata).call(call).nonce(chain.nextNonce(key.address()))
                .genesisHash(hash(chain.genesisHash())).specVersion(TfchainRuntime.SPEC_VERSION)
                .transactionVersion(TfchainRuntime.TRANSACTION_VERSION);
    }

    private static byte[] hash(String hex) {
        return HexFormat.of().parseHex(hex.substring(2));
    }

    /** Sends a call and returns the events of the block that included it for that extrinsic. */
    private List<ChainEvent> send(Ed25519KeyPair key, String pallet, String call, Object... args) throws Exception {
        long before = chain.head().number();
        chain.submit(builder(chain.metadata().call(pallet, call, args), key).sign(key));
        Block block = chain.awaitBlock(before + 2, WAIT);
        for (long n = before + 1; n <= block.number(); n++) {
            Block b = chain.block(chain.blockHash(n).orElseThrow()).orElseThrow();
            List<ChainEvent> mine = b.events().stream().filter(e -> e.extrinsic() > 0).toList();
            if (!mine.isEmpty()) {
                return mine;
            }
        }
        throw new AssertionError("the extrinsic was not included");
    }

    private static Optional<String> failure(List<ChainEvent> events) {
        return events.stream().filter(e -> e.name().equals("ExtrinsicFailed")).findFirst().map(e -> {
            var module = (io.threebot.deployer.tfgrid.chain.EnumValue) ((java.util.Map<?, ?>) e.data())
                    .get("dispatch_error");
            return module.name();
        });
    }

    private Ed25519KeyPair fundedUser(BigInteger amount) throws Exception {
        Ed25519KeyPair key = newKey();
        chain.fund(key.address(), amount).get(30, TimeUnit.SECONDS);
        return key;
    }

    private static String name(List<ChainEvent> events) {
        return events.stream().map(e -> e.pallet() + "." + e.name()).toList().toString();
    }

    @Test
    void aTwinNeedsTheTermsAcceptedFirstAndContractsFollowThePalletsRules() throws Exception {
        start(LocalTfchainConfig.builder());
        Ed25519KeyPair alice = fundedUser(BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));

        List<ChainEvent> refused = send(alice, "TfgridModule", "create_twin", Optional.of("relay.local".getBytes()),
                Optional.empty());
        assertThat(failure(refused)).contains("Module");
        assertThat(chain.twinOf(alice.address())).isEmpty();

        send(alice, "TfgridModule", "user_accept_tc", "https://example.org/tc".getBytes(), "abc".getBytes());
        List<ChainEvent> created = send(alice, "TfgridModule", "create_twin", Optional.of("relay.local".getBytes()),
                Optional.empty());
        assertThat(name(created)).contains("TfgridModule.TwinStored");
        Twin twin = chain.twinOf(alice.address()).orElseThrow();
        assertThat(twin.relay()).contains("relay.local");

        byte[] hash = "0123456789abcdef0123456789abcdef".getBytes();
        send(alice, "SmartContractModule", "create_node_contract", 1, hash, new byte[0], 0, Optional.empty());
        List<ChainEvent> again = send(alice, "SmartContractModule", "create_node_contract", 1, hash, new byte[0], 0,
                Optional.empty());
        assertThat(failure(again)).contains("Module");
        assertThat(moduleError(again)).isEqualTo("SmartContractModule.ContractIsNotUnique");
        // the same hash on another node is another contract
        send(alice, "SmartContractModule", "create_node_contract", 2, hash, new byte[0], 0, Optional.empty());

        send(alice, "SmartContractModule", "create_name_contract", "mybot".getBytes());
        Ed25519KeyPair bob = fundedUser(BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
        send(bob, "TfgridModule", "user_accept_tc", "https://example.org/tc".getBytes(), "abc".getBytes());
        send(bob, "TfgridModule", "create_twin", Optional.of("relay.local".getBytes()), Optional.empty());
        assertThat(moduleError(send(bob, "SmartContractModule", "create_name_contract", "mybot".getBytes())))
                .isEqualTo("SmartContractModule.NameExists");
        assertThat(moduleError(send(bob, "SmartContractModule", "create_name_contract", "My Bot".getBytes())))
                .isEqualTo("SmartContractModule.NameNotValid");

        long nodeContract = chain.contracts().get(0).id();
        assertThat(moduleError(send(bob, "SmartContractModule", "cancel_contract", nodeContract)))
                .isEqualTo("SmartContractModule.TwinNotAuthorizedToCancelContract");
        assertThat(chain.contracts()).extracting(Contract::id).contains(nodeContract);
        List<ChainEvent> canceled = send(alice, "SmartContractModule", "cancel_contract", nodeContract);
        assertThat(name(canceled)).contains("SmartContractModule.NodeContractCanceled");
        assertThat(chain.contracts()).extracting(Contract::id).doesNotContain(nodeContract);
        assertThat(chain.contracts()).extracting(Contract::type).containsExactly(Contract.Type.NODE,
                Contract.Type.NAME);
    }

    private String moduleError(List<ChainEvent> events) {
        ChainEvent failed = events.stream().filter(e -> e.name().equals("ExtrinsicFailed")).findFirst()
                .orElseThrow(() -> new AssertionError("the call did not fail: " + name(events)));
        var error = (io.threebot.deployer.tfgrid.chain.EnumValue) ((java.util.Map<?, ?>) failed.data())
                .get("dispatch_error");
        var module = (java.util.Map<?, ?>) error.value();
        int pallet = ((Number) module.get("index")).intValue();
        int index = ((byte[]) module.get("error"))[0];
        RuntimeMetadata.PalletItem item = chain.metadata().error(pallet, index);
        return item.pallet() + "." + item.name();
    }

    @Test
    void badSignaturesWrongGenesisStaleNoncesExpiredErasAndEmptyAccountsAreRefused() throws Exception {
        start(LocalTfchainConfig.builder());
        Ed25519KeyPair alice = fundedUser(BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
        Call remark = chain.metadata().call("System", "remark", new byte[] {1});

        byte[] tampered = builder(remark, alice).sign(alice);
        tampered[tampered.length - 1] ^= 1; // the call's last byte changes after signing
        assertRefused(tampered, InvalidTransactionException.Kind.BAD_PROOF);

        byte[] wrongGenesis = builder(remark, alice).genesisHash(new byte[32]).sign(alice);
        assertRefused(wrongGenesis, InvalidTransactionException.Kind.BAD_PROOF);

        byte[] wrongSpec = builder(remark, alice).specVersion(1).sign(alice);
        assertRefused(wrongSpec, InvalidTransactionException.Kind.BAD_PROOF);

        chain.submit(builder(remark, alice).sign(alice));
        chain.awaitBlock(chain.head().number() + 2, WAIT);
        byte[] stale = builder(remark, alice).nonce(0).sign(alice);
        assertRefused(stale, InvalidTransactionException.Kind.STALE);
        byte[] future = builder(remark, alice).nonce(9).sign(alice);
        assertRefused(future, InvalidTransactionException.Kind.FUTURE);

        Block birth = chain.head();
        byte[] mortal = builder(remark, alice).era(Era.mortal(4, birth.number())).blockHash(hash(birth.hash()))
                .sign(alice);
        chain.awaitBlock(birth.number() + 8, WAIT);
        assertRefused(mortal, InvalidTransactionException.Kind.BAD_PROOF);

        Ed25519KeyPair empty = newKey();
        byte[] unpaid = ExtrinsicBuilder.forRuntime(chain.metadata()).call(remark).nonce(0)
                .genesisHash(hash(chain.genesisHash())).specVersion(TfchainRuntime.SPEC_VERSION)
                .transactionVersion(TfchainRuntime.TRANSACTION_VERSION).sign(empty);
        assertRefused(unpaid, InvalidTransactionException.Kind.PAYMENT);

        assertRefused(new byte[] {8, (byte) 0x84, 1}, InvalidTransactionException.Kind.UNDECODABLE);
    }

    private void assertRefused(byte[] extrinsic, InvalidTransactionException.Kind kind) {
        assertThatThrownBy(() -> chain.submit(extrinsic)).isInstanceOfSatisfying(InvalidTransactionException.class,
                e -> assertThat(e.kind()).isEqualTo(kind)).hasMessageContaining(kind.text());
    }

    @Test
    void aContractThatRunsDryGoesThroughItsGracePeriodThenIsDeletedAndTopUpEndsTheGrace() throws Exception {
        start(LocalTfchainConfig.builder().billingFrequency(2).gracePeriod(6).distributionFrequency(2));
        // a name contract costs 5000e-7 USD an hour: 0.05 TFT at 0.01 USD; an hour of chain time is 10 blocks
        Ed25519KeyPair alice = fundedUser(BigInteger.valueOf(TfchainRuntime.ONE_TFT / 10));
        send(alice, "TfgridModule", "user_accept_tc", "https://example.org/tc".getBytes(), "abc".getBytes());
        send(alice, "TfgridModule", "create_twin", Optional.empty(), Optional.empty());
        send(alice, "SmartContractModule", "create_name_contract", "dry".getBytes());
        Contract contract = chain.contracts().get(0);

        BigInteger start = chain.balance(alice.address()).free();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (chain.contracts().get(0).state() != Contract.State.GRACE_PERIOD) {
            assertThat(System.nanoTime()).as("the contract enters its grace period").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(chain.balance(alice.address()).free()).isLessThan(start);
        long graceStart = chain.contracts().get(0).graceStartBlock();

        // topping up ends the grace period
        chain.fund(alice.address(), BigInteger.valueOf(TfchainRuntime.ONE_TFT)).get(30, TimeUnit.SECONDS);
        while (chain.contracts().get(0).state() != Contract.State.CREATED) {
            assertThat(System.nanoTime()).as("the grace period ends").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(graceStart).isPositive();

        // a second user whose balance runs dry loses the contract after the grace period
        Ed25519KeyPair bob = fundedUser(BigInteger.valueOf(TfchainRuntime.ONE_TFT / 20));
        send(bob, "TfgridModule", "user_accept_tc", "https://example.org/tc".getBytes(), "abc".getBytes());
        send(bob, "TfgridModule", "create_twin", Optional.empty(), Optional.empty());
        send(bob, "SmartContractModule", "create_name_contract", "gone".getBytes());
        long bobContract = chain.contracts().stream().filter(c -> c.name().equals("gone")).findFirst().orElseThrow()
                .id();
        long graceSeen = -1;
        while (chain.contracts().stream().anyMatch(c -> c.id() == bobContract)) {
            assertThat(System.nanoTime()).as("the contract is deleted after its grace period")
                    .isLessThan(deadline + WAIT.toNanos());
            Optional<Contract> c = chain.contracts().stream().filter(x -> x.id() == bobContract).findFirst();
            if (c.isPresent() && c.get().state() == Contract.State.GRACE_PERIOD) {
                graceSeen = c.get().graceStartBlock();
            }
            Thread.sleep(10);
        }
        assertThat(graceSeen).as("it went through its grace period first").isPositive();
        assertThat(chain.head().number() - graceSeen).isGreaterThanOrEqualTo(6);
        assertThat(chain.contracts()).extracting(Contract::id).contains(contract.id());
    }

    @Test
    void aNodeCapacityScaleGivesEverySampleNodeThatManyTimesItsCoresMemoryAndDisks() throws Exception {
        Map<String, Resources> sample = new TreeMap<>();
        try (LocalTfchain plain = LocalTfchain.start(LocalTfchainConfig.builder().blockInterval(Duration.ofMillis(50))
                .build())) {
            plain.nodes().forEach(n -> sample.put(n.serialNumber(), n.resources()));
        }
        start(LocalTfchainConfig.builder().nodeCapacityScale(3));
        Map<String, Resources> scaled = new TreeMap<>();
        chain.nodes().forEach(n -> scaled.put(n.serialNumber(), n.resources()));

        assertThat(scaled.keySet()).isEqualTo(sample.keySet()).isNotEmpty();
        sample.forEach((node, r) -> assertThat(scaled.get(node)).as(node)
                .isEqualTo(new Resources(r.hru() * 3, r.sru() * 3, r.cru() * 3, r.mru() * 3)));
        assertThatThrownBy(() -> LocalTfchainConfig.builder().nodeCapacityScale(0).build())
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> LocalTfchainConfig.builder().nodeCapacityScale(101).build())
                .hasMessageContaining("1 to 100");
    }

    @Test
    void aRestartFromTheDataDirectoryKeepsBlocksAndState() throws Exception {
        start(LocalTfchainConfig.builder());
        Ed25519KeyPair alice = fundedUser(BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
        send(alice, "TfgridModule", "user_accept_tc", "https://example.org/tc".getBytes(), "abc".getBytes());
        send(alice, "TfgridModule", "create_twin", Optional.empty(), Optional.empty());
        send(alice, "SmartContractModule", "create_name_contract", "kept".getBytes());
        String genesis = chain.genesisHash();
        chain.close();
        Block last = chain.head();
        ChainSnapshot before = chain.snapshot();

        chain = LocalTfchain.start(LocalTfchainConfig.builder().blockInterval(Duration.ofMillis(50))
                .dataDirectory(data).build());
        assertThat(chain.genesisHash()).isEqualTo(genesis);
        assertThat(chain.head().number()).isGreaterThanOrEqualTo(last.number());
        assertThat(chain.twinOf(alice.address())).isPresent();
        assertThat(chain.contracts()).extracting(Contract::name).contains("kept");
        assertThat(chain.balance(alice.address()).nonce()).isEqualTo(before.accounts()
                .get(LocalTfchain.accountHex(alice.address())).nonce());
        Block next = chain.awaitBlock(last.number() + 1, WAIT);
        assertThat(chain.block(chain.blockHash(last.number()).orElseThrow())).isPresent();
        assertThat(next.number()).isGreaterThan(last.number());
        // the nonce goes on from where it was
        send(alice, "System", "remark", new byte[] {1});
        assertThat(chain.balance(alice.address()).nonce()).isEqualTo(4);
    }
}
