package io.threebot.deployer.tfgrid.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChainCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The tfchain-like runtime the tests describe with {@link RuntimeMetadataWriter}. */
    private static final RuntimeMetadata METADATA = TfchainRuntime.standard().metadata();

    @Test
    void compactIntegersFollowTheSpecificationsExamples() {
        assertThat(hex(new ScaleWriter().compact(0))).isEqualTo("00");
        assertThat(hex(new ScaleWriter().compact(1))).isEqualTo("04");
        assertThat(hex(new ScaleWriter().compact(42))).isEqualTo("a8");
        assertThat(hex(new ScaleWriter().compact(69))).isEqualTo("1501");
        assertThat(hex(new ScaleWriter().compact(65535))).isEqualTo("feff0300");
        assertThat(hex(new ScaleWriter().compact(BigInteger.valueOf(100000000000000L)))).isEqualTo("0b00407a10f35a");
        assertThatThrownBy(() -> new ScaleWriter().compact(-1)).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleWriter().u8(256)).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleWriter().u128(BigInteger.ONE.shiftLeft(128)))
                .isInstanceOf(ScaleException.class);
    }

    @Test
    void whatIsWrittenReadsBack() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            BigInteger big = new BigInteger(random.nextInt(129), random);
            long small = random.nextLong() >>> (1 + random.nextInt(63));
            byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            ScaleWriter w = new ScaleWriter().compact(big).compact(small).u128(big.min(ScaleWriter.U128_MAX))
                    .u64(small).u32(small & 0xFFFFFFFFL).u16((int) small & 0xffff).bool(i % 2 == 0).bytes(bytes)
                    .str("ü" + i).vec(List.of(1L, 2L, small & 0xffffffffL), ScaleWriter::u32)
                    .option(Optional.of(bytes), ScaleWriter::bytes).option(Optional.<byte[]>empty(), ScaleWriter::bytes);
            ScaleReader r = new ScaleReader(w.toByteArray());
            assertThat(r.compact()).isEqualTo(big);
            assertThat(r.compactLong()).isEqualTo(small);
            assertThat(r.u128()).isEqualTo(big);
            assertThat(r.u64()).isEqualTo(BigInteger.valueOf(small));
            assertThat(r.u32()).isEqualTo(small & 0xFFFFFFFFL);
            assertThat(r.u16()).isEqualTo((int) small & 0xffff);
            assertThat(r.bool()).isEqualTo(i % 2 == 0);
            assertThat(r.bytes()).isEqualTo(bytes);
            assertThat(r.str()).isEqualTo("ü" + i);
            assertThat(r.vec(ScaleReader::u32)).containsExactly(1L, 2L, small & 0xffffffffL);
            assertThat(r.option(ScaleReader::bytes)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
            assertThat(r.option(ScaleReader::bytes)).isEmpty();
            r.expectEnd();
        }
    }

    @Test
    void hostileBytesAreTypedErrorsNotHugeAllocations() {
        // a vector that claims 2^30 elements in four bytes, a byte string longer than the data, junk tags
        assertThatThrownBy(() -> new ScaleReader(HEX.parseHex("feffffff")).vec(ScaleReader::u8))
                .isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleReader(HEX.parseHex("fd0000")).bytes()).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleReader(HEX.parseHex("02")).bool()).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleReader(HEX.parseHex("02")).option(ScaleReader::u8))
                .isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleReader(HEX.parseHex("0100")).compact())
                .as("non-canonical compact").isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleReader(HEX.parseHex("0bff")).compact()).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleReader(HEX.parseHex("08c328")).str()).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> RuntimeMetadata.parse(new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(DeployerException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT));
        byte[] blob = TfchainRuntime.standard().blob();
        for (int length : new int[] {4, 5, 6, blob.length / 3, blob.length / 2, blob.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(blob, length);
            assertThatThrownBy(() -> RuntimeMetadata.parse(truncated)).isInstanceOf(MetadataException.class);
        }
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 1);
        assertThatThrownBy(() -> RuntimeMetadata.parse(longer)).isInstanceOf(MetadataException.class);
        int accountInfo = METADATA.storage("System", "Account").valueType();
        assertThatThrownBy(() -> METADATA.decode(accountInfo, new byte[3])).isInstanceOf(ScaleException.class);
    }

    @Test
    void erasEncodeAsSubstrateDoes() {
        assertThat(Era.immortal().encode()).containsExactly(0);
        // period 64: trailing zeros 6, minus 1 = 5; phase 42 << 4; little-endian
        Era era = Era.mortal(64, 42);
        assertThat(era.period()).isEqualTo(64);
        assertThat(era.phase()).isEqualTo(42);
        assertThat(hex(era.encode())).isEqualTo("a502");
        assertThat(Era.read(new ScaleReader(era.encode()))).isEqualTo(era);
        Era big = Era.mortal(1 << 20, 1_000_003);
        assertThat(big.period()).isEqualTo(65536);
        assertThat(Era.read(new ScaleReader(big.encode()))).isEqualTo(big);
        assertThat(Era.mortal(5, 10).period()).isEqualTo(8);
        assertThat(Era.mortal(0, 10).period()).isEqualTo(4);
    }

    @Test
    void metadataLooksUpByNameInEitherSpellingAndDecodesWhatItEncodes() {
        RuntimeMetadata.PalletItem accept = METADATA.callInfo("TfgridModule", "user_accept_tc");
        assertThat(accept.palletIndex()).isEqualTo(METADATA.pallet("tfgridModule").index());
        assertThat(METADATA.callInfo("tfgridModule", "userAcceptTc")).isEqualTo(accept);
        assertThat(METADATA.error("TfgridModule", "TwinNotExists").name()).isEqualTo("TwinNotExists");
        RuntimeMetadata.PalletItem error = METADATA.error("SmartContractModule", "ContractNotExists");
        assertThat(METADATA.error(error.palletIndex(), error.index())).isEqualTo(error);
        RuntimeMetadata.PalletItem event = METADATA.event("TfgridModule", "TwinStored");
        assertThat(METADATA.event(event.palletIndex(), event.index())).isEqualTo(event);
        assertThat(METADATA.storage("SmartContractModule", "ContractIDByNodeIDAndHash").hashers()).hasSize(2);
        assertThatThrownBy(() -> METADATA.callInfo("TfgridModule", "no_such_call"))
                .isInstanceOfSatisfying(MetadataException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT));
        assertThatThrownBy(() -> METADATA.pallet("Nope")).isInstanceOf(MetadataException.class);

        Call call = METADATA.call("TfgridModule", "create_twin", Optional.of("relay.grid.tf"), Optional.empty());
        assertThat(call.bytes()[0]).isEqualTo((byte) accept.palletIndex());
        Call byMap = METADATA.call("TfgridModule", "create_twin",
                Map.of("relay", Optional.of("relay.grid.tf"), "pk", Optional.empty()));
        assertThat(byMap.bytes()).isEqualTo(call.bytes());
        assertThatThrownBy(() -> METADATA.call("TfgridModule", "create_twin", "only one"))
                .isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> METADATA.call("Balances", "transfer", new EnumValue("Nope", null), 1L))
                .isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> METADATA.call("Balances", "transfer", new EnumValue("Id", new byte[31]), 1L))
                .isInstanceOf(ScaleException.class);

        // the call enum decodes back to the pallet's variant with its fields
        int callType = METADATA.extrinsicParam("Call");
        Object decoded = METADATA.decode(callType, call.bytes());
        assertThat(decoded).isInstanceOfSatisfying(EnumValue.class, e -> {
            assertThat(e.name()).isEqualTo("TfgridModule");
            assertThat(e.value()).isInstanceOfSatisfying(EnumValue.class, inner -> {
                assertThat(inner.name()).isEqualTo("create_twin");
                assertThat(inner.value()).isInstanceOfSatisfying(Map.class, fields -> {
                    assertThat(fields.get("pk")).isEqualTo(Optional.empty());
                    assertThat((Optional<?>) fields.get("relay")).hasValueSatisfying(
                            relay -> assertThat(new String((byte[]) relay)).isEqualTo("relay.grid.tf"));
                });
            });
        });
    }

    @Test
    void extrinsicsNeedTheirPartsAndHashLongPayloads() {
        Ed25519KeyPair signer = Ed25519KeyPair.fromSeed(new byte[32]);
        Call call = METADATA.call("TfgridModule", "user_accept_tc", "x".repeat(300), "hash");
        ExtrinsicBuilder builder = ExtrinsicBuilder.forRuntime(METADATA).call(call).genesisHash(new byte[32])
                .specVersion(1).transactionVersion(1);
        assertThatThrownBy(() -> builder.sign(signer)).isInstanceOfSatisfying(DeployerException.class,
                e -> assertThat(e.field()).contains("nonce"));
        builder.nonce(3).era(Era.mortal(64, 100));
        assertThatThrownBy(() -> builder.sign(signer)).isInstanceOfSatisfying(DeployerException.class,
                e -> assertThat(e.field()).contains("blockHash"));
        builder.blockHash(new byte[32]);
        byte[] payload = builder.signingPayload();
        assertThat(payload.length).isGreaterThan(256);
        ScaleReader extrinsic = new ScaleReader(builder.sign(signer));
        int length = extrinsic.compactInt();
        assertThat(length).isEqualTo(extrinsic.remaining());
        assertThat(extrinsic.u8()).isEqualTo(0x84);
        assertThat(extrinsic.u8()).as("MultiAddress::Id").isZero();
        assertThat(extrinsic.read(32)).isEqualTo(signer.publicKey());
        assertThat(extrinsic.u8()).as("MultiSignature::Ed25519").isZero();
        byte[] signature = extrinsic.read(64);
        assertThat(Ed25519KeyPair.verify(signer.publicKey(), Hashing.blake2b256(payload), signature)).isTrue();
    }

    private static String hex(ScaleWriter writer) {
        return HEX.formatHex(writer.toByteArray());
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
