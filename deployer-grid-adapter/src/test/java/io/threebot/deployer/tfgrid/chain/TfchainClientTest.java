package io.threebot.deployer.tfgrid.chain;

import static io.threebot.deployer.tfgrid.chain.ScriptedChainNode.blockHash;
import static io.threebot.deployer.tfgrid.chain.ScriptedChainNode.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tfchain client against a scripted node ({@link ScriptedChainNode}): connecting, reads decoded into records,
 * submit-and-watch to a block or to finality with the extrinsic's events, every typed module error, refused,
 * invalid, dropped and usurped extrinsics, deadlines, oversized and malformed answers, and connections dropped under
 * calls: nothing is ever submitted twice.
 */
class TfchainClientTest {
    private static final Ed25519KeyPair ALICE = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final Ed25519KeyPair BOB = Ed25519KeyPair.fromSeed(filled(7));

    private ScriptedChainNode node;
    private TfchainClient client;

    @BeforeEach
    void start() throws InterruptedException {
        node = new ScriptedChainNode();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        node.close();
    }

    private TfchainClient connect() {
        return connect(TfchainClient.builder(node.url()).callTimeout(Duration.ofSeconds(10)));
    }

    private TfchainClient connect(TfchainClient.Builder builder) {
        client = builder.connect();
        return client;
    }

    // ---- connecting and reading ----

    @Test
    void connectingReadsMetadataRuntimeVersionGenesisAndChain() {
        TfchainClient c = connect();
        assertThat(c.runtimeVersion()).isEqualTo(new RuntimeVersion("substrate-threefold", 148, 1));
        assertThat(c.genesisHash()).isEqualTo(ScriptedChainNode.GENESIS);
        assertThat(c.chain()).isEqualTo("TFChain Scripted");
        assertThat(c.metadata().pallet("SmartContractModule").index()).isEqualTo(TfchainRuntime.SMART_CONTRACT);
        assertThat(node.requests("chain_getBlockHash")).singleElement()
                .satisfies(r -> assertThat(r.params().get(0).asInt()).isZero());
        assertThat(node.requests().stream().map(ScriptedChainNode.Request::method))
                .contains("state_getMetadata", "state_getRuntimeVersion", "system_chain");
    }

    @Test
    void readsDecodeAccountsTwinsAndContractsIntoRecords() {
        RuntimeMetadata md = node.metadata();
        node.put("System", "Account", Map.of("nonce", 5L, "consumers", 0L, "providers", 1L, "sufficients", 0L,
                "data", Map.of("free", BigInteger.valueOf(1_000_000_000L), "reserved", BigInteger.TEN,
                        "frozen", BigInteger.valueOf(300), "flags", BigInteger.ONE.shiftLeft(127))), ALICE.publicKey());
        node.put("TfgridModule", "Twins", Map.of("id", 12L, "account_id", ALICE.publicKey(),
                "relay", Optional.of("relay.grid.tf".getBytes(StandardCharsets.UTF_8)), "entities", List.of(),
                "pk", Optional.of(new byte[] {1, 2, 3})), 12L);
        node.put("TfgridModule", "TwinIdByAccountID", 12L, ALICE.publicKey());
        String hash = "0123456789abcdef0123456789abcdef";
        node.put("SmartContractModule", "Contracts", contract(77, new EnumValue("GracePeriod", BigInteger.valueOf(
                4321)), new EnumValue("NodeContract", Map.of("node_id", 9L, "deployment_hash",
                hash.getBytes(StandardCharsets.US_ASCII), "deployment_data", "{\"type\":\"vm\"}".getBytes(
                StandardCharsets.UTF_8), "public_ips", 1L, "public_ips_list", List.of(Map.of("ip",
                "185.1.2.3/24".getBytes(StandardCharsets.UTF_8), "gateway", "185.1.2.1".getBytes(
                StandardCharsets.UTF_8), "contract_id", BigInteger.valueOf(77))))), Optional.of(BigInteger.ONE)),
                BigInteger.valueOf(77));
        node.put("SmartContractModule", "Contracts", contract(78, new EnumValue("Deleted", "OutOfFunds"),
                new EnumValue("NameContract", "my3bot".getBytes(StandardCharsets.UTF_8)), Optional.empty()), 78L);
        node.put("SmartContractModule", "Contracts", contract(79, EnumValue.of("Created"),
                new EnumValue("RentContract", 9L), Optional.empty()), 79L);
        node.put("SmartContractModule", "ContractIDByNodeIDAndHash", 77L, 9L,
                hash.getBytes(StandardCharsets.US_ASCII));
        node.put("SmartContractModule", "ContractIDByNameRegistration", 78L, "my3bot".getBytes(StandardCharsets.UTF_8));
        node.put("SmartContractModule", "ActiveNodeContracts", List.of(77L, 80L), 9L);
        TfchainClient c = connect();

        assertThat(c.account(ALICE.address())).isEqualTo(new AccountBalance(5, BigInteger.valueOf(1_000_000_000L),
                BigInteger.TEN, BigInteger.valueOf(300)));
        assertThat(c.account(ALICE.address()).spendable()).isEqualTo(BigInteger.valueOf(999_999_700L));
        assertThat(c.account(BOB.address())).isEqualTo(new AccountBalance(0, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO));
        assertThat(c.twin(12)).contains(new Twin(12, ALICE.address(), Optional.of("relay.grid.tf"),
                Optional.of("0x010203")));
        assertThat(c.twin(13)).isEmpty();
        assertThat(c.twinIdOf(ALICE.address())).contains(12L);
        assertThat(c.twinIdOf(BOB.address())).isEmpty();
        Contract node77 = c.contract(77).orElseThrow();
        assertThat(node77.state()).isEqualTo(Contract.State.GRACE_PERIOD);
        assertThat(node77.gracePeriodStart()).hasValue(4321);
        assertThat(node77.solutionProviderId()).contains(1L);
        assertThat(node77.type()).isEqualTo(new Contract.NodeContract(9, hash, "{\"type\":\"vm\"}", 1,
                List.of(new Contract.PublicIp("185.1.2.3/24", "185.1.2.1", 77))));
        Contract name78 = c.contract(78).orElseThrow();
        assertThat(name78.state()).isEqualTo(Contract.State.DELETED);
        assertThat(name78.deletedCause()).contains("OutOfFunds");
        assertThat(name78.type()).isEqualTo(new Contract.NameContract("my3bot"));
        assertThat(c.contract(79).orElseThrow().type()).isEqualTo(new Contract.RentContract(9));
        assertThat(c.contract(80)).isEmpty();
        assertThat(c.nodeContractId(9, hash)).contains(77L);
        assertThat(c.nodeContractId(10, hash)).isEmpty();
        assertThat(c.nameContractId("my3bot")).contains(78L);
        assertThat(c.nameContractId("other")).isEmpty();
        assertThat(c.activeNodeContracts(9)).containsExactly(77L, 80L);
        assertThat(c.activeNodeContracts(10)).isEmpty();
        assertThat(md).isNotNull();
    }

    static Map<String, Object> contract(long id, EnumValue state, EnumValue type, Optional<BigInteger> provider) {
        return Map.of("version", 4L, "state", state, "contract_id", BigInteger.valueOf(id), "twin_id", 12L,
                "contract_type", type, "solution_provider_id", provider);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        TfchainClient c = connect();
        int before = node.requests().size();
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> c.account("not-an-address")).field())
                .contains("address");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> c.calls().createNameContract("A!"))
                .field()).contains("name");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> c.calls().createNodeContract(1,
                "not-a-hash", "{}", 0, Optional.empty())).field()).contains("deploymentHash");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> c.calls().transfer(BOB.address(),
                BigInteger.ZERO)).field()).contains("amount");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> c.calls().cancelContract(0)).field())
                .contains("contractId");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> c.calls().batchAll(List.of())).field())
                .contains("calls");
        assertThat(node.requests()).hasSize(before);
    }

    // ---- submitting ----

    @Test
    void submitWaitsUntilInBlockAndReturnsTheExtrinsicsOwnEvents() {
        node.nonce(ALICE.address(), 7);
        Map<String, Object> transfer = Map.of("from", ALICE.publicKey(), "to", BOB.publicKey(),
                "amount", BigInteger.valueOf(5_000_000));
        node.script(hex -> ScriptedChainNode.success(List.of(event("Balances", "Transfer", transfer))));
        TfchainClient c = connect();
        Call call = c.calls().transfer(BOB.address(), BigInteger.valueOf(5_000_000));

        ExtrinsicResult result = c.submit(call, ALICE, TfchainClient.Inclusion.IN_BLOCK);

        assertThat(result.blockHash()).isEqualTo(blockHash(1));
        assertThat(result.index()).isEqualTo(1);
        assertThat(result.finalized()).isFalse();
        assertThat(result.events()).extracting(ChainEvent::toString)
                .containsExactly("Balances.Transfer", "System.ExtrinsicSuccess");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) result.events("Balances", "Transfer").get(0).data();
        assertThat((byte[]) data.get("to")).isEqualTo(BOB.publicKey());
        assertThat(data.get("amount")).isEqualTo(BigInteger.valueOf(5_000_000));
        // the extrinsic is the one ExtrinsicBuilder signs with the node's nonce, versions, genesis and best block
        byte[] expected = ExtrinsicBuilder.forRuntime(c.metadata()).call(call).nonce(7)
                .era(Era.mortal(64, ScriptedChainNode.BEST_BLOCK))
                .blockHash(hex(blockHash((int) ScriptedChainNode.BEST_BLOCK))).genesisHash(hex(
                        ScriptedChainNode.GENESIS)).specVersion(148).transactionVersion(1).sign(ALICE);
        assertThat(node.submitted()).containsExactly(TfchainClient.hex(expected));
        assertThat(result.extrinsicHash()).isEqualTo(TfchainClient.hex(Hashing.blake2b256(expected)));
        // the subscription is ended without waiting for the node's answer: the request may still be on its way
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.requests("author_unwatchExtrinsic").isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(node.requests("author_unwatchExtrinsic")).hasSize(1);
    }

    @Test
    void theContractsAndTwinAnExtrinsicCreatedAreReadFromItsEvents() {
        Map<String, Object> twin = Map.of("id", 31L, "account_id", ALICE.publicKey(), "relay",
                Optional.of("relay.grid.tf".getBytes(StandardCharsets.UTF_8)), "entities", List.of(),
                "pk", Optional.empty());
        node.script(hex -> ScriptedChainNode.success(List.of(
                event("SmartContractModule", "ContractCreated", contract(90, EnumValue.of("Created"),
                        new EnumValue("NameContract", "my3bot".getBytes(StandardCharsets.UTF_8)), Optional.empty())),
                event("SmartContractModule", "ContractCreated", contract(91, EnumValue.of("Created"),
                        new EnumValue("RentContract", 4L), Optional.empty())),
                event("TfgridModule", "TwinStored", twin))));
        TfchainClient c = connect(TfchainClient.builder(node.url()).signer(ALICE));

        ExtrinsicResult result = c.submit(c.calls().createNameContract("my3bot"), TfchainClient.Inclusion.FINALIZED);

        assertThat(result.contractsCreated()).extracting(Contract::id, Contract::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple(90L, new Contract.NameContract("my3bot")),
                org.assertj.core.groups.Tuple.tuple(91L, new Contract.RentContract(4)));
        assertThat(result.twinCreated()).contains(new Twin(31, ALICE.address(), Optional.of("relay.grid.tf"),
                Optional.empty()));
        assertThat(result.finalized()).isTrue();
    }

    @Test
    void submitToFinalizedFollowsARetractedBlockToTheFinalizedOne() {
        node.script(hex -> new ScriptedChainNode.Script(List.of("ready", Map.of("inBlock", blockHash(2)),
                Map.of("retracted", blockHash(2)), Map.of("inBlock", blockHash(3)),
                Map.of("finalized", blockHash(3))), List.of(event("System", "ExtrinsicSuccess",
                ScriptedChainNode.dispatchInfo()))));
        TfchainClient c = connect(TfchainClient.builder(node.url()).mortalPeriod(0));

        ExtrinsicResult result = c.submit(c.calls().acceptTermsAndConditions("https://terms", "abc"), ALICE,
                TfchainClient.Inclusion.FINALIZED);

        assertThat(result.blockHash()).isEqualTo(blockHash(3));
        assertThat(result.finalized()).isTrue();
        assertThat(node.requests("chain_getHeader")).as("an immortal extrinsic needs no best block").isEmpty();
    }

    @Test
    void batchAllSubmitsOneExtrinsicWithTheCallsInside() {
        TfchainClient c = connect();
        Call batch = c.calls().batchAll(List.of(c.calls().createNameContract("my3bot"),
                c.calls().createNodeContract(9, "0123456789abcdef0123456789abcdef", "{}", 0, Optional.empty())));
        c.submit(batch, ALICE, TfchainClient.Inclusion.IN_BLOCK);
        assertThat(node.submitted()).singleElement().satisfies(hex -> assertThat(hex).endsWith(
                TfchainClient.hex(batch.bytes()).substring(2)));
    }

    static Stream<Arguments> moduleErrors() {
        return Stream.of(
                Arguments.of("Balances", "InsufficientBalance", NotEnoughFundsException.class, Reason.PAYMENT_REQUIRED),
                Arguments.of("TfgridModule", "FarmerDoesNotHaveEnoughFunds", NotEnoughFundsException.class,
                        Reason.PAYMENT_REQUIRED),
                Arguments.of("TfgridModule", "TwinNotExists", TwinNotFoundException.class, Reason.NOT_FOUND),
                Arguments.of("SmartContractModule", "TwinNotExists", TwinNotFoundException.class, Reason.NOT_FOUND),
                Arguments.of("TfgridModule", "TwinExists", TwinExistsException.class, Reason.CONFLICT),
                Arguments.of("TfgridModule", "UserDidNotSignTermsAndConditions", TermsNotAcceptedException.class,
                        Reason.FORBIDDEN),
                Arguments.of("SmartContractModule", "ContractNotExists", ContractNotFoundException.class,
                        Reason.NOT_FOUND),
                Arguments.of("SmartContractModule", "NameExists", NameTakenException.class, Reason.CONFLICT),
                Arguments.of("SmartContractModule", "ContractIsNotUnique", ContractNotUniqueException.class,
                        Reason.CONFLICT),
                Arguments.of("SmartContractModule", "NodeNotExists", ChainModuleException.class, Reason.UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("moduleErrors")
    void moduleErrorsBecomeTypedExceptions(String pallet, String error, Class<? extends ChainException> type,
            Reason reason) {
        node.script(hex -> ScriptedChainNode.failure(ScriptedChainNode.moduleError(node.metadata(), pallet, error)));
        TfchainClient c = connect();

        ChainException thrown = catchThrowableOfType(ChainException.class, () -> c.submit(
                c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK));

        assertThat(thrown).isExactlyInstanceOf(type);
        assertThat(thrown.reason()).isEqualTo(reason);
        assertThat(thrown.getMessage()).contains(pallet + "." + error);
        if (thrown instanceof ChainModuleException module) {
            assertThat(module.pallet()).isEqualTo(pallet);
            assertThat(module.error()).isEqualTo(error);
            assertThat(module.blockHash()).isEqualTo(blockHash(1));
        } else {
            assertThat(((NotEnoughFundsException) thrown).dispatchError()).hasValueSatisfying(d ->
                    assertThat(d.toString()).isEqualTo("Module(" + pallet + "." + error + ")"));
        }
        assertThat(node.submitted()).hasSize(1);
    }

    @Test
    void otherDispatchErrorsAreTypedToo() {
        TfchainClient c = connect();
        node.script(hex -> ScriptedChainNode.failure(new EnumValue("Token", "FundsUnavailable")));
        assertThatThrownBy(() -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK))
                .isInstanceOfSatisfying(NotEnoughFundsException.class, e -> assertThat(e.dispatchError())
                        .map(DispatchError::toString).contains("Token(FundsUnavailable)"));
        node.script(hex -> ScriptedChainNode.failure(EnumValue.of("BadOrigin")));
        assertThatThrownBy(() -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK))
                .isExactlyInstanceOf(ExtrinsicFailedException.class).hasMessageContaining("BadOrigin");
    }

    @Test
    void invalidDroppedAndUsurpedExtrinsicsAreRejectedAndNotSubmittedAgain() {
        TfchainClient c = connect();
        Map<Object, ExtrinsicRejectedException.Status> cases = Map.of(
                "invalid", ExtrinsicRejectedException.Status.INVALID,
                "dropped", ExtrinsicRejectedException.Status.DROPPED,
                Map.of("usurped", blockHash(9)), ExtrinsicRejectedException.Status.USURPED);
        int submitted = 0;
        for (Map.Entry<Object, ExtrinsicRejectedException.Status> each : cases.entrySet()) {
            node.script(hex -> new ScriptedChainNode.Script(List.of("ready", each.getKey()), List.of()));
            ExtrinsicRejectedException e = catchThrowableOfType(ExtrinsicRejectedException.class, () -> c.submit(
                    c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK));
            assertThat(e.status()).isEqualTo(each.getValue());
            assertThat(e.reason()).isEqualTo(each.getValue() == ExtrinsicRejectedException.Status.USURPED
                    ? Reason.CONFLICT : Reason.UNAVAILABLE);
            assertThat(node.submitted()).hasSize(++submitted);
        }
    }

    @Test
    void aPoolThatRefusesTheExtrinsicSaysWhy() {
        TfchainClient c = connect();
        node.error("author_submitAndWatchExtrinsic", 1010, "Invalid Transaction",
                "Inability to pay some fees (e.g. account balance too low)");
        NotEnoughFundsException poor = catchThrowableOfType(NotEnoughFundsException.class, () -> c.submit(
                c.calls().createTwin("relay.grid.tf", new byte[33]), ALICE, TfchainClient.Inclusion.IN_BLOCK));
        assertThat(poor.reason()).isEqualTo(Reason.PAYMENT_REQUIRED);
        assertThat(poor.dispatchError()).isEmpty();
        assertThat(poor.getMessage()).contains("Inability to pay some fees");

        node.error("author_submitAndWatchExtrinsic", 1010, "Invalid Transaction", "Transaction has a bad signature");
        ExtrinsicRejectedException refused = catchThrowableOfType(ExtrinsicRejectedException.class, () -> c.submit(
                c.calls().createTwin("relay.grid.tf", new byte[33]), ALICE, TfchainClient.Inclusion.IN_BLOCK));
        assertThat(refused.status()).isEqualTo(ExtrinsicRejectedException.Status.REFUSED);
        assertThat(refused.getMessage()).contains("1010").contains("bad signature");
        assertThat(node.requests("author_submitAndWatchExtrinsic")).hasSize(2);
    }

    @Test
    void anExtrinsicRefusedBecauseItsNonceWasUsedMeanwhileIsSignedAgainWithTheNodesCountAndIncludedOnce() {
        node.nonce(ALICE.address(), 3);
        // another signer of the same account (another process) takes nonces 3 and 4 between the read and the submit
        node.refuseAsOutdated(1, () -> node.nonce(ALICE.address(), 5));
        TfchainClient c = connect();

        ExtrinsicResult result = c.submit(c.calls().cancelContract(1), ALICE, TfchainClient.Inclusion.IN_BLOCK);

        assertThat(result).isNotNull();
        List<byte[]> nonces = submittedNonces(c);
        assertThat(nonces).as("refused at 3, then sent once at the node's new count")
                .extracting(n -> n[0]).containsExactly((byte) (3 << 2), (byte) (5 << 2));
        assertThat(node.requests("author_submitAndWatchExtrinsic")).hasSize(2);
    }

    @Test
    void aNonceRefusedAsUsedIsNotGivenAgainWhileTheNodeStillCountsIt() {
        // the node's count lags: the extrinsic refused at 3 must not take 3 again (nor make the next signer take it)
        node.nonce(ALICE.address(), 3);
        node.refuseAsOutdated(1, () -> { });
        TfchainClient c = connect();

        c.submit(c.calls().cancelContract(1), ALICE, TfchainClient.Inclusion.IN_BLOCK);
        c.submit(c.calls().cancelContract(2), ALICE, TfchainClient.Inclusion.IN_BLOCK);

        List<byte[]> nonces = submittedNonces(c);
        assertThat(nonces).extracting(n -> n[0]).containsExactly((byte) (3 << 2), (byte) (4 << 2), (byte) (5 << 2));
    }

    @Test
    void anExtrinsicRefusedForItsNonceAgainAndAgainIsRefusedInTheEnd() {
        node.refuseAsOutdated(100, () -> { });
        TfchainClient c = connect();
        ExtrinsicRejectedException refused = catchThrowableOfType(ExtrinsicRejectedException.class, () -> c.submit(
                c.calls().cancelContract(1), ALICE, TfchainClient.Inclusion.IN_BLOCK));
        assertThat(refused.status()).isEqualTo(ExtrinsicRejectedException.Status.REFUSED);
        assertThat(refused.getMessage()).contains("outdated");
        assertThat(node.requests("author_submitAndWatchExtrinsic")).hasSize(10);
    }

    @Test
    void twoExtrinsicsOfOneAccountTakeSuccessiveNoncesWhileTheNodeStillCountsTheFirstOut() {
        node.nonce(ALICE.address(), 3);
        TfchainClient c = connect();
        c.submit(c.calls().cancelContract(1), ALICE, TfchainClient.Inclusion.IN_BLOCK);
        c.submit(c.calls().cancelContract(2), ALICE, TfchainClient.Inclusion.IN_BLOCK);
        List<byte[]> nonces = submittedNonces(c);
        assertThat(nonces).extracting(n -> n[0]).containsExactly((byte) (3 << 2), (byte) (4 << 2));
    }

    @Test
    void anExtrinsicTheNodeHoldsAsFutureHasTheMissingNonceFilledWithARemarkAndIsIncluded() throws Exception {
        node.nonce(ALICE.address(), 5);
        TfchainClient c = connect();
        java.util.concurrent.atomic.AtomicInteger submissions = new java.util.concurrent.atomic.AtomicInteger();
        node.script(hex -> {
            if (submissions.incrementAndGet() > 1) {
                return ScriptedChainNode.success(List.of());
            }
            // the node lost the extrinsic at 4 it had counted: this one, at 5, waits for it, then goes in
            node.nonce(ALICE.address(), 4);
            return new ScriptedChainNode.Script(List.of("future", Map.of("inBlock", ScriptedChainNode.NEXT_BLOCK)),
                    ScriptedChainNode.success(List.of()).events());
        });
        String filler = TfchainClient.hex(ExtrinsicBuilder.forRuntime(c.metadata())
                .call(c.metadata().call("System", "remark", (Object) new byte[0])).nonce(4)
                .genesisHash(hex(ScriptedChainNode.GENESIS)).specVersion(148).transactionVersion(1)
                .era(Era.mortal(64, ScriptedChainNode.BEST_BLOCK))
                .blockHash(hex(blockHash((int) ScriptedChainNode.BEST_BLOCK))).sign(ALICE));

        ExtrinsicResult result = c.submit(c.calls().cancelContract(1), ALICE, TfchainClient.Inclusion.IN_BLOCK);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.submitted().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(result.extrinsicHash()).isNotEmpty();
        assertThat(node.submitted()).hasSize(2);
        assertThat(node.submitted().get(1)).as("a remark signed at 4").isEqualTo(filler);
        assertThat(submittedNonces(c)).extracting(n -> n[0]).containsExactly((byte) (5 << 2), (byte) (4 << 2));
    }

    /** The compact nonces of the extrinsics the node was sent, in order. */
    private List<byte[]> submittedNonces(TfchainClient c) {
        List<byte[]> nonces = new ArrayList<>();
        for (String hex : node.submitted()) {
            nonces.add(nonceOf(c.metadata(), hex));
        }
        return nonces;
    }

    /** The compact nonce of a signed extrinsic of this runtime: after length, version, address, signature, era. */
    private static byte[] nonceOf(RuntimeMetadata md, String hex) {
        ScaleReader in = new ScaleReader(hex(hex));
        in.compact();
        in.u8();
        in.read(1 + 32);
        in.read(1 + 64);
        Era.read(in);
        return in.read(1);
    }

    // ---- deadlines and hostile nodes ----

    @Test
    void aNodeThatNeverAnswersIsATimeoutWithinTheDeadline() {
        TfchainClient c = connect(TfchainClient.builder(node.url()).callTimeout(Duration.ofMillis(600)));
        node.silent("state_getStorage");
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.twin(1)).isInstanceOf(ChainTimeoutException.class)
                .hasMessageContaining("state_getStorage");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsed).isBetween(500L, 15_000L);
    }

    @Test
    void aReadOnAConnectionThatStoppedAnsweringIsMadeAgainOnANewOne() {
        TfchainClient c = connect(TfchainClient.builder(node.url()).callTimeout(Duration.ofSeconds(4)));
        assertThat(c.twin(1)).isEmpty(); // the connection is open and answers
        int before = node.connections();
        java.util.concurrent.atomic.AtomicReference<Object> stalled = new java.util.concurrent.atomic.AtomicReference<>();
        node.handle("state_getStorage", (id, params, conn) -> {
            stalled.compareAndSet(null, conn);
            // the connection that asked first never hears back; another one is answered
            return stalled.get() == conn ? List.of() : List.of(ScriptedChainNode.answer(id, null));
        });
        long start = System.nanoTime();

        assertThat(c.twin(1)).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("half the deadline, then the answer")
                .isBetween(1_500L, 3_900L);
        assertThat(node.connections()).isEqualTo(before + 1);
    }

    @Test
    void anExtrinsicNeverIncludedIsOfUnknownOutcomeAfterTheDeadlineAndNotSubmittedAgain() {
        node.script(hex -> new ScriptedChainNode.Script(List.of("ready"), List.of()));
        TfchainClient c = connect(TfchainClient.builder(node.url()).submitTimeout(Duration.ofMillis(700)));
        long start = System.nanoTime();
        ExtrinsicOutcomeUnknownException e = catchThrowableOfType(ExtrinsicOutcomeUnknownException.class,
                () -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(600L, 15_000L);
        assertThat(node.submitted()).hasSize(1);
        assertThat(e.extrinsicHash()).isEqualTo(TfchainClient.hex(Hashing.blake2b256(hex(node.submitted().get(0)))));
        assertThat(e.blockHash()).isEmpty();
        assertThat(e.getMessage()).contains("not submitted again");
    }

    @Test
    void anOversizedAnswerIsRefusedAndTheNextReadUsesANewConnection() {
        TfchainClient c = connect(TfchainClient.builder(node.url()).maxMessageBytes(64 * 1024)
                .callTimeout(Duration.ofSeconds(10)));
        node.raw("state_getStorage", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + "00".repeat(100_000) + "\"}");
        assertThatThrownBy(() -> c.twin(1)).isInstanceOf(ChainProtocolException.class)
                .hasMessageContaining("larger than 65536");
        node.handle("state_getStorage", (id, params, conn) -> List.of(ScriptedChainNode.answer(id, null)));
        assertThat(c.twin(1)).isEmpty();
        assertThat(node.connections()).isEqualTo(2);
    }

    @Test
    void malformedAnswersAreProtocolErrors() {
        TfchainClient c = connect();
        node.raw("state_getStorage", "this is not json {");
        assertThatThrownBy(() -> c.twin(1)).isInstanceOf(ChainProtocolException.class).hasMessageContaining("not JSON");

        node.raw("state_getStorage", "[" .repeat(5000));
        assertThatThrownBy(() -> c.twin(1)).isInstanceOf(ChainProtocolException.class);

        node.result("system_accountNextIndex", "seven");
        assertThatThrownBy(() -> c.nonce(ALICE.address())).isInstanceOf(ChainProtocolException.class)
                .hasMessageContaining("not a number");

        node.result("state_getStorage", "0xzz");
        assertThatThrownBy(() -> c.twin(1)).isInstanceOf(ChainProtocolException.class).hasMessageContaining("hex");

        node.result("state_getStorage", "0x0c0000");
        assertThatThrownBy(() -> c.twin(1)).isInstanceOf(ChainProtocolException.class)
                .hasMessageContaining("TfgridModule.Twins");

        node.handle("state_getStorage", (id, params, conn) -> List.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + "}"));
        assertThatThrownBy(() -> c.twin(1)).isInstanceOf(ChainProtocolException.class)
                .hasMessageContaining("neither a result nor an error");
    }

    @Test
    void aNodeWithoutAUsableRuntimeVersionOrMetadataIsRefusedOnConnecting() {
        node.result("state_getRuntimeVersion", Map.of("specName", "x", "specVersion", -1));
        assertThatThrownBy(this::connect).isInstanceOf(ChainProtocolException.class)
                .hasMessageContaining("runtime version");
        node.result("state_getMetadata", "0x6d657461");
        assertThatThrownBy(this::connect).isInstanceOf(ChainProtocolException.class)
                .hasMessageContaining("metadata");
        client = null;
    }

    @Test
    void aStatusNamingNoBlockOrUnknownLeavesTheOutcomeUnknown() {
        TfchainClient c = connect();
        node.script(hex -> new ScriptedChainNode.Script(List.of(Map.of("inBlock", 42)), List.of()));
        assertThatThrownBy(() -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK))
                .isInstanceOf(ExtrinsicOutcomeUnknownException.class).hasMessageContaining("names no block");
        node.script(hex -> new ScriptedChainNode.Script(List.of(Map.of("weird", 1)), List.of()));
        assertThatThrownBy(() -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK))
                .isInstanceOf(ExtrinsicOutcomeUnknownException.class).hasMessageContaining("does not know");
        // a block the node says holds the extrinsic, and that does not
        node.script(hex -> new ScriptedChainNode.Script(List.of(Map.of("inBlock", "0x" + "cd".repeat(32))),
                List.of()));
        node.result("chain_getBlock", Map.of("block", Map.of("extrinsics", List.of("0x00"))));
        ExtrinsicOutcomeUnknownException e = catchThrowableOfType(ExtrinsicOutcomeUnknownException.class,
                () -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK));
        assertThat(e.blockHash()).contains("0x" + "cd".repeat(32));
        assertThat(node.submitted()).hasSize(3);
    }

    @Test
    void aNodeThatCannotBeReachedOrNeverCompletesTheHandshakeFailsWithinTheDeadline() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> TfchainClient.builder("ws://127.0.0.1:" + closedPort).connect())
                .isInstanceOf(ChainConnectionException.class).hasMessageContaining("cannot open a websocket");
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try {
                    mute.accept(); // takes the connection and never answers the handshake
                } catch (java.io.IOException e) {
                    // closed by the test
                }
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> TfchainClient.builder("ws://127.0.0.1:" + mute.getLocalPort())
                    .connectTimeout(Duration.ofMillis(500)).connect()).isInstanceOf(ChainTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(400L, 15_000L);
        }
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> TfchainClient.builder("http://x"))
                .field()).contains("url");
    }

    // ---- connections lost ----

    @Test
    void aConnectionLostAfterSubmittingLeavesTheOutcomeUnknownAndNothingIsSubmittedAgain() {
        TfchainClient c = connect();
        node.handle("author_submitAndWatchExtrinsic", (id, params, conn) -> {
            node.recordSubmitted(params.path(0).asText());
            conn.send(ScriptedChainNode.answer(id, "sub-x"));
            conn.send(ScriptedChainNode.notification("author_extrinsicUpdate", "sub-x", "ready"));
            conn.close(1011, "gone"); // after the queued messages
            return List.of();
        });
        ExtrinsicOutcomeUnknownException e = catchThrowableOfType(ExtrinsicOutcomeUnknownException.class,
                () -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK));
        assertThat(e.getMessage()).contains("lost the node");
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        // the client works again on a new connection, and the extrinsic was handed over once
        assertThat(c.twin(1)).isEmpty();
        assertThat(node.submitted()).hasSize(1);
        assertThat(node.requests("author_submitAndWatchExtrinsic")).hasSize(1);
    }

    @Test
    void aConnectionDroppedBeforeTheNodeConfirmsTheSubmissionIsAnUnknownOutcomeToo() {
        TfchainClient c = connect();
        node.dropOn("author_submitAndWatchExtrinsic");
        assertThatThrownBy(() -> c.submit(c.calls().cancelContract(5), ALICE, TfchainClient.Inclusion.IN_BLOCK))
                .isInstanceOf(ExtrinsicOutcomeUnknownException.class);
        assertThat(node.requests("author_submitAndWatchExtrinsic")).hasSize(1);
    }

    @Test
    void everyCallWaitingOnADroppedConnectionFailsAtOnce() throws Exception {
        TfchainClient c = connect(TfchainClient.builder(node.url()).callTimeout(Duration.ofSeconds(30)));
        node.silent("state_getStorage");
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> failureOf(() -> c.twin(1)));
        CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> failureOf(() -> c.contract(1)));
        while (node.requests("state_getStorage").size() < 2) {
            Thread.sleep(10);
        }
        node.dropOn("state_getStorage");
        long start = System.nanoTime();
        node.dropAll();
        // each read is made once more on a new connection, which the node drops again: both fail, long before
        // their 30 s deadline
        assertThat(first.get(20, TimeUnit.SECONDS)).isInstanceOf(ChainConnectionException.class);
        assertThat(second.get(20, TimeUnit.SECONDS)).isInstanceOf(ChainConnectionException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000L);
        assertThat(node.requests("state_getStorage")).hasSizeBetween(3, 4);
    }

    private static Throwable failureOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static byte[] hex(String hex) {
        return ScriptedChainNode.HEX.parseHex(hex.substring(2));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
