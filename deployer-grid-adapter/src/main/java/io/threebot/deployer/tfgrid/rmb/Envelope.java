package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An RMB envelope, the message relays carry between twins (rmb-rs {@code proto/types.proto}): field for field the
 * protobuf {@code Envelope}, written and read by {@link #toBytes()} and {@link #parse(byte[])}. Optional fields are
 * null when absent (absent and empty differ on the wire, not in the signature).
 *
 * <p>{@link #signed} signs it as rmb-rs and {@code @threefold/rmb_direct_client} do: the MD5 of its
 * {@link #challengeHash() challenge} is signed with ed25519 and the signature is stored after one key-type byte
 * ({@code 'e'}); {@link #verify} checks that against the sender twin's key.
 *
 * @param uid         the sender's id for the exchange; a reply carries its request's uid
 * @param tags        client tags, or null
 * @param timestamp   unix seconds when sent (uint64)
 * @param expiration  seconds to live from the timestamp (uint64)
 * @param source      the sender, or null
 * @param destination the receiver, or null
 * @param message     what the envelope is: {@link Request}, {@link Response}, {@link ErrorReply}, {@link Ping},
 *                    {@link Pong}, or null
 * @param signature   the type byte and the 64-byte signature, or null when unsigned
 * @param schema      the payload's media type ({@value #JSON}), or null
 * @param federation  deprecated relay domain, or null
 * @param payload     {@link Plain} or {@link Cipher} body, or null
 * @param relays      deprecated list of the sender's relays (still signed)
 */
public record Envelope(
        String uid,
        String tags,
        long timestamp,
        long expiration,
        Address source,
        Address destination,
        Message message,
        byte[] signature,
        String schema,
        String federation,
        Payload payload,
        List<String> relays) {

    /** The schema of JSON bodies, which zos nodes and the TS client use. */
    public static final String JSON = "application/json";
    /** The largest envelope read: 8 MiB. */
    public static final int MAX_BYTES = 8 << 20;
    /** The signature's key-type byte for ed25519 ({@code 'e'}). */
    public static final byte ED25519_PREFIX = 'e';
    /** The signature's key-type byte for sr25519 ({@code 's'}), which this library does not verify. */
    public static final byte SR25519_PREFIX = 's';

    public Envelope {
        uid = uid == null ? "" : uid;
        signature = signature == null ? null : signature.clone();
        relays = relays == null ? List.of() : List.copyOf(relays);
    }

    /**
     * A request as the TS client sends one: the JSON body plain, schema {@value #JSON}, unsigned.
     *
     * @param ttlSeconds how long the relay keeps it (the TS client uses minutes times 60)
     */
    public static Envelope request(String uid, Address source, Address destination, String command, byte[] body,
            long timestamp, long ttlSeconds) {
        return new Envelope(uid, null, timestamp, ttlSeconds, source, destination, new Request(command), null, JSON,
                null, new Plain(body), List.of());
    }

    /** The response to this request, from its destination back to its source, with the same uid; unsigned. */
    public Envelope reply(byte[] body, long timestampNow) {
        return new Envelope(uid, null, timestampNow, expiration, destination, source, new Response(), null, JSON, null,
                new Plain(body), List.of());
    }

    /** The error reply to this request, from its destination back to its source, with the same uid; unsigned. */
    public Envelope errorReply(long code, String errorMessage, long timestampNow) {
        return new Envelope(uid, null, timestampNow, expiration, destination, source,
                new ErrorReply(code, errorMessage), null, null, null, null, List.of());
    }

    /** A copy of the signature (type byte first), or null. */
    @Override
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    /** The protobuf encoding, fields in field-number order. */
    public byte[] toBytes() {
        return EnvelopeCodec.encode(this);
    }

    /** Reads an envelope; anything that is not one, or more than {@link #MAX_BYTES}, is an InvalidEnvelopeException. */
    public static Envelope parse(byte[] bytes) {
        return EnvelopeCodec.decode(bytes);
    }

    /** The MD5 of the challenge, the 16 bytes that are signed (rmb-rs {@code Envelope::challenge}). */
    public byte[] challengeHash() {
        return EnvelopeChallenge.hash(this);
    }

    /** This envelope signed with the twin's ed25519 key: {@code 'e'} and the signature of {@link #challengeHash()}. */
    public Envelope signed(Ed25519KeyPair key) {
        byte[] sig = key.sign(challengeHash());
        byte[] prefixed = new byte[65];
        prefixed[0] = ED25519_PREFIX;
        System.arraycopy(sig, 0, prefixed, 1, 64);
        return withSignature(prefixed);
    }

    /** This envelope with another signature (or none). */
    public Envelope withSignature(byte[] newSignature) {
        return new Envelope(uid, tags, timestamp, expiration, source, destination, message, newSignature, schema,
                federation, payload, relays);
    }

    /**
     * Checks the signature against the sender twin's 32-byte ed25519 public key (its account id on tfchain).
     *
     * @throws InvalidEnvelopeException (field {@code signature}) when unsigned, not 65 bytes, not ed25519, or not valid
     */
    public void verify(byte[] publicKey) {
        if (signature == null) {
            throw new InvalidEnvelopeException("signature", "the envelope is not signed");
        }
        if (signature.length != 65) {
            throw new InvalidEnvelopeException("signature", "an envelope signature is 65 bytes, not "
                    + signature.length);
        }
        if (signature[0] == SR25519_PREFIX) {
            throw new InvalidEnvelopeException("signature", "sr25519 envelope signatures are not verified here");
        }
        if (signature[0] != ED25519_PREFIX) {
            throw new InvalidEnvelopeException("signature", "unknown signature key type");
        }
        if (!Ed25519KeyPair.verify(publicKey, challengeHash(), Arrays.copyOfRange(signature, 1, 65))) {
            throw new InvalidEnvelopeException("signature", "the envelope's signature does not verify");
        }
    }

    /** Whether {@link #verify} passes. */
    public boolean verifies(byte[] publicKey) {
        try {
            verify(publicKey);
            return true;
        } catch (InvalidEnvelopeException e) {
            return false;
        }
    }

    /** Whether its time to live is over at that time (unix seconds), as rmb-rs counts it. */
    public boolean expiredAt(long nowSeconds) {
        long deadline = timestamp + expiration;
        if (Long.compareUnsigned(deadline, timestamp) < 0) {
            return false; // overflowed: not in this epoch
        }
        return Long.compareUnsigned(deadline, nowSeconds) <= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && uid.equals(e.uid) && Objects.equals(tags, e.tags)
                && timestamp == e.timestamp && expiration == e.expiration && Objects.equals(source, e.source)
                && Objects.equals(destination, e.destination) && Objects.equals(message, e.message)
                && Arrays.equals(signature, e.signature) && Objects.equals(schema, e.schema)
                && Objects.equals(federation, e.federation) && Objects.equals(payload, e.payload)
                && relays.equals(e.relays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uid, tags, timestamp, expiration, source, destination, message, Arrays.hashCode(signature),
                schema, federation, payload, relays);
    }

    @Override
    public String toString() {
        return "Envelope[uid=" + uid + ", source=" + source + ", destination=" + destination + ", message=" + message
                + ", timestamp=" + Long.toUnsignedString(timestamp) + ", expiration="
                + Long.toUnsignedString(expiration) + ", signed=" + (signature != null) + "]";
    }

    /** What an envelope is. */
    public sealed interface Message permits Request, Response, ErrorReply, Ping, Pong {
    }

    /**
     * A request to run a command at the destination (the body is the payload).
     *
     * @param command such as {@code zos.deployment.get}
     */
    public record Request(String command) implements Message {
        public Request {
            command = command == null ? "" : command;
        }
    }

    /** A response to the request with the same uid (the body is the payload). */
    public record Response() implements Message {
    }

    /**
     * An error answering the request with the same uid.
     *
     * @param code    application-specific code (uint32)
     * @param message the error text
     */
    public record ErrorReply(long code, String message) implements Message {
        public ErrorReply {
            if (code < 0 || code > 0xFFFF_FFFFL) {
                throw new InvalidEnvelopeException("error.code", "an error code is between 0 and 4294967295");
            }
            message = message == null ? "" : message;
        }
    }

    /** An application-level ping; the relay answers with a {@link Pong}. */
    public record Ping() implements Message {
    }

    /** The relay's answer to a {@link Ping}. */
    public record Pong() implements Message {
    }

    /** An envelope's body. */
    public sealed interface Payload permits Plain, Cipher {
        /** A copy of the body's bytes. */
        byte[] bytes();
    }

    /**
     * A body in clear.
     *
     * @param bytes the body (JSON for zos)
     */
    public record Plain(byte[] bytes) implements Payload {
        public Plain {
            bytes = bytes == null ? new byte[0] : bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Plain p && Arrays.equals(bytes, p.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Plain[" + bytes.length + " bytes]";
        }
    }

    /**
     * An end-to-end encrypted body (12-byte nonce and AES-GCM output, as the TS client writes it).
     *
     * @param bytes the ciphertext
     */
    public record Cipher(byte[] bytes) implements Payload {
        public Cipher {
            bytes = bytes == null ? new byte[0] : bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cipher c && Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Cipher[" + bytes.length + " bytes, " + HexFormat.of().formatHex(bytes, 0,
                    Math.min(4, bytes.length)) + "...]";
        }
    }
}
