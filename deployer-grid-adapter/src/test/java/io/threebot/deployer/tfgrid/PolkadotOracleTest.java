package io.threebot.deployer.tfgrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.chain.Call;
import io.threebot.deployer.tfgrid.chain.EnumValue;
import io.threebot.deployer.tfgrid.chain.Era;
import io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder;
import io.threebot.deployer.tfgrid.chain.Hashing;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import io.threebot.deployer.tfgrid.chain.ScaleWriter;
import io.threebot.deployer.tfgrid.chain.StorageHasher;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.keys.Mnemonic;
import io.threebot.deployer.tfgrid.keys.Ss58;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys, SCALE, hashes, storage keys, metadata and signed extrinsics compared byte for byte with the official
 * polkadot-js clients ({@code @polkadot/util-crypto}, {@code @polkadot/keyring}, {@code @polkadot/types} and
 * {@code @polkadot/api}, pinned in {@code src/test/node/package-lock.json}) over seeded random inputs. All cases go
 * to Node in one run. Without Node, npm or the npm registry this test fails.
 *
 * <p>Two kinds of runtime metadata stand in for a node. Real runtimes: the static substrate, polkadot and kusama
 * metadata (v14) that {@code @polkadot/types-support} ships, installed by the same {@code npm ci}; the reader must
 * read them to what polkadot-js reads, and {@code System.Account} keys and a few extrinsics are built on
 * substrate's. And tfchain: {@link TfchainRuntime} describes a tfchain-like runtime in Java and
 * {@link io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter} encodes it; polkadot-js must read it back to the
 * same pallets, indices and call argument types, and tfchain's storage keys and extrinsics are built on it.
 */
class PolkadotOracleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random(22);
    private static final byte[] TFCHAIN_BLOB = TfchainRuntime.standard().blob();
    private static final RuntimeMetadata TFCHAIN = RuntimeMetadata.parse(TFCHAIN_BLOB);
    private static final Map<String, RuntimeMetadata> SHIPPED = new LinkedHashMap<>();

    private static final List<Mnemonic> MNEMONICS = new ArrayList<>();
    private static final List<String> PASSWORDS = new ArrayList<>();
    private static final List<byte[]> MESSAGES = new ArrayList<>();
    private static final List<String> PHRASES = new ArrayList<>();
    private static final List<String> HEX_SEEDS = new ArrayList<>();
    private static final List<byte[]> HASH_INPUTS = new ArrayList<>();
    private static final List<String> SCALE_HEX = new ArrayList<>();
    private static final List<String> SCALE_TYPES = new ArrayList<>();
    private static final List<String> STORAGE_KEYS = new ArrayList<>();
    private static final List<String> ADDRESS_KEYS = new ArrayList<>();
    private static final List<String> EXTRINSICS = new ArrayList<>();
    private static final List<String> EXTRINSIC_RUNTIMES = new ArrayList<>();
    private static final List<String> EXTRINSIC_NAMES = new ArrayList<>();
    private static final List<Ed25519KeyPair> EXTRINSIC_SIGNERS = new ArrayList<>();
    private static final List<Call> EXTRINSIC_CALLS = new ArrayList<>();
    private static JsonNode answers;

    @BeforeAll
    static void askTheOracle() {
        PolkadotOracle.shippedMetadata().forEach((chain, blob) -> SHIPPED.put(chain, RuntimeMetadata.parse(blob)));
        assertThat(SHIPPED.keySet()).containsExactlyInAnyOrder("substrate", "polkadot", "kusama");
        ObjectNode cases = JSON.createObjectNode();
        cases.put("runtime", hex0x(TFCHAIN_BLOB));
        keyCases(cases);
        hashCases(cases.putArray("hashes"));
        scaleCases(cases.putArray("scale"));
        storageCases(cases.putArray("storage"));
        cases.put("metadata", true);
        extrinsicCases(cases.putArray("extrinsics"));
        answers = PolkadotOracle.run(cases);
        assertThat(answers.at("/versions/api").asText()).isEqualTo("16.5.6");
        assertThat(answers.at("/versions/types").asText()).isEqualTo("16.5.6");
        assertThat(answers.at("/versions/typesSupport").asText()).isEqualTo("16.5.6")
                .isEqualTo(PolkadotOracle.typesSupportVersion());
        assertThat(answers.at("/versions/utilCrypto").asText()).isEqualTo("14.0.3");
        PolkadotOracle.shippedMetadata().forEach((chain, blob) -> assertThat(answers.at("/shipped/" + chain)
                .asText()).as("the oracle read the %s metadata the test read", chain)
                .isEqualTo(hex0x(Hashing.blake2b256(blob))));
    }

    // ---- keys ----

    private static void keyCases(ObjectNode cases) {
        ArrayNode keys = cases.putArray("keys");
        int[] counts = {12, 24, 12, 24, 15, 18, 21};
        for (int i = 0; i < 120; i++) {
            byte[] entropy = new byte[counts[i % counts.length] / 3 * 4];
            RANDOM.nextBytes(entropy);
            Mnemonic mnemonic = Mnemonic.fromEntropy(entropy);
            String password = i % 3 == 0 ? randomPassword() : "";
            byte[] message = randomBytes(RANDOM.nextInt(i % 10 == 0 ? 400 : 80));
            MNEMONICS.add(mnemonic);
            PASSWORDS.add(password);
            MESSAGES.add(message);
            keys.addObject().put("phrase", mnemonic.phrase()).put("password", password).put("message", hex(message));
        }
        ArrayNode phrases = cases.putArray("phrases");
        for (int i = 0; i < 80; i++) {
            byte[] entropy = randomBytes(i % 2 == 0 ? 16 : 32);
            List<String> words = new ArrayList<>(Mnemonic.fromEntropy(entropy).words());
            switch (i % 4) {
                case 0 -> { } // valid
                case 1 -> words.set(RANDOM.nextInt(words.size()), Mnemonic.fromEntropy(randomBytes(16)).words().get(0));
                case 2 -> words.set(RANDOM.nextInt(words.size()), "notaword");
                default -> words.remove(RANDOM.nextInt(words.size()));
            }
            String phrase = String.join(" ", words);
            PHRASES.add(phrase);
            phrases.add(phrase);
        }
        ArrayNode seeds = cases.putArray("hexSeeds");
        for (int i = 0; i < 40; i++) {
            String seed = "0x" + hex(randomBytes(32));
            HEX_SEEDS.add(seed);
            seeds.add(seed);
        }
        ArrayNode signatures = cases.putArray("signatures");
        ArrayNode addresses = cases.putArray("addresses");
        int[] prefixes = {42, 0, 2, 42, 63, 64, 255, 7391, 16383};
        for (int i = 0; i < 40; i++) {
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(randomBytes(32));
            byte[] message = randomBytes(RANDOM.nextInt(300));
            signatures.addObject().put("publicKey", hex(pair.publicKey())).put("message", hex(message))
                    .put("signature", hex(pair.sign(message)));
            addresses.add(pair.address(prefixes[i % prefixes.length]));
            ADDRESS_KEYS.add("0x" + hex(pair.publicKey()));
        }
    }

    @Test
    void mnemonicsGiveTheSameMiniSecretKeyAddressAndSignatures() {
        JsonNode keys = answers.get("keys");
        assertThat(keys).hasSize(MNEMONICS.size());
        for (int i = 0; i < MNEMONICS.size(); i++) {
            JsonNode expected = keys.get(i);
            Mnemonic parsed = Mnemonic.parse(MNEMONICS.get(i).phrase());
            Ed25519KeyPair pair = Ed25519KeyPair.fromMnemonic(parsed, PASSWORDS.get(i));
            String what = "case " + i;
            assertThat(hex0x(parsed.miniSecret(PASSWORDS.get(i)))).as(what).isEqualTo(expected.get("miniSecret").asText());
            assertThat(hex0x(pair.publicKey())).as(what).isEqualTo(expected.get("publicKey").asText());
            assertThat(pair.address()).as(what).isEqualTo(expected.get("address").asText())
                    .isEqualTo(expected.get("keyringAddress").asText());
            assertThat(hex0x(pair.sign(MESSAGES.get(i)))).as(what).isEqualTo(expected.get("signature").asText());
        }
    }

    @Test
    void phrasesAreValidExactlyWhenPolkadotSaysSo() {
        JsonNode validity = answers.get("validity");
        int invalid = 0;
        for (int i = 0; i < PHRASES.size(); i++) {
            assertThat(Mnemonic.isValid(PHRASES.get(i))).as(PHRASES.get(i)).isEqualTo(validity.get(i).asBoolean());
            invalid += validity.get(i).asBoolean() ? 0 : 1;
        }
        assertThat(invalid).isGreaterThan(PHRASES.size() / 2);
    }

    @Test
    void hexSeedsSignaturesAndAddressesAgree() {
        for (int i = 0; i < HEX_SEEDS.size(); i++) {
            Ed25519KeyPair pair = Ed25519KeyPair.fromHexSeed(HEX_SEEDS.get(i));
            assertThat(hex0x(pair.publicKey())).isEqualTo(answers.at("/hexSeeds/" + i + "/publicKey").asText());
            assertThat(pair.address()).isEqualTo(answers.at("/hexSeeds/" + i + "/address").asText());
        }
        answers.get("signatures").forEach(valid -> assertThat(valid.asBoolean()).isTrue());
        for (int i = 0; i < ADDRESS_KEYS.size(); i++) {
            assertThat(answers.at("/addresses/" + i).asText()).isEqualTo(ADDRESS_KEYS.get(i));
        }
    }

    // ---- hashes and SCALE ----

    private static void hashCases(ArrayNode hashes) {
        for (int length = 0; length < 70; length++) {
            byte[] data = randomBytes(length);
            HASH_INPUTS.add(data);
            hashes.add("0x" + hex(data));
        }
        for (int i = 0; i < 30; i++) {
            byte[] data = randomBytes(70 + RANDOM.nextInt(500));
            HASH_INPUTS.add(data);
            hashes.add("0x" + hex(data));
        }
    }

    @Test
    void twoxAndBlake2AgreeOnEveryLength() {
        for (int i = 0; i < HASH_INPUTS.size(); i++) {
            byte[] data = HASH_INPUTS.get(i);
            JsonNode expected = answers.get("hashes").get(i);
            assertThat(hex0x(Hashing.twox64(data))).isEqualTo(expected.get("twox64").asText());
            assertThat(hex0x(Hashing.twox128(data))).isEqualTo(expected.get("twox128").asText());
            assertThat(hex0x(Hashing.twox256(data))).isEqualTo(expected.get("twox256").asText());
            assertThat(hex0x(Hashing.blake2b128(data))).isEqualTo(expected.get("blake2_128").asText());
            assertThat(hex0x(Hashing.blake2b256(data))).isEqualTo(expected.get("blake2_256").asText());
        }
    }

    private static void scale(ArrayNode out, String type, Object jsonValue, Consumer<ScaleWriter> write) {
        ScaleWriter writer = new ScaleWriter();
        write.accept(writer);
        SCALE_TYPES.add(type + " " + jsonValue);
        SCALE_HEX.add("0x" + hex(writer.toByteArray()));
        out.addObject().put("type", type).set("value", JSON.valueToTree(jsonValue));
    }

    private static void scaleCases(ArrayNode out) {
        int[] widths = {8, 16, 32, 64, 128};
        for (int i = 0; i < 150; i++) {
            int bits = widths[i % widths.length];
            BigInteger value = new BigInteger(RANDOM.nextInt(bits + 1), RANDOM);
            scale(out, "Compact<u" + bits + ">", value.toString(), w -> w.compact(value));
            if (value.bitLength() < 63) {
                scale(out, "Compact<u" + bits + ">", value.toString(), w -> w.compact(value.longValue()));
            }
            scale(out, "u" + bits, value.toString(), w -> {
                switch (bits) {
                    case 8 -> w.u8(value.intValue());
                    case 16 -> w.u16(value.intValue());
                    case 32 -> w.u32(value.longValue());
                    case 64 -> w.u64(value);
                    default -> w.u128(value);
                }
            });
        }
        for (BigInteger edge : List.of(BigInteger.ZERO, BigInteger.valueOf(63), BigInteger.valueOf(64),
                BigInteger.valueOf(16383), BigInteger.valueOf(16384), BigInteger.valueOf((1L << 30) - 1),
                BigInteger.valueOf(1L << 30), BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(64).subtract(
                        BigInteger.ONE), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE))) {
            scale(out, "Compact<u128>", edge.toString(), w -> w.compact(edge));
        }
        scale(out, "bool", true, w -> w.bool(true));
        scale(out, "bool", false, w -> w.bool(false));
        for (int k = 0; k < 25; k++) {
            final int i = k;
            List<Long> items = new ArrayList<>();
            int count = RANDOM.nextInt(i % 5 == 0 ? 100 : 6);
            for (int j = 0; j < count; j++) {
                items.add(RANDOM.nextLong() >>> 32);
            }
            scale(out, "Vec<u32>", items, w -> w.vec(items, ScaleWriter::u32));
            byte[] bytes = randomBytes(RANDOM.nextInt(i % 5 == 0 ? 300 : 20));
            scale(out, "Vec<u8>", "0x" + hex(bytes), w -> w.bytes(bytes));
            String text = "twin " + i + " ünïcødé ✓ ".repeat(RANDOM.nextInt(4));
            scale(out, "Text", text, w -> w.str(text));
            Optional<Long> option = i % 3 == 0 ? Optional.empty() : Optional.of(RANDOM.nextLong() >>> 32);
            scale(out, "Option<u32>", option.orElse(null), w -> w.option(option, ScaleWriter::u32));
            Optional<byte[]> bytesOption = i % 2 == 0 ? Optional.empty() : Optional.of(randomBytes(i));
            scale(out, "Option<Vec<u8>>", bytesOption.map(b -> "0x" + hex(b)).orElse(null),
                    w -> w.option(bytesOption, ScaleWriter::bytes));
            BigInteger big = new BigInteger(RANDOM.nextInt(100), RANDOM);
            scale(out, "Option<Compact<u128>>", i % 4 == 0 ? null : big.toString(),
                    w -> w.option(i % 4 == 0 ? Optional.empty() : Optional.of(big), ScaleWriter::compact));
            int a = RANDOM.nextInt(256);
            long b = RANDOM.nextLong() >>> 32;
            scale(out, "(u8,u32,bool)", List.of(a, b, i % 2 == 0), w -> w.u8(a).u32(b).bool(i % 2 == 0));
            byte[] fixed = randomBytes(4);
            scale(out, "[u8;4]", "0x" + hex(fixed), w -> w.fixed(fixed, 4));
            List<Integer> triple = List.of(RANDOM.nextInt(65536), RANDOM.nextInt(65536), RANDOM.nextInt(65536));
            scale(out, "[u16;3]", triple, w -> triple.forEach(w::u16));
            Map<String, Object> struct = new LinkedHashMap<>();
            long id = RANDOM.nextLong() >>> 32;
            struct.put("id", id);
            struct.put("name", "node-" + i);
            struct.put("tags", triple);
            scale(out, "{\"id\":\"u32\",\"name\":\"Text\",\"tags\":\"Vec<u16>\"}", struct,
                    w -> w.u32(id).str("node-" + i).vec(triple, ScaleWriter::u16));
            String enumType = "{\"_enum\":{\"Nothing\":\"Null\",\"Count\":\"u32\",\"Pair\":\"(u8,u16)\"}}";
            switch (i % 3) {
                case 0 -> scale(out, enumType, "Nothing", w -> w.variant(0));
                case 1 -> scale(out, enumType, Map.of("Count", id), w -> w.variant(1).u32(id));
                default -> scale(out, enumType, Map.of("Pair", List.of(a, triple.get(0))),
                        w -> w.variant(2).u8(a).u16(triple.get(0)));
            }
            List<Optional<Long>> options = List.of(Optional.of(id), Optional.empty());
            List<Long> optionsJson = new ArrayList<>();
            optionsJson.add(id);
            optionsJson.add(null);
            scale(out, "Vec<Option<u32>>", optionsJson, w -> w.vec(options, (x, o) -> x.option(o, ScaleWriter::u32)));
        }
    }

    @Test
    void scaleEncodingsAreTheSameAsPolkadotTypes() {
        JsonNode scale = answers.get("scale");
        assertThat(scale).hasSize(SCALE_HEX.size());
        for (int i = 0; i < SCALE_HEX.size(); i++) {
            assertThat(SCALE_HEX.get(i)).as(SCALE_TYPES.get(i)).isEqualTo(scale.get(i).asText());
        }
    }

    // ---- storage keys and metadata ----

    private static void storage(ArrayNode out, String runtime, String pallet, String item, List<Object> jsArgs,
            Object... keys) {
        RuntimeMetadata metadata = runtime.equals("tfchain") ? TFCHAIN : SHIPPED.get(runtime);
        STORAGE_KEYS.add("0x" + hex(metadata.storageKey(pallet, item, keys)));
        ObjectNode c = out.addObject().put("runtime", runtime).put("pallet", pallet).put("item", item);
        c.set("args", JSON.valueToTree(jsArgs));
    }

    private static void storageCases(ArrayNode out) {
        for (int i = 0; i < 12; i++) {
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(randomBytes(32));
            byte[] account = pair.publicKey();
            storage(out, "substrate", "system", "account", List.of(pair.address()), account);
            out.get(out.size() - 1).withObject("/raw").put("prefix", "System").put("name", "Account")
                    .putArray("parts").addObject().put("hasher", "Blake2_128Concat").put("data", "0x" + hex(account));
            long twin = RANDOM.nextLong() >>> 32;
            storage(out, "tfchain", "tfgridModule", "twins", List.of(twin), twin);
            storage(out, "tfchain", "tfgridModule", "twinIdByAccountID", List.of("0x" + hex(account)),
                    pair.address());
            storage(out, "tfchain", "tfgridModule", "usersTermsAndConditions", List.of(pair.address()),
                    account);
            storage(out, "tfchain", "tfgridModule", "nodes", List.of(twin), twin);
            String name = "farm" + i;
            storage(out, "tfchain", "tfgridModule", "farmIdByName", List.of(name), name.getBytes());
            long contract = RANDOM.nextLong() >>> 1;
            storage(out, "tfchain", "smartContractModule", "contracts", List.of(Long.toString(contract)),
                    contract);
            byte[] hash = randomBytes(32);
            storage(out, "tfchain", "smartContractModule", "contractIDByNodeIDAndHash",
                    List.of(twin, "0x" + hex(hash)), twin, hash);
            storage(out, "tfchain", "smartContractModule", "contractIDByNameRegistration", List.of("name" + i),
                    "name" + i);
            storage(out, "tfchain", "smartContractModule", "activeNodeContracts", List.of(twin), twin);
        }
        storage(out, "tfchain", "tfgridModule", "twinID", List.of());
        storage(out, "tfchain", "smartContractModule", "contractID", List.of());
    }

    @Test
    void storageKeysAreTheSameAsPolkadotApi() {
        JsonNode storage = answers.get("storage");
        assertThat(storage).hasSize(STORAGE_KEYS.size());
        for (int i = 0; i < STORAGE_KEYS.size(); i++) {
            assertThat(STORAGE_KEYS.get(i)).isEqualTo(storage.get(i).get("key").asText());
            if (!storage.get(i).get("manual").isNull()) {
                assertThat(STORAGE_KEYS.get(i)).isEqualTo(storage.get(i).get("manual").asText());
            }
        }
        assertThat(hex0x(StorageHasher.prefix("System", "Account")))
                .isEqualTo("0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9");
    }

    @Test
    void realRuntimesMetadataReadsToTheSamePalletsCallsEventsErrorsStorageAndExtensions() {
        for (Map.Entry<String, RuntimeMetadata> runtime : SHIPPED.entrySet()) {
            sameAsPolkadot(runtime.getKey(), runtime.getValue());
        }
        // real runtimes, large ones: substrate's kitchen sink has 80 pallets
        assertThat(SHIPPED.get("substrate").pallets()).hasSizeGreaterThan(50);
        assertThat(SHIPPED.get("substrate").storage("System", "Account").hashers())
                .containsExactly(StorageHasher.BLAKE2_128_CONCAT);
    }

    @Test
    void theWrittenTfchainRuntimeReadsInPolkadotAsWritten() {
        sameAsPolkadot("tfchain", TFCHAIN);
        // as described: tfchain's pallet and call indices, and the argument types tfchain declares
        assertThat(TFCHAIN.pallet("TfgridModule").index()).isEqualTo(TfchainRuntime.TFGRID);
        assertThat(TFCHAIN.pallet("Balances").index()).isEqualTo(TfchainRuntime.BALANCES);
        assertThat(TFCHAIN.pallet("Utility").index()).isEqualTo(TfchainRuntime.UTILITY);
        assertThat(TFCHAIN.callInfo("TfgridModule", "user_accept_tc").index())
                .isEqualTo(TFCHAIN.callInfo("tfgridModule", "userAcceptTc").index()).isEqualTo(25);
        JsonNode args = answers.get("callArgs");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("tfgridModule.userAcceptTc", List.of("Bytes", "Bytes"));
        expected.put("tfgridModule.createTwin", List.of("Option<Bytes>", "Option<Bytes>"));
        expected.put("tfgridModule.updateTwin", List.of("Option<Bytes>", "Option<Bytes>"));
        expected.put("balances.transfer", List.of("MultiAddress", "Compact<u128>"));
        expected.put("balances.transferKeepAlive", List.of("MultiAddress", "Compact<u128>"));
        expected.put("utility.batchAll", List.of("Vec<Call>"));
        expected.put("smartContractModule.createNodeContract", List.of("u32", "[u8;32]", "Bytes", "u32",
                "Option<u64>"));
        expected.forEach((call, types) -> {
            assertThat(args.get(call)).as(call).isNotNull();
            List<String> theirs = new ArrayList<>();
            args.get(call).forEach(type -> theirs.add(type.asText()));
            assertThat(theirs).as(call).containsExactlyElementsOf(types);
        });
        int calls = TFCHAIN.pallets().stream().mapToInt(p -> p.calls().size()).sum();
        assertThat(args.size()).as("polkadot-js decorates every call").isEqualTo(calls);
    }

    /** Our reader and polkadot-js read a runtime's metadata to the same pallets, items, indices and types. */
    private static void sameAsPolkadot(String name, RuntimeMetadata runtime) {
        JsonNode theirs = answers.at("/metadata/" + name);
        JsonNode pallets = theirs.get("pallets");
        assertThat(pallets).as(name + " pallets").hasSize(runtime.pallets().size());
        for (int i = 0; i < runtime.pallets().size(); i++) {
            RuntimeMetadata.Pallet pallet = runtime.pallets().get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", pallet.name());
            p.put("index", pallet.index());
            p.put("calls", variants(pallet.calls()));
            p.put("events", variants(pallet.events()));
            p.put("errors", variants(pallet.errors()));
            p.put("storage", pallet.storage().stream().map(s -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", s.name());
                entry.put("optional", s.optional());
                entry.put("hashers", s.hashers().stream().map(PolkadotOracleTest::hasherName).toList());
                entry.put("key", s.isMap() ? s.keyType() : null);
                entry.put("value", s.valueType());
                return entry;
            }).toList());
            assertThat((JsonNode) JSON.valueToTree(p)).as(name + " pallet " + pallet.name()).isEqualTo(pallets.get(i));
        }
        Map<String, Object> extrinsic = new LinkedHashMap<>();
        extrinsic.put("version", runtime.extrinsicVersion());
        extrinsic.put("signedExtensions", runtime.signedExtensions().stream().map(e -> Map.of("identifier",
                e.identifier(), "type", e.type(), "additionalSigned", e.additionalSigned())).toList());
        assertThat((JsonNode) JSON.valueToTree(extrinsic)).as(name + " extrinsic").isEqualTo(theirs.get("extrinsic"));
    }

    private static List<Map<String, Object>> variants(List<RuntimeMetadata.Variant> variants) {
        return variants.stream().map(v -> Map.<String, Object>of("name", v.name(), "index", v.index(), "fields",
                v.fields().stream().map(f -> {
                    Map<String, Object> field = new LinkedHashMap<>();
                    field.put("name", f.name().orElse(null));
                    field.put("type", f.type());
                    field.put("typeName", f.typeName().orElse(null));
                    return field;
                }).toList())).toList();
    }

    private static String hasherName(StorageHasher hasher) {
        return switch (hasher) {
            case BLAKE2_128 -> "Blake2_128";
            case BLAKE2_256 -> "Blake2_256";
            case BLAKE2_128_CONCAT -> "Blake2_128Concat";
            case TWOX_128 -> "Twox128";
            case TWOX_256 -> "Twox256";
            case TWOX_64_CONCAT -> "Twox64Concat";
            case IDENTITY -> "Identity";
        };
    }

    // ---- signed extrinsics ----

    private static void extrinsicCases(ArrayNode out) {
        for (int i = 0; i < 48; i++) {
            Ed25519KeyPair signer = Ed25519KeyPair.fromSeed(randomBytes(32));
            Ed25519KeyPair other = Ed25519KeyPair.fromSeed(randomBytes(32));
            BigInteger amount = new BigInteger(RANDOM.nextInt(90), RANDOM);
            Call call;
            String pallet;
            String name;
            List<Object> args;
            switch (i % 6) {
                case 0 -> {
                    pallet = "balances";
                    name = "transfer";
                    args = List.of(Map.of("Id", other.address()), amount.toString());
                    call = TFCHAIN.call("Balances", "transfer", new EnumValue("Id", other.publicKey()), amount);
                }
                case 1 -> {
                    pallet = "balances";
                    name = "transferKeepAlive";
                    args = List.of(Map.of("Id", other.address()), amount.toString());
                    call = TFCHAIN.call("balances", "transferKeepAlive", new EnumValue("Id", other.address()),
                            amount);
                }
                case 2 -> {
                    pallet = "tfgridModule";
                    name = "userAcceptTc";
                    // every fourth one long enough for the payload to be hashed before signing
                    String link = "https://library.threefold.me/info/legal/#/tfgrid/terms_conditions_tfgrid3"
                            + "/page".repeat(i % 4 == 2 ? 60 : 1);
                    String hash = hex(randomBytes(16));
                    args = List.of(link, hash);
                    call = TFCHAIN.call("TfgridModule", "user_accept_tc", link, hash);
                }
                case 3 -> {
                    pallet = "tfgridModule";
                    name = "createTwin";
                    String relay = "relay.grid" + i + ".tf";
                    byte[] pk = randomBytes(33);
                    List<Object> a = new ArrayList<>();
                    a.add(i % 2 == 0 ? null : relay);
                    a.add(i % 4 == 3 ? "0x" + hex(pk) : null);
                    args = a;
                    call = TFCHAIN.call("TfgridModule", "create_twin",
                            i % 2 == 0 ? Optional.empty() : Optional.of(relay),
                            i % 4 == 3 ? Optional.of(pk) : Optional.empty());
                }
                case 4 -> {
                    pallet = "utility";
                    name = "batchAll";
                    String link = "https://example.org/tc" + i;
                    Map<String, Object> accept = Map.of("$call", Map.of("pallet", "tfgridModule",
                            "call", "userAcceptTc", "args", List.of(link, "abc")));
                    List<Object> twinArgs = new ArrayList<>();
                    twinArgs.add("relay.example.org");
                    twinArgs.add(null);
                    Map<String, Object> twin = Map.of("$call", Map.of("pallet", "tfgridModule",
                            "call", "createTwin", "args", twinArgs));
                    args = List.of(List.of(accept, twin));
                    call = TFCHAIN.call("Utility", "batch_all", List.of(
                            TFCHAIN.call("TfgridModule", "user_accept_tc", link, "abc"),
                            TFCHAIN.call("TfgridModule", "create_twin", Optional.of("relay.example.org"),
                                    Optional.empty())));
                }
                default -> {
                    pallet = "tfgridModule";
                    name = "updateTwin";
                    List<Object> a = new ArrayList<>();
                    a.add("relay.update" + i + ".tf");
                    a.add(null);
                    args = a;
                    call = TFCHAIN.call("TfgridModule", "update_twin", Optional.of("relay.update" + i + ".tf"),
                            Optional.empty());
                }
            }
            long period = new long[] {64, 4, 5, 100, 4096, 8192, 65536, 1 << 20}[i % 8];
            extrinsic(out, "tfchain", signer, pallet, name, args, call, i, period);
        }
        // and on a real runtime's metadata: substrate's, with its own signed extensions (ChargeAssetTxPayment and
        // CheckMetadataHash among them) and MultiAddress<AccountId32, u32>
        RuntimeMetadata substrate = SHIPPED.get("substrate");
        for (int i = 0; i < 12; i++) {
            Ed25519KeyPair signer = Ed25519KeyPair.fromSeed(randomBytes(32));
            Ed25519KeyPair other = Ed25519KeyPair.fromSeed(randomBytes(32));
            long period = 64L << (i % 4);
            if (i % 2 == 0) {
                BigInteger amount = new BigInteger(RANDOM.nextInt(90), RANDOM);
                extrinsic(out, "substrate", signer, "balances", "transferKeepAlive",
                        List.of(Map.of("Id", other.address()), amount.toString()),
                        substrate.call("Balances", "transfer_keep_alive", new EnumValue("Id", other.publicKey()),
                                amount), i, period);
            } else {
                byte[] remark = randomBytes(i % 3 == 0 ? 400 : 20);
                extrinsic(out, "substrate", signer, "system", "remark", List.of("0x" + hex(remark)),
                        substrate.call("System", "remark", remark), i, period);
            }
        }
    }

    /** Builds and signs one extrinsic of a runtime, and adds the case for polkadot-js to build and check it. */
    private static void extrinsic(ArrayNode out, String runtime, Ed25519KeyPair signer, String pallet, String name,
            List<Object> args, Call call, int i, long period) {
        long nonce = i % 5 == 0 ? RANDOM.nextInt(64) : RANDOM.nextLong() >>> 33;
        BigInteger tip = i % 3 == 0 ? BigInteger.ZERO : new BigInteger(RANDOM.nextInt(70), RANDOM);
        byte[] genesis = randomBytes(32);
        byte[] block = randomBytes(32);
        long spec = RANDOM.nextInt(300);
        long tx = RANDOM.nextInt(10);
        boolean mortal = i % 4 != 1;
        long current = RANDOM.nextLong() >>> 40;
        RuntimeMetadata metadata = runtime.equals("tfchain") ? TFCHAIN : SHIPPED.get(runtime);
        ExtrinsicBuilder builder = ExtrinsicBuilder.forRuntime(metadata).call(call).nonce(nonce).tip(tip)
                .genesisHash(genesis).specVersion(spec).transactionVersion(tx);
        if (mortal) {
            builder.era(Era.mortal(period, current)).blockHash(block);
        }
        byte[] ours = builder.sign(signer);
        EXTRINSICS.add("0x" + hex(ours));
        EXTRINSIC_RUNTIMES.add(runtime);
        EXTRINSIC_NAMES.add(pallet + "." + name);
        EXTRINSIC_SIGNERS.add(signer);
        EXTRINSIC_CALLS.add(call);
        ObjectNode c = out.addObject().put("runtime", runtime).put("seed", signer.toHexSeed()).put("pallet", pallet)
                .put("call", name).put("nonce", nonce).put("tip", tip.toString())
                .put("genesisHash", "0x" + hex(genesis)).put("blockHash", "0x" + hex(block))
                .put("specVersion", spec).put("transactionVersion", tx).put("ours", "0x" + hex(ours));
        c.set("args", JSON.valueToTree(args));
        if (mortal) {
            c.putObject("era").put("current", current).put("period", period);
        } else {
            c.putNull("era");
        }
    }

    @Test
    void signedExtrinsicsAreByteForByteWhatPolkadotApiBuildsAndItVerifiesOurs() {
        JsonNode extrinsics = answers.get("extrinsics");
        assertThat(extrinsics).hasSize(EXTRINSICS.size());
        int hashedPayloads = 0;
        for (int i = 0; i < EXTRINSICS.size(); i++) {
            JsonNode expected = extrinsics.get(i);
            String what = EXTRINSIC_RUNTIMES.get(i) + " extrinsic " + i + " " + EXTRINSIC_CALLS.get(i);
            assertThat(hex0x(EXTRINSIC_CALLS.get(i).bytes())).as(what).isEqualTo(expected.get("method").asText());
            assertThat(EXTRINSICS.get(i)).as(what).isEqualTo(expected.get("hex").asText());
            JsonNode decoded = expected.get("decoded");
            assertThat(decoded.has("error")).as(what + " " + decoded).isFalse();
            assertThat(decoded.get("method").asText()).as(what).isEqualTo(hex0x(EXTRINSIC_CALLS.get(i).bytes()));
            assertThat(decoded.get("section").asText() + "." + decoded.get("callName").asText()).as(what)
                    .isEqualTo(EXTRINSIC_NAMES.get(i));
            assertThat(decoded.get("signer").asText()).as(what).isEqualTo(EXTRINSIC_SIGNERS.get(i).address());
            assertThat(decoded.get("signatureType").asText()).as(what).isEqualTo("Ed25519");
            assertThat(decoded.get("signatureValid").asBoolean()).as(what).isTrue();
            assertThat(decoded.get("reencoded").asBoolean()).as(what).isTrue();
            hashedPayloads += EXTRINSICS.get(i).length() > 2 * 400 ? 1 : 0;
        }
        assertThat(hashedPayloads).as("cases whose payload is hashed before signing").isPositive();
        assertThat(EXTRINSIC_RUNTIMES.stream().filter("tfchain"::equals).count()).isEqualTo(48);
        assertThat(EXTRINSIC_RUNTIMES.stream().filter("substrate"::equals).count()).isEqualTo(12);
    }

    // ---- helpers ----

    private static String randomPassword() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.ü✓";
        StringBuilder password = new StringBuilder();
        int length = 1 + RANDOM.nextInt(16);
        for (int i = 0; i < length; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String hex0x(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }
}
