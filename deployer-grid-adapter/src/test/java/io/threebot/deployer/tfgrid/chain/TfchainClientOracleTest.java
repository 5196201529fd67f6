package io.threebot.deployer.tfgrid.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.PolkadotOracle;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tfchain client's reads and calls against polkadot-js ({@code oracle.js}, pinned by the lock file), over
 * seeded random inputs. The scripted node serves storage values that polkadot's type registry wrote from JSON, under
 * the storage keys {@code @polkadot/api}'s query functions compute; every read the client makes must ask for that
 * very key (the node records it) and decode the value to the record the JSON describes. Every call of
 * {@link TfgridCalls} must encode as {@code @polkadot/api}'s {@code tx} functions do. Without Node, npm or the npm
 * registry this test fails.
 */
class TfchainClientOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final Random RANDOM = new Random(2222);
    private static final RuntimeMetadata TFCHAIN = TfchainRuntime.standard().metadata();
    private static final TfgridCalls CALLS = new TfgridCalls(TFCHAIN);

    /** One read: the polkadot query, the value polkadot writes, and what the client must make of it. */
    private record ReadCase(String pallet, String item, List<Object> queryArgs, JsonNode value, int valueType,
            Function<TfchainClient, Object> read, Object expected) {
    }

    private static final List<ReadCase> READS = new ArrayList<>();
    private static final List<Call> OUR_CALLS = new ArrayList<>();
    private static final List<String> CALL_NAMES = new ArrayList<>();
    private static JsonNode answers;
    private static ScriptedChainNode node;
    private static TfchainClient client;

    @BeforeAll
    static void askTheOracleAndServeItsValues() throws InterruptedException {
        for (int i = 0; i < 8; i++) {
            accountCase(i);
            twinCase(i);
            contractCases(i);
        }
        callCases();
        ObjectNode cases = JSON.createObjectNode();
        cases.put("runtime", "0x" + HEX.formatHex(TfchainRuntime.standard().blob()));
        ArrayNode storage = cases.putArray("storage");
        ArrayNode values = cases.putArray("values");
        for (ReadCase read : READS) {
            storage.addObject().put("runtime", "tfchain").put("pallet", read.pallet()).put("item", read.item())
                    .set("args", JSON.valueToTree(read.queryArgs()));
            values.addObject().put("type", read.valueType()).set("value", read.value());
        }
        ArrayNode calls = cases.putArray("calls");
        for (int i = 0; i < OUR_CALLS.size(); i++) {
            calls.add(CALL_JSON.get(i));
        }
        answers = PolkadotOracle.run(cases);

        node = new ScriptedChainNode();
        for (int i = 0; i < READS.size(); i++) {
            String value = answers.get("values").get(i).asText();
            assertThat(value).as("polkadot writes %s.%s", READS.get(i).pallet(), READS.get(i).item())
                    .startsWith("0x");
            node.putRaw(hex(answers.get("storage").get(i).get("key").asText()), hex(value));
        }
        client = TfchainClient.builder(node.url()).connect();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void readsAskForPolkadotsStorageKeysAndDecodeWhatPolkadotWrote() {
        for (int i = 0; i < READS.size(); i++) {
            ReadCase read = READS.get(i);
            int before = node.requests("state_getStorage").size();
            assertThat(read.read().apply(client)).as("%s.%s %s", read.pallet(), read.item(), read.queryArgs())
                    .isEqualTo(read.expected());
            List<ScriptedChainNode.Request> asked = node.requests("state_getStorage");
            assertThat(asked).hasSize(before + 1);
            assertThat(asked.get(before).params().get(0).asText())
                    .isEqualTo(answers.get("storage").get(i).get("key").asText());
        }
    }

    @Test
    void callsEncodeAsPolkadotApiEncodesThem() {
        JsonNode theirs = answers.get("calls");
        assertThat(theirs).hasSize(OUR_CALLS.size());
        for (int i = 0; i < OUR_CALLS.size(); i++) {
            assertThat("0x" + HEX.formatHex(OUR_CALLS.get(i).bytes())).as(CALL_NAMES.get(i))
                    .isEqualTo(theirs.get(i).asText());
        }
    }

    // ---- reads ----

    private static void accountCase(int i) {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(randomBytes(32));
        BigInteger free = new BigInteger(1 + RANDOM.nextInt(127), RANDOM);
        BigInteger reserved = new BigInteger(1 + RANDOM.nextInt(64), RANDOM);
        BigInteger frozen = new BigInteger(1 + RANDOM.nextInt(64), RANDOM);
        long nonce = RANDOM.nextLong() >>> 32;
        JsonNode value = json(Map.of("nonce", nonce, "consumers", i, "providers", 1, "sufficients", 0, "data",
                Map.of("free", free.toString(), "reserved", reserved.toString(), "frozen", frozen.toString(),
                        "flags", BigInteger.ONE.shiftLeft(127).toString())));
        READS.add(new ReadCase("system", "account", List.of(pair.address()), value,
                TFCHAIN.storage("System", "Account").valueType(), c -> c.account(pair.address()),
                new AccountBalance(nonce, free, reserved, frozen)));
    }

    private static void twinCase(int i) {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(randomBytes(32));
        long id = 1 + (RANDOM.nextLong() >>> 33);
        byte[] pk = randomBytes(33);
        Map<String, Object> twin = new LinkedHashMap<>();
        twin.put("id", id);
        twin.put("account_id", pair.address());
        twin.put("relay", i % 3 == 0 ? null : "relay" + i + ".grid.tf");
        twin.put("entities", i % 2 == 0 ? List.of() : List.of(Map.of("entity_id", 3, "signature", "0x0102")));
        twin.put("pk", i % 4 == 1 ? null : "0x" + HEX.formatHex(pk));
        READS.add(new ReadCase("tfgridModule", "twins", List.of(id), json(twin),
                TFCHAIN.storage("TfgridModule", "Twins").valueType(), c -> c.twin(id),
                Optional.of(new Twin(id, pair.address(), Optional.ofNullable((String) twin.get("relay")),
                        Optional.ofNullable((String) twin.get("pk"))))));
        READS.add(new ReadCase("tfgridModule", "twinIdByAccountID", List.of(pair.address()), json(id),
                TFCHAIN.storage("TfgridModule", "TwinIdByAccountID").valueType(), c -> c.twinIdOf(pair.address()),
                Optional.of(id)));
    }

    private static void contractCases(int i) {
        long id = 1 + (RANDOM.nextLong() >>> 12);
        long twin = 1 + (RANDOM.nextLong() >>> 40);
        long nodeId = 1 + (RANDOM.nextLong() >>> 40);
        String hash = HEX.formatHex(randomBytes(16));
        String data = "{\"version\":" + i + ",\"type\":\"vm\",\"name\":\"bot" + i + "\",\"projectName\":\"threebot\"}";
        String name = "bot" + i + "-" + Long.toString(id, 36);
        long provider = RANDOM.nextInt(100);
        Object state;
        Contract.State expectedState;
        Optional<String> cause = Optional.empty();
        OptionalLong grace = OptionalLong.empty();
        switch (i % 3) {
            case 0 -> {
                state = "Created";
                expectedState = Contract.State.CREATED;
            }
            case 1 -> {
                state = Map.of("Deleted", i % 2 == 0 ? "CanceledByUser" : "OutOfFunds");
                expectedState = Contract.State.DELETED;
                cause = Optional.of(i % 2 == 0 ? "CanceledByUser" : "OutOfFunds");
            }
            default -> {
                long block = RANDOM.nextLong() >>> 20;
                state = Map.of("GracePeriod", Long.toString(block));
                expectedState = Contract.State.GRACE_PERIOD;
                grace = OptionalLong.of(block);
            }
        }
        Object type;
        Contract.Type expectedType;
        switch (i % 4) {
            case 0, 3 -> {
                List<Map<String, Object>> ips = new ArrayList<>();
                List<Contract.PublicIp> expectedIps = new ArrayList<>();
                for (int k = 0; k < i % 3; k++) {
                    String ip = "185.69." + i + "." + (10 + k) + "/24";
                    String gw = "185.69." + i + ".1";
                    ips.add(Map.of("ip", ip, "gateway", gw, "contract_id", Long.toString(id)));
                    expectedIps.add(new Contract.PublicIp(ip, gw, id));
                }
                type = Map.of("NodeContract", Map.of("node_id", nodeId, "deployment_hash", hash, "deployment_data",
                        data, "public_ips", ips.size(), "public_ips_list", ips));
                expectedType = new Contract.NodeContract(nodeId, hash, data, ips.size(), expectedIps);
            }
            case 1 -> {
                type = Map.of("NameContract", Map.of("name", name));
                expectedType = new Contract.NameContract(name);
            }
            default -> {
                type = Map.of("RentContract", Map.of("node_id", nodeId));
                expectedType = new Contract.RentContract(nodeId);
            }
        }
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("version", 4);
        contract.put("state", state);
        contract.put("contract_id", Long.toString(id));
        contract.put("twin_id", twin);
        contract.put("contract_type", type);
        contract.put("solution_provider_id", i % 2 == 0 ? null : Long.toString(provider));
        Contract expected = new Contract(id, 4, twin, expectedState, cause, grace, expectedType,
                i % 2 == 0 ? Optional.empty() : Optional.of(provider));
        READS.add(new ReadCase("smartContractModule", "contracts", List.of(Long.toString(id)), json(contract),
                TFCHAIN.storage("SmartContractModule", "Contracts").valueType(), c -> c.contract(id),
                Optional.of(expected)));
        int u64 = TFCHAIN.storage("SmartContractModule", "ContractIDByNameRegistration").valueType();
        READS.add(new ReadCase("smartContractModule", "contractIDByNodeIDAndHash", List.of(nodeId, hash),
                json(Long.toString(id)), u64, c -> c.nodeContractId(nodeId, hash), Optional.of(id)));
        READS.add(new ReadCase("smartContractModule", "contractIDByNameRegistration", List.of(name),
                json(Long.toString(id)), u64, c -> c.nameContractId(name), Optional.of(id)));
        List<Long> active = List.of(id, id + 1, id + 7).subList(0, i % 4);
        READS.add(new ReadCase("smartContractModule", "activeNodeContracts", List.of(nodeId),
                json(active.stream().map(String::valueOf).toList()),
                TFCHAIN.storage("SmartContractModule", "ActiveNodeContracts").valueType(),
                c -> c.activeNodeContracts(nodeId), active));
    }

    // ---- calls ----

    private static final List<JsonNode> CALL_JSON = new ArrayList<>();

    private static void call(String pallet, String name, List<Object> args, Supplier<Call> ours) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pallet", pallet);
        c.put("call", name);
        c.put("args", args);
        CALL_JSON.add(json(c));
        CALL_NAMES.add(pallet + "." + name);
        OUR_CALLS.add(ours.get());
    }

    private static Map<String, Object> nested(String pallet, String name, List<Object> args) {
        return Map.of("$call", Map.of("pallet", pallet, "call", name, "args", args));
    }

    private static void callCases() {
        for (int i = 0; i < 6; i++) {
            Ed25519KeyPair other = Ed25519KeyPair.fromSeed(randomBytes(32));
            BigInteger amount = new BigInteger(1 + RANDOM.nextInt(100), RANDOM).add(BigInteger.ONE);
            call("balances", "transferKeepAlive", List.of(Map.of("Id", other.address()), amount.toString()),
                    () -> CALLS.transfer(other.address(), amount));
            String link = "https://library.threefold.me/info/legal/#/tfgrid/terms_conditions_tfgrid3" + i;
            String docHash = HEX.formatHex(randomBytes(16));
            call("tfgridModule", "userAcceptTc", List.of(link, docHash),
                    () -> CALLS.acceptTermsAndConditions(link, docHash));
            String relay = "relay" + i + ".grid.tf";
            byte[] pk = randomBytes(33);
            call("tfgridModule", "createTwin", List.of(relay, "0x" + HEX.formatHex(pk)),
                    () -> CALLS.createTwin(relay, pk));
            call("tfgridModule", "updateTwin", List.of(relay, "0x" + HEX.formatHex(pk)),
                    () -> CALLS.updateTwin(relay, pk));
            long nodeId = 1 + (RANDOM.nextLong() >>> 40);
            String hash = HEX.formatHex(randomBytes(16));
            String data = "{\"type\":\"vm\",\"name\":\"bot" + i + "\"}";
            int ips = i % 2;
            Long provider = i % 3 == 0 ? null : (long) RANDOM.nextInt(10);
            List<Object> createArgs = new ArrayList<>(List.of(nodeId, hash, data, ips));
            createArgs.add(provider);
            call("smartContractModule", "createNodeContract", createArgs,
                    () -> CALLS.createNodeContract(nodeId, hash, data, ips, Optional.ofNullable(provider)));
            long contractId = 1 + (RANDOM.nextLong() >>> 12);
            call("smartContractModule", "updateNodeContract", List.of(Long.toString(contractId), hash, data),
                    () -> CALLS.updateNodeContract(contractId, hash, data));
            String name = "bot" + i + "_" + Long.toString(contractId, 36);
            call("smartContractModule", "createNameContract", List.of(name), () -> CALLS.createNameContract(name));
            call("smartContractModule", "cancelContract", List.of(Long.toString(contractId)),
                    () -> CALLS.cancelContract(contractId));
            call("utility", "batchAll", List.of(List.of(
                    nested("smartContractModule", "createNameContract", List.of(name)),
                    nested("smartContractModule", "createNodeContract", createArgs))),
                    () -> CALLS.batchAll(List.of(CALLS.createNameContract(name),
                            CALLS.createNodeContract(nodeId, hash, data, ips, Optional.ofNullable(provider)))));
        }
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex.substring(2));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
