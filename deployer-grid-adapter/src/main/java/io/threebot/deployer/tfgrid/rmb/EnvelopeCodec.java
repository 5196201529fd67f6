package io.threebot.deployer.tfgrid.rmb;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.threebot.deployer.tfgrid.rmb.proto.RmbWire;
import java.util.ArrayList;
import java.util.List;

/** {@link Envelope} to and from the protobuf classes protoc generates from {@code rmb_types.proto}. */
@SuppressWarnings("deprecation") // federation and relays are deprecated by rmb-rs, and still signed
final class EnvelopeCodec {
    private static final int MAX_RELAYS = 64;

    private EnvelopeCodec() {
    }

    static byte[] encode(Envelope e) {
        RmbWire.Envelope.Builder b = RmbWire.Envelope.newBuilder()
                .setUid(e.uid())
                .setTimestamp(e.timestamp())
                .setExpiration(e.expiration());
        if (e.tags() != null) {
            b.setTags(e.tags());
        }
        if (e.source() != null) {
            b.setSource(address(e.source()));
        }
        if (e.destination() != null) {
            b.setDestination(address(e.destination()));
        }
        Envelope.Message m = e.message();
        if (m instanceof Envelope.Request r) {
            b.setRequest(RmbWire.Request.newBuilder().setCommand(r.command()));
        } else if (m instanceof Envelope.Response) {
            b.setResponse(RmbWire.Response.getDefaultInstance());
        } else if (m instanceof Envelope.ErrorReply err) {
            b.setError(RmbWire.Error.newBuilder().setCode((int) err.code()).setMessage(err.message()));
        } else if (m instanceof Envelope.Ping) {
            b.setPing(RmbWire.Ping.getDefaultInstance());
        } else if (m instanceof Envelope.Pong) {
            b.setPong(RmbWire.Pong.getDefaultInstance());
        }
        byte[] signature = e.signature();
        if (signature != null) {
            b.setSignature(ByteString.copyFrom(signature));
        }
        if (e.schema() != null) {
            b.setSchema(e.schema());
        }
        if (e.federation() != null) {
            b.setFederation(e.federation());
        }
        if (e.payload() instanceof Envelope.Plain p) {
            b.setPlain(ByteString.copyFrom(p.bytes()));
        } else if (e.payload() instanceof Envelope.Cipher c) {
            b.setCipher(ByteString.copyFrom(c.bytes()));
        }
        b.addAllRelays(e.relays());
        return b.build().toByteArray();
    }

    private static RmbWire.Address address(Address a) {
        RmbWire.Address.Builder b = RmbWire.Address.newBuilder().setTwin((int) a.twin());
        if (a.connection() != null) {
            b.setConnection(a.connection());
        }
        return b.build();
    }

    static Envelope decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidEnvelopeException("envelope", "no envelope bytes");
        }
        if (bytes.length > Envelope.MAX_BYTES) {
            throw new InvalidEnvelopeException("envelope", "an envelope of " + bytes.length
                    + " bytes is more than the " + Envelope.MAX_BYTES + " taken");
        }
        RmbWire.Envelope w;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(16);
            in.setSizeLimit(Envelope.MAX_BYTES);
            w = RmbWire.Envelope.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (java.io.IOException e) {
            throw new InvalidEnvelopeException("envelope", "the bytes are not an RMB envelope", e);
        }
        if (w.getRelaysCount() > MAX_RELAYS) {
            throw new InvalidEnvelopeException("relays", "an envelope names more than " + MAX_RELAYS + " relays");
        }
        Envelope.Message message = switch (w.getMessageCase()) {
            case REQUEST -> new Envelope.Request(w.getRequest().getCommand());
            case RESPONSE -> new Envelope.Response();
            case ERROR -> new Envelope.ErrorReply(Integer.toUnsignedLong(w.getError().getCode()),
                    w.getError().getMessage());
            case PING -> new Envelope.Ping();
            case PONG -> new Envelope.Pong();
            case MESSAGE_NOT_SET -> null;
        };
        Envelope.Payload payload = switch (w.getPayloadCase()) {
            case PLAIN -> new Envelope.Plain(w.getPlain().toByteArray());
            case CIPHER -> new Envelope.Cipher(w.getCipher().toByteArray());
            case PAYLOAD_NOT_SET -> null;
        };
        List<String> relays = new ArrayList<>(w.getRelaysList());
        return new Envelope(w.getUid(), w.hasTags() ? w.getTags() : null, w.getTimestamp(), w.getExpiration(),
                w.hasSource() ? address(w.getSource()) : null,
                w.hasDestination() ? address(w.getDestination()) : null,
                message, w.hasSignature() ? w.getSignature().toByteArray() : null,
                w.hasSchema() ? w.getSchema() : null, w.hasFederation() ? w.getFederation() : null, payload, relays);
    }

    private static Address address(RmbWire.Address a) {
        return new Address(Integer.toUnsignedLong(a.getTwin()), a.hasConnection() ? a.getConnection() : null);
    }
}
