package io.threebot.deployer.tfgrid.chain;

import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.field;
import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.unnamed;
import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.Primitive;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.TypeParam;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RuntimeMetadataWriterTest {

    @Test
    void theTfchainRuntimeReadsBackAsDescribed() {
        byte[] blob = TfchainRuntime.standard().blob();
        assertThat(HexFormat.of().formatHex(blob, 0, 5)).as("\"meta\", version 14").isEqualTo("6d6574610e");
        assertThat(TfchainRuntime.describe(TfchainRuntime.STANDARD_MINIMUM_PERIOD_MILLIS).encode())
                .as("the same description, the same bytes").isEqualTo(blob);

        RuntimeMetadata runtime = RuntimeMetadata.parse(blob);
        assertThat(runtime.pallets()).extracting(RuntimeMetadata.Pallet::name, RuntimeMetadata.Pallet::index)
                .containsExactly(tuple("System", 0), tuple("Timestamp", 1), tuple("Utility", 3),
                        tuple("Balances", 20), tuple("TransactionPayment", 21), tuple("TfgridModule", 25),
                        tuple("SmartContractModule", 26));
        assertThat(runtime.extrinsicVersion()).isEqualTo(4);
        assertThat(runtime.signedExtensions()).extracting(RuntimeMetadata.SignedExtension::identifier)
                .containsExactly("CheckNonZeroSender", "CheckSpecVersion", "CheckTxVersion", "CheckGenesis",
                        "CheckMortality", "CheckNonce", "CheckWeight", "ChargeTransactionPayment");

        RuntimeMetadata.PalletItem createTwin = runtime.callInfo("TfgridModule", "create_twin");
        assertThat(createTwin.palletIndex()).isEqualTo(25);
        assertThat(createTwin.index()).isEqualTo(17);
        assertThat(createTwin.variant().fields())
                .extracting(f -> f.name().orElseThrow(), f -> f.typeName().orElseThrow())
                .containsExactly(tuple("relay", "RelayInput"), tuple("pk", "PkInput"));
        assertThat(runtime.callInfo("TfgridModule", "update_twin").index()).isEqualTo(18);
        assertThat(runtime.callInfo("TfgridModule", "user_accept_tc").index()).isEqualTo(25);
        assertThat(runtime.callInfo("Balances", "transfer").index()).isEqualTo(7);
        assertThat(runtime.callInfo("Balances", "transfer_keep_alive").index()).isEqualTo(3);
        assertThat(runtime.callInfo("Utility", "batch_all").index()).isEqualTo(2);
        List<RuntimeMetadata.Variant> errors = runtime.pallet("TfgridModule").errors();
        for (int i = 0; i < TfchainRuntime.TFGRID_ERRORS.size(); i++) {
            assertThat(errors.get(i).name()).isEqualTo(TfchainRuntime.TFGRID_ERRORS.get(i));
            assertThat(errors.get(i).index()).isEqualTo(i);
        }
        assertThat(runtime.event("TfgridModule", "TwinStored").index()).isEqualTo(11);

        RuntimeMetadata.StorageEntry byHash = runtime.storage("SmartContractModule", "ContractIDByNodeIDAndHash");
        assertThat(byHash.hashers()).containsExactly(StorageHasher.BLAKE2_128_CONCAT,
                StorageHasher.BLAKE2_128_CONCAT);
        assertThat(byHash.optional()).isFalse();
        assertThat(byHash.defaultValue()).hasSize(8);
        RuntimeMetadata.StorageEntry twins = runtime.storage("TfgridModule", "Twins");
        assertThat(twins.optional()).isTrue();
        assertThat(twins.prefix()).isEqualTo("TfgridModule");
        assertThat(runtime.storage("TfgridModule", "TwinID").isMap()).isFalse();

        // a value of a written type encodes and decodes through the reader's codec
        byte[] twin = runtime.encode(twins.valueType(), java.util.Map.of("id", 7L, "account_id", new byte[32],
                "relay", Optional.of("relay.grid.tf"), "entities", List.of(), "pk", Optional.empty()));
        assertThat(runtime.decode(twins.valueType(), twin)).isInstanceOfSatisfying(java.util.Map.class,
                m -> assertThat(m.get("id")).isEqualTo(7L));
    }

    @Test
    void typesAddedAlikeShareTheirId() {
        RuntimeMetadataWriter w = new RuntimeMetadataWriter();
        int u8 = w.primitive(Primitive.U8);
        assertThat(w.primitive(Primitive.U8)).isEqualTo(u8);
        int bytes = w.sequence(u8);
        assertThat(w.sequence(u8)).isEqualTo(bytes);
        assertThat(w.option(bytes)).isEqualTo(w.option(bytes));
        assertThat(w.tuple()).isEqualTo(w.tuple()).isNotEqualTo(w.tuple(u8));
        int a = w.composite("a::Name", List.of(), List.of(unnamed(bytes, "Vec<u8>")));
        assertThat(w.composite("b::Name", List.of(), List.of(unnamed(bytes, "Vec<u8>")))).isNotEqualTo(a);
        assertThat(w.composite("a::Name", List.of(), List.of(unnamed(bytes, "Vec<u8>")))).isEqualTo(a);
    }

    @Test
    void aSmallRuntimeRoundTrips() {
        RuntimeMetadataWriter w = minimal();
        int u32 = w.primitive(Primitive.U32);
        int call = w.variant("demo::pallet::Call", List.of(TypeParam.skipped("T")), List.of(
                variant("set", 3, field("value", w.compact(u32), "u32")), variant("clear", 9)));
        w.pallet("Demo", 200).calls(call).value("Value", u32, true, new byte[] {0})
                .map("ByPair", List.of(StorageHasher.TWOX_64_CONCAT, StorageHasher.IDENTITY), w.tuple(u32, u32), u32,
                        false, new byte[4])
                .constant("Max", u32, new byte[] {1, 0, 0, 0});
        RuntimeMetadata runtime = w.toMetadata();
        assertThat(runtime.pallet("demo").index()).isEqualTo(200);
        assertThat(runtime.call("Demo", "set", 5L).bytes()).containsExactly(200, 3, 20);
        assertThat(runtime.storageKey("Demo", "ByPair", 1L, 2L)).hasSize(32 + 8 + 4 + 4);
        assertThat(runtime.storage("Demo", "Value").valueType()).isEqualTo(u32);
        assertThatThrownBy(() -> ExtrinsicBuilder.forRuntime(withExtrinsicVersion(3).toMetadata()))
                .isInstanceOf(MetadataException.class);
    }

    @Test
    void anInconsistentDescriptionIsRefusedByName() {
        refused(w -> w.reserve(), "never defined");
        refused(w -> w.sequence(999), "999");
        refused(w -> w.pallet("Demo", 1).calls(w.primitive(Primitive.U8)), "enum");
        refused(w -> {
            w.pallet("Demo", 1);
            w.pallet("Other", 1);
        }, "index 1");
        refused(w -> {
            w.pallet("Demo", 1);
            w.pallet("Demo", 2);
        }, "Demo");
        refused(w -> w.variant("demo::E", List.of(), List.of(variant("A", 0), variant("B", 0))), "index 0");
        refused(w -> w.variant("demo::E", List.of(), List.of(variant("A", 256))), "256");
        refused(w -> {
            int u32 = w.primitive(Primitive.U32);
            w.pallet("Demo", 1).map("Pair", List.of(StorageHasher.IDENTITY, StorageHasher.IDENTITY), u32, u32, false,
                    new byte[4]);
        }, "tuple of 2");
        refused(w -> w.composite("demo::S", List.of(TypeParam.of("T", 77)), List.of()), "parameter T");
        assertThatThrownBy(() -> new RuntimeMetadataWriter().pallet("Demo", 256)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> new RuntimeMetadataWriter().composite("a::::b", List.of(), List.of()))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> new RuntimeMetadataWriter().encode()).isInstanceOfSatisfying(MetadataException.class,
                e -> assertThat(e.reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT));
        RuntimeMetadataWriter noRuntime = new RuntimeMetadataWriter();
        int unit = noRuntime.tuple();
        noRuntime.extrinsic(unit, 4, List.of());
        assertThatThrownBy(noRuntime::encode).hasMessageContaining("runtime");
        RuntimeMetadataWriter twice = new RuntimeMetadataWriter();
        int id = twice.reserve();
        twice.defineComposite(id, "demo::S", List.of(), List.of());
        assertThatThrownBy(() -> twice.defineComposite(id, "demo::S", List.of(), List.of()))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> twice.defineVariant(id + 1, "demo::E", List.of(), List.of()))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> twice.pallet("Demo", 0).value("V", unit, false, new byte[0]).value("V", unit, false,
                new byte[0])).isInstanceOf(MetadataException.class);
    }

    private static void refused(Consumer<RuntimeMetadataWriter> change, String message) {
        RuntimeMetadataWriter w = minimal();
        change.accept(w);
        assertThatThrownBy(w::encode).isInstanceOf(MetadataException.class).hasMessageContaining(message);
    }

    private static RuntimeMetadataWriter minimal() {
        return withExtrinsicVersion(4);
    }

    private static RuntimeMetadataWriter withExtrinsicVersion(int version) {
        RuntimeMetadataWriter w = new RuntimeMetadataWriter();
        int bytes = w.sequence(w.primitive(Primitive.U8));
        int unit = w.tuple();
        w.extrinsic(w.composite("sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic", List.of(
                TypeParam.of("Address", unit), TypeParam.of("Call", unit), TypeParam.of("Signature", unit),
                TypeParam.of("Extra", unit)), List.of(unnamed(bytes, null))), version, List.of());
        w.runtimeType(w.composite("demo::Runtime", List.of(), List.of()));
        return w;
    }
}
