package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a signed extrinsic, version 4, for a runtime described by its metadata:
 * {@code compact(length) ‖ 0x84 ‖ address ‖ signature ‖ extra ‖ call}, where the address is
 * {@code MultiAddress::Id(public key)}, the signature {@code MultiSignature::Ed25519} over the payload
 * {@code call ‖ extra ‖ additional} (its BLAKE2b-256 when longer than 256 bytes), and extra and additional come
 * from the signed extensions the metadata declares, in its order: era, nonce and tip in the extrinsic; spec and
 * transaction version, genesis hash and the era's block hash in the payload only. An extension this client does
 * not know is accepted only when it carries no data.
 *
 * <p>One builder per extrinsic; not thread-safe. Nothing is sent: the bytes go to {@code author_submitExtrinsic}.
 */
public final class ExtrinsicBuilder {
    private final RuntimeMetadata metadata;
    private Call call;
    private Long nonce;
    private BigInteger tip = BigInteger.ZERO;
    private Era era = Era.immortal();
    private byte[] genesisHash;
    private byte[] blockHash;
    private Long specVersion;
    private Long transactionVersion;

    private ExtrinsicBuilder(RuntimeMetadata metadata) {
        this.metadata = metadata;
    }

    /**
     * A builder for the runtime of this metadata.
     *
     * @throws MetadataException when its extrinsics are not version 4
     */
    public static ExtrinsicBuilder forRuntime(RuntimeMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.extrinsicVersion() != 4) {
            throw new MetadataException("extrinsic version " + metadata.extrinsicVersion()
                    + " is not supported (4 is)");
        }
        return new ExtrinsicBuilder(metadata);
    }

    /** The call to make (required). */
    public ExtrinsicBuilder call(Call call) {
        this.call = Objects.requireNonNull(call, "call");
        return this;
    }

    /** The signer's account nonce (required): the number of extrinsics it has had included. */
    public ExtrinsicBuilder nonce(long nonce) {
        if (nonce < 0) {
            throw new InvalidInputException("nonce", "a nonce is not negative");
        }
        this.nonce = nonce;
        return this;
    }

    /** A tip for the block author, in the chain's smallest unit; 0 when not set. */
    public ExtrinsicBuilder tip(BigInteger tip) {
        if (tip.signum() < 0) {
            throw new InvalidInputException("tip", "a tip is not negative");
        }
        this.tip = tip;
        return this;
    }

    /** The era; immortal when not set. A mortal era needs {@link #blockHash(byte[])}. */
    public ExtrinsicBuilder era(Era era) {
        this.era = Objects.requireNonNull(era, "era");
        return this;
    }

    /** The chain's genesis hash (32 bytes, required). */
    public ExtrinsicBuilder genesisHash(byte[] hash) {
        this.genesisHash = hash32(hash, "genesisHash");
        return this;
    }

    /** The hash of the block a mortal era starts from (32 bytes); an immortal era uses the genesis hash. */
    public ExtrinsicBuilder blockHash(byte[] hash) {
        this.blockHash = hash32(hash, "blockHash");
        return this;
    }

    /** The runtime's spec version (required when the runtime checks it). */
    public ExtrinsicBuilder specVersion(long version) {
        this.specVersion = version;
        return this;
    }

    /** The runtime's transaction version (required when the runtime checks it). */
    public ExtrinsicBuilder transactionVersion(long version) {
        this.transactionVersion = version;
        return this;
    }

    /**
     * The bytes a signer signs: call ‖ extra ‖ additional, before the BLAKE2b-256 of payloads over 256 bytes.
     *
     * @throws InvalidInputException when a required part is missing
     */
    public byte[] signingPayload() {
        Parts parts = parts();
        return new ScaleWriter().raw(require(call, "call").encoded()).raw(parts.extra).raw(parts.additional)
                .toByteArray();
    }

    /**
     * The signed extrinsic, length-prefixed, ready for {@code author_submitExtrinsic}.
     *
     * @throws InvalidInputException when a required part is missing
     */
    public byte[] sign(Ed25519KeyPair signer) {
        Objects.requireNonNull(signer, "signer");
        Parts parts = parts();
        byte[] callBytes = require(call, "call").encoded();
        byte[] payload = new ScaleWriter().raw(callBytes).raw(parts.extra).raw(parts.additional).toByteArray();
        byte[] signature = signer.sign(payload.length > 256 ? Hashing.blake2b256(payload) : payload);

        ScaleWriter body = new ScaleWriter().u8(0x80 | 4);
        body.raw(metadata.encode(metadata.extrinsicParam("Address"),
                variantOrPlain(metadata.extrinsicParam("Address"), "Id", signer.publicKey())));
        body.raw(metadata.encode(metadata.extrinsicParam("Signature"),
                variantOrPlain(metadata.extrinsicParam("Signature"), "Ed25519", signature)));
        body.raw(parts.extra).raw(callBytes);
        byte[] bytes = body.toByteArray();
        return new ScaleWriter().bytes(bytes).toByteArray();
    }

    private Object variantOrPlain(int type, String variant, byte[] value) {
        if (metadata.type(type).def() instanceof TypeDef.Variant v) {
            if (v.byName(variant).isEmpty()) {
                throw new MetadataException("the runtime's " + metadata.type(type).name() + " has no " + variant);
            }
            return new EnumValue(variant, value);
        }
        return value;
    }

    private record Parts(byte[] extra, byte[] additional) {
    }

    private Parts parts() {
        ScaleWriter extra = new ScaleWriter();
        ScaleWriter additional = new ScaleWriter();
        for (RuntimeMetadata.SignedExtension extension : metadata.signedExtensions()) {
            int type = extension.type();
            int added = extension.additionalSigned();
            switch (extension.identifier()) {
                case "CheckSpecVersion" -> additional.raw(metadata.encode(added, require(specVersion, "specVersion")));
                case "CheckTxVersion" -> additional.raw(metadata.encode(added,
                        require(transactionVersion, "transactionVersion")));
                case "CheckGenesis" -> additional.raw(metadata.encode(added, require(genesisHash, "genesisHash")));
                case "CheckMortality", "CheckEra" -> {
                    extra.raw(era.encode());
                    byte[] hash = era.isImmortal() ? require(genesisHash, "genesisHash")
                            : require(blockHash, "blockHash");
                    additional.raw(metadata.encode(added, hash));
                }
                case "CheckNonce" -> extra.raw(metadata.encode(type, require(nonce, "nonce")));
                case "ChargeTransactionPayment" -> extra.raw(metadata.encode(type, tip));
                case "ChargeAssetTxPayment" -> {
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("tip", tip);
                    value.put("asset_id", Optional.empty());
                    extra.raw(metadata.encode(type, value));
                }
                case "CheckMetadataHash" -> {
                    extra.raw(metadata.encode(type, EnumValue.of("Disabled")));
                    additional.raw(metadata.encode(added, Optional.empty()));
                }
                default -> {
                    if (!metadata.codec().isEmpty(type) || !metadata.codec().isEmpty(added)) {
                        throw new MetadataException("the runtime's signed extension " + extension.identifier()
                                + " carries data this client does not know how to fill");
                    }
                }
            }
        }
        return new Parts(extra.toByteArray(), additional.toByteArray());
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "the extrinsic needs " + field);
        }
        return value;
    }

    private static byte[] hash32(byte[] hash, String field) {
        Objects.requireNonNull(hash, field);
        if (hash.length != 32) {
            throw new InvalidInputException(field, field + " has 32 bytes, not " + hash.length);
        }
        return hash.clone();
    }
}
