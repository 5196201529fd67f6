package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.chain.Hashing;
import io.threebot.deployer.tfgrid.chain.ScaleReader;
import io.threebot.deployer.tfgrid.chain.ScaleWriter;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The Substrate JSON-RPC methods that answer at once (no subscription): what {@code @polkadot/api} calls when it
 * connects, reads storage and signs, answered from a {@link LocalTfchain} as a tfchain node answers them.
 */
final class RpcMethods {
    static final List<String> METHODS = List.of("author_pendingExtrinsics", "author_submitAndWatchExtrinsic",
            "author_submitExtrinsic", "author_unwatchExtrinsic", "chain_getBlock", "chain_getBlockHash",
            "chain_getFinalizedHead", "chain_getHead", "chain_getHeader", "chain_subscribeAllHeads",
            "chain_subscribeFinalizedHeads", "chain_subscribeNewHeads", "chain_unsubscribeAllHeads",
            "chain_unsubscribeFinalizedHeads", "chain_unsubscribeNewHeads", "payment_queryInfo", "rpc_methods",
            "state_call", "state_getKeys", "state_getKeysPaged", "state_getMetadata", "state_getRuntimeVersion",
            "state_getStorage", "state_getStorageHash", "state_getStorageSize", "state_queryStorageAt",
            "state_subscribeRuntimeVersion", "state_subscribeStorage", "state_unsubscribeRuntimeVersion",
            "state_unsubscribeStorage", "system_accountNextIndex", "system_chain", "system_chainType",
            "system_health", "system_name", "system_properties", "system_version");
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_KEYS_PAGE = 1000;

    private final LocalTfchain chain;
    private final ObjectMapper json;

    RpcMethods(LocalTfchain chain, ObjectMapper json) {
        this.chain = chain;
        this.json = json;
    }

    /**
     * Answers a method that returns at once.
     *
     * @throws RpcError for an unknown method or bad parameters
     */
    JsonNode call(String method, JsonNode params) {
        return switch (method) {
            case "rpc_methods" -> {
                ObjectNode result = json.createObjectNode().put("version", 1);
                ArrayNode methods = result.putArray("methods");
                METHODS.forEach(methods::add);
                yield result;
            }
            case "system_chain" -> text("Threebot Local Tfchain");
            case "system_name" -> text(TfchainRuntime.SPEC_NAME);
            case "system_version" -> text("2.9.0-local");
            case "system_chainType" -> text("Local");
            case "system_properties" -> json.createObjectNode().put("ss58Format", TfchainRuntime.SS58_PREFIX)
                    .put("tokenDecimals", 7).put("tokenSymbol", "TFT");
            case "system_health" -> json.createObjectNode().put("peers", 0).put("isSyncing", false)
                    .put("shouldHavePeers", false);
            case "system_accountNextIndex" -> json.getNodeFactory().numberNode(chain.nextNonce(string(params, 0)));
            case "state_getMetadata" -> {
                block(params, 0);
                yield hex(chain.metadataBlob());
            }
            case "state_getRuntimeVersion" -> {
                block(params, 0);
                yield runtimeVersion();
            }
            case "chain_getBlockHash" -> blockHash(params);
            case "chain_getFinalizedHead", "chain_getHead" -> text(chain.head().hash());
            case "chain_getHeader" -> block(params, 0).map(this::header).orElse(json.nullNode());
            case "chain_getBlock" -> block(params, 0).map(this::fullBlock).orElse(json.nullNode());
            case "state_getStorage" -> storageValue(params).map(v -> (JsonNode) text("0x" + v))
                    .orElse(json.nullNode());
            case "state_getStorageHash" -> storageValue(params)
                    .map(v -> (JsonNode) hex(Hashing.blake2b256(HEX.parseHex(v)))).orElse(json.nullNode());
            case "state_getStorageSize" -> storageValue(params)
                    .map(v -> (JsonNode) json.getNodeFactory().numberNode(v.length() / 2)).orElse(json.nullNode());
            case "state_queryStorageAt" -> queryStorageAt(params);
            case "state_getKeysPaged" -> keysPaged(params, true);
            case "state_getKeys" -> keysPaged(params, false);
            case "author_submitExtrinsic" -> text(chain.submit(bytes(params, 0)));
            case "author_pendingExtrinsics" -> json.createArrayNode();
            case "state_call" -> stateCall(params);
            case "payment_queryInfo" -> {
                byte[] extrinsic = bytes(params, 0);
                yield json.createObjectNode().<ObjectNode>set("weight", json.createObjectNode()
                                .put("refTime", 200_000_000L).put("proofSize", 3_500L))
                        .put("class", "normal").put("partialFee", fee(extrinsic).toString());
            }
            default -> throw RpcError.methodNotFound();
        };
    }

    JsonNode runtimeVersion() {
        ObjectNode version = json.createObjectNode().put("specName", TfchainRuntime.SPEC_NAME)
                .put("implName", TfchainRuntime.SPEC_NAME).put("authoringVersion", 1)
                .put("specVersion", TfchainRuntime.SPEC_VERSION).put("implVersion", 1);
        ArrayNode apis = version.putArray("apis");
        api(apis, "Core", 4);
        api(apis, "Metadata", 1);
        api(apis, "BlockBuilder", 6);
        api(apis, "TaggedTransactionQueue", 3);
        api(apis, "AccountNonceApi", 1);
        api(apis, "TransactionPaymentApi", 3);
        version.put("transactionVersion", TfchainRuntime.TRANSACTION_VERSION).put("stateVersion", 0);
        return version;
    }

    private void api(ArrayNode apis, String name, int version) {
        apis.addArray().add(hexText(Hashing.blake2b(name.getBytes(StandardCharsets.US_ASCII), 8))).add(version);
    }

    JsonNode header(Block block) {
        ScaleReader in = new ScaleReader(HEX.parseHex(block.header()));
        in.read(32);
        in.compact();
        ObjectNode header = json.createObjectNode().put("parentHash", block.parentHash())
                .put("number", "0x" + Long.toHexString(block.number()))
                .put("stateRoot", hexText(in.read(32))).put("extrinsicsRoot", hexText(in.read(32)));
        ArrayNode logs = header.putObject("digest").putArray("logs");
        int count = in.compactInt();
        for (int i = 0; i < count; i++) {
            int start = in.position();
            int kind = in.u8();
            if (kind == 6 || kind == 4 || kind == 5) {
                in.read(4);
                in.bytes();
            }
            byte[] all = HEX.parseHex(block.header());
            logs.add(hexText(java.util.Arrays.copyOfRange(all, start, in.position())));
        }
        return header;
    }

    private JsonNode fullBlock(Block block) {
        ObjectNode result = json.createObjectNode();
        ObjectNode inner = result.putObject("block");
        inner.set("header", header(block));
        ArrayNode extrinsics = inner.putArray("extrinsics");
        block.extrinsics().forEach(extrinsics::add);
        result.putNull("justifications");
        return result;
    }

    private JsonNode blockHash(JsonNode params) {
        JsonNode first = params.path(0);
        if (first.isMissingNode() || first.isNull()) {
            return text(chain.head().hash());
        }
        if (first.isArray()) {
            ArrayNode hashes = json.createArrayNode();
            first.forEach(n -> hashes.add(hashAt(n)));
            return hashes;
        }
        return hashAt(first);
    }

    private JsonNode hashAt(JsonNode number) {
        long n;
        if (number.isIntegralNumber()) {
            n = number.asLong();
        } else if (number.isTextual() && number.asText().startsWith("0x")) {
            n = Long.parseLong(number.asText().substring(2), 16);
        } else {
            throw RpcError.invalidParams("a block number is a number or 0x hex");
        }
        return chain.blockHash(n).<JsonNode>map(this::text).orElse(json.nullNode());
    }

    /** The block a method's optional block-hash parameter names (the head when absent). */
    Optional<Block> block(JsonNode params, int index) {
        JsonNode at = params.path(index);
        if (at.isMissingNode() || at.isNull()) {
            return Optional.of(chain.head());
        }
        return chain.block(at.asText());
    }

    private NavigableMap<String, String> storageAt(JsonNode params, int index) {
        JsonNode at = params.path(index);
        Optional<String> hash = at.isMissingNode() || at.isNull() ? Optional.empty() : Optional.of(at.asText());
        return chain.storage(hash).orElseThrow(() -> new RpcError(4003,
                "Client error: State already discarded for " + hash.orElse("the head"), null));
    }

    private Optional<String> storageValue(JsonNode params) {
        return Optional.ofNullable(storageAt(params, 1).get(key(string(params, 0))));
    }

    private JsonNode queryStorageAt(JsonNode params) {
        NavigableMap<String, String> storage = storageAt(params, 1);
        JsonNode keys = params.path(0);
        if (!keys.isArray()) {
            throw RpcError.invalidParams("state_queryStorageAt takes a list of keys");
        }
        ArrayNode result = json.createArrayNode();
        ObjectNode set = result.addObject();
        JsonNode at = params.path(1);
        set.put("block", at.isMissingNode() || at.isNull() ? chain.head().hash() : at.asText());
        ArrayNode changes = set.putArray("changes");
        for (JsonNode key : keys) {
            String value = storage.get(key(key.asText()));
            changes.addArray().add(key.asText()).add(value == null ? null : "0x" + value);
        }
        return result;
    }

    private JsonNode keysPaged(JsonNode params, boolean paged) {
        String prefix = key(params.path(0).asText("0x"));
        int count = paged ? Math.min(params.path(1).asInt(MAX_KEYS_PAGE), MAX_KEYS_PAGE) : Integer.MAX_VALUE;
        JsonNode start = paged ? params.path(2) : json.nullNode();
        NavigableMap<String, String> storage = storageAt(params, paged ? 3 : 1);
        NavigableMap<String, String> tail = start.isMissingNode() || start.isNull() || start.asText().isEmpty()
                ? storage.tailMap(prefix, true) : storage.tailMap(key(start.asText()), false);
        ArrayNode keys = json.createArrayNode();
        for (String key : tail.keySet()) {
            if (!key.startsWith(prefix) || keys.size() >= count) {
                break;
            }
            keys.add("0x" + key);
        }
        return keys;
    }

    private JsonNode stateCall(JsonNode params) {
        String method = string(params, 0);
        byte[] data = bytes(params, 1);
        return switch (method) {
            case "Metadata_metadata" -> hex(new ScaleWriter().bytes(chain.metadataBlob()).toByteArray());
            case "AccountNonceApi_account_nonce" -> {
                if (data.length != 32) {
                    throw RpcError.invalidParams("AccountNonceApi_account_nonce takes a 32-byte account id");
                }
                yield hex(new ScaleWriter().u32(chain.nextNonce(
                        io.threebot.deployer.tfgrid.keys.Ss58.encode(data))).toByteArray());
            }
            case "TransactionPaymentApi_query_info" -> {
                ScaleReader in = new ScaleReader(data);
                byte[] extrinsic = in.read(in.remaining() - 4);
                yield hex(new ScaleWriter().compact(200_000_000L).compact(3_500L).u8(0).u128(fee(extrinsic))
                        .toByteArray());
            }
            default -> throw new RpcError(4003, "Client error: Execution failed: Exported method " + method
                    + " is not found", null);
        };
    }

    private static BigInteger fee(byte[] extrinsic) {
        return ExtrinsicChecker.BASE_FEE.add(ExtrinsicChecker.FEE_PER_BYTE
                .multiply(BigInteger.valueOf(extrinsic.length)));
    }

    private JsonNode text(String value) {
        return json.getNodeFactory().textNode(value);
    }

    private JsonNode hex(byte[] value) {
        return text(hexText(value));
    }

    private static String hexText(byte[] value) {
        return "0x" + HEX.formatHex(value);
    }

    static String string(JsonNode params, int index) {
        JsonNode node = params.path(index);
        if (!node.isTextual()) {
            throw RpcError.invalidParams("parameter " + index + " must be a string");
        }
        return node.asText();
    }

    static byte[] bytes(JsonNode params, int index) {
        String text = string(params, index);
        try {
            return HEX.parseHex(text.startsWith("0x") ? text.substring(2) : text);
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams("parameter " + index + " must be 0x hex");
        }
    }

    private static String key(String hex) {
        String key = (hex.startsWith("0x") ? hex.substring(2) : hex).toLowerCase(Locale.ROOT);
        if (!key.matches("[0-9a-f]*") || key.length() % 2 != 0) {
            throw RpcError.invalidParams("a storage key is 0x hex");
        }
        return key;
    }
}
