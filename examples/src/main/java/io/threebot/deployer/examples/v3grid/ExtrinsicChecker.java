package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.examples.v3grid.InvalidTransactionException.Kind;
import io.threebot.deployer.tfgrid.chain.EnumValue;
import io.threebot.deployer.tfgrid.chain.Era;
import io.threebot.deployer.tfgrid.chain.Hashing;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import io.threebot.deployer.tfgrid.chain.ScaleReader;
import io.threebot.deployer.tfgrid.chain.ScaleWriter;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Decodes a submitted extrinsic and checks it as a Substrate node's pool does: version 4 and signed, every byte
 * read, a {@code MultiSignature::Ed25519} that verifies over call ‖ extra ‖ additional (spec and transaction
 * version, genesis hash, the hash of the era's birth block), whose hash is taken when over 256 bytes. A wrong
 * genesis, spec version or expired era changes the payload and fails as a bad signature, as on a real node; an
 * era whose birth block is unknown is an ancient birth block. Nonce and fee are checked by the caller, which knows
 * the pool. Bytes that are not an extrinsic give {@link Kind#UNDECODABLE}, never an unchecked exception.
 */
final class ExtrinsicChecker {
    /** Extrinsics larger than this are refused undecoded. */
    static final int MAX_EXTRINSIC_BYTES = 1 << 20;
    static final BigInteger BASE_FEE = BigInteger.valueOf(10_000);
    static final BigInteger FEE_PER_BYTE = BigInteger.valueOf(10);

    private final TfchainRuntime runtime;
    private final byte[] genesisHash;

    ExtrinsicChecker(TfchainRuntime runtime, byte[] genesisHash) {
        this.runtime = runtime;
        this.genesisHash = genesisHash.clone();
    }

    /**
     * Decodes and verifies an extrinsic against the chain at {@code current} (the number of the block it would go
     * into), finding block hashes with {@code blockHash}.
     *
     * @throws InvalidTransactionException when it is refused
     */
    SignedExtrinsic check(byte[] bytes, long current, LongFunction<Optional<byte[]>> blockHash) {
        if (bytes.length > MAX_EXTRINSIC_BYTES) {
            throw new InvalidTransactionException(Kind.UNDECODABLE, "over " + MAX_EXTRINSIC_BYTES + " bytes");
        }
        RuntimeMetadata metadata = runtime.metadata();
        Decoded decoded;
        try {
            decoded = decode(metadata, bytes);
        } catch (DeployerException | ClassCastException | IllegalArgumentException e) {
            throw new InvalidTransactionException(Kind.UNDECODABLE, e.getMessage() == null ? "" : e.getMessage());
        }
        if (!decoded.signature.name().equals("Ed25519")) {
            throw new InvalidTransactionException(Kind.BAD_PROOF,
                    decoded.signature.name() + " signatures are not verified by this chain; sign with ed25519");
        }
        byte[] eraHash;
        if (decoded.era.isImmortal()) {
            eraHash = genesisHash;
        } else {
            long birth = birth(decoded.era, current);
            eraHash = blockHash.apply(birth).orElseThrow(() -> new InvalidTransactionException(
                    Kind.ANCIENT_BIRTH_BLOCK, "block " + birth + " is not known"));
        }
        byte[] additional = new ScaleWriter().u32(TfchainRuntime.SPEC_VERSION)
                .u32(TfchainRuntime.TRANSACTION_VERSION).raw(genesisHash).raw(eraHash).toByteArray();
        byte[] payload = new ScaleWriter().raw(decoded.callBytes).raw(decoded.extraBytes).raw(additional)
                .toByteArray();
        if (payload.length > 256) {
            payload = Hashing.blake2b256(payload);
        }
        byte[] signer = (byte[]) decoded.address.value();
        if (!Ed25519KeyPair.verify(signer, payload, (byte[]) decoded.signature.value())) {
            throw new InvalidTransactionException(Kind.BAD_PROOF, "");
        }
        BigInteger fee = BASE_FEE.add(FEE_PER_BYTE.multiply(BigInteger.valueOf(bytes.length))).add(decoded.tip);
        return new SignedExtrinsic(bytes.clone(), SignedExtrinsic.hashOf(bytes),
                HexFormat.of().formatHex(signer), decoded.nonce, decoded.tip, decoded.call, fee);
    }

    /** The block a mortal era was born at, seen from block {@code current}, as Substrate's {@code Era::birth}. */
    static long birth(Era era, long current) {
        long phase = era.phase();
        long period = era.period();
        return (Math.max(current, phase) - phase) / period * period + phase;
    }

    private record Decoded(EnumValue address, EnumValue signature, Era era, long nonce, BigInteger tip,
            byte[] extraBytes, byte[] callBytes, EnumValue call) {
    }

    private Decoded decode(RuntimeMetadata metadata, byte[] bytes) {
        ScaleReader in = new ScaleReader(bytes);
        int length = in.compactInt();
        if (length != in.remaining()) {
            throw new InvalidTransactionException(Kind.UNDECODABLE, "the length prefix says " + length
                    + " bytes, " + in.remaining() + " follow");
        }
        int version = in.u8();
        if (version == 4) {
            throw new InvalidTransactionException(Kind.CALL, "unsigned extrinsics are not accepted");
        }
        if (version != 0x84) {
            throw new InvalidTransactionException(Kind.UNDECODABLE, "extrinsic version byte " + version);
        }
        EnumValue address = (EnumValue) metadata.decode(runtime.addressType(), in);
        if (!address.name().equals("Id")) {
            throw new InvalidTransactionException(Kind.UNDECODABLE, "the signer is not a MultiAddress::Id");
        }
        EnumValue signature = (EnumValue) metadata.decode(runtime.signatureType(), in);
        int extraStart = in.position();
        Era era = Era.immortal();
        long nonce = 0;
        BigInteger tip = BigInteger.ZERO;
        for (RuntimeMetadata.SignedExtension extension : metadata.signedExtensions()) {
            switch (extension.identifier()) {
                case "CheckMortality" -> era = Era.read(in);
                case "CheckNonce" -> nonce = in.compactLong();
                case "ChargeTransactionPayment" -> tip = in.compact();
                default -> metadata.decode(extension.type(), in);
            }
        }
        byte[] extra = Arrays.copyOfRange(bytes, extraStart, in.position());
        int callStart = in.position();
        EnumValue call = (EnumValue) metadata.decode(runtime.runtimeCallType(), in);
        in.expectEnd();
        return new Decoded(address, signature, era, nonce, tip, extra,
                Arrays.copyOfRange(bytes, callStart, bytes.length), call);
    }
}
