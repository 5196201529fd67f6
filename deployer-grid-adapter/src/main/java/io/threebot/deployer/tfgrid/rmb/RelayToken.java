package io.threebot.deployer.tfgrid.rmb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The token a twin logs in to an RMB relay with, put as the websocket URL's query ({@code wss://relay/?token}). It is
 * JWT-shaped as {@code @threefold/rmb_direct_client}'s {@code Client.newJWT} builds it: base64url (no padding) of the
 * header {@code {"alg":"RS512","typ":"JWT"}}, a dot, base64url of the claims
 * {@code {"sub":twin,"iat":seconds,"exp":seconds,"sid":session}} ({@code sid} left out when there is no session), a
 * dot, and base64url of {@code 'e'} followed by the ed25519 signature of the ASCII text before the second dot. The
 * relay (rmb-rs {@code token}) reads the claims, looks the twin up on chain and verifies the signature with its key.
 */
public final class RelayToken {
    /** The TS client's token lifetime: 1000 seconds. */
    public static final long DEFAULT_TTL_SECONDS = 1000;
    private static final int MAX_LENGTH = 4096;
    private static final String HEADER = "{\"alg\":\"RS512\",\"typ\":\"JWT\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RelayToken() {
    }

    /**
     * What a token says.
     *
     * @param twin      the twin logging in ({@code sub})
     * @param session   its session id ({@code sid}), or null
     * @param issuedAt  unix seconds ({@code iat})
     * @param expiresAt unix seconds ({@code exp})
     */
    public record Claims(long twin, String session, long issuedAt, long expiresAt) {
    }

    /** A token for the twin, signed with its key, valid from {@code issuedAt} for {@code ttlSeconds}. */
    public static String create(long twin, String session, Ed25519KeyPair key, long issuedAt, long ttlSeconds) {
        if (twin < 0 || twin > 0xFFFF_FFFFL) {
            throw new InvalidEnvelopeException("token.sub", "a twin id is between 0 and 4294967295");
        }
        if (issuedAt < 0 || ttlSeconds < 0 || issuedAt + ttlSeconds < 0) {
            throw new InvalidEnvelopeException("token.exp", "token times are unix seconds");
        }
        StringBuilder claims = new StringBuilder().append("{\"sub\":").append(twin).append(",\"iat\":")
                .append(issuedAt).append(",\"exp\":").append(issuedAt + ttlSeconds);
        if (session != null) {
            claims.append(",\"sid\":");
            jsonString(claims, session);
        }
        claims.append('}');
        String signed = b64(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        byte[] sig = key.sign(signed.getBytes(StandardCharsets.UTF_8));
        byte[] prefixed = new byte[65];
        prefixed[0] = Envelope.ED25519_PREFIX;
        System.arraycopy(sig, 0, prefixed, 1, 64);
        return signed + "." + b64(prefixed);
    }

    /** The claims of a token, its signature not checked (a relay reads them to find the twin's key). */
    public static Claims read(String token) {
        String[] parts = split(token);
        JsonNode header = json(parts[0], "token.header");
        if (!"RS512".equals(header.path("alg").asText(null))) {
            throw new InvalidEnvelopeException("token.header", "the token's alg is not RS512");
        }
        JsonNode claims = json(parts[1], "token.claims");
        long sub = unsigned(claims, "sub", 0xFFFF_FFFFL);
        long iat = unsigned(claims, "iat", Long.MAX_VALUE);
        long exp = unsigned(claims, "exp", Long.MAX_VALUE);
        JsonNode sid = claims.get("sid");
        if (sid != null && !sid.isNull() && !sid.isTextual()) {
            throw new InvalidEnvelopeException("token.sid", "the token's sid is not a string");
        }
        return new Claims(sub, sid == null || sid.isNull() ? null : sid.textValue(), iat, exp);
    }

    /**
     * The claims of a token whose signature verifies with the twin's 32-byte ed25519 key and which has not expired at
     * {@code nowSeconds}.
     */
    public static Claims verify(String token, byte[] publicKey, long nowSeconds) {
        Claims claims = read(token);
        String[] parts = split(token);
        byte[] sig = unb64(parts[2], "token.signature");
        if (sig.length != 65 || sig[0] != Envelope.ED25519_PREFIX) {
            throw new InvalidEnvelopeException("token.signature", "the token's signature is not an ed25519 one");
        }
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!Ed25519KeyPair.verify(publicKey, signed, Arrays.copyOfRange(sig, 1, 65))) {
            throw new InvalidEnvelopeException("token.signature", "the token's signature does not verify");
        }
        if (nowSeconds > claims.expiresAt()) {
            throw new InvalidEnvelopeException("token.exp", "the token has expired");
        }
        return claims;
    }

    private static String[] split(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            throw new InvalidEnvelopeException("token", "no token, or one longer than " + MAX_LENGTH);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidEnvelopeException("token", "a token has three parts");
        }
        return parts;
    }

    private static JsonNode json(String part, String field) {
        try {
            JsonNode node = JSON.readTree(unb64(part, field));
            if (node == null || !node.isObject()) {
                throw new InvalidEnvelopeException(field, field + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidEnvelopeException(field, field + " is not JSON", e);
        }
    }

    private static long unsigned(JsonNode claims, String name, long max) {
        JsonNode n = claims.get(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0 || n.longValue() > max) {
            throw new InvalidEnvelopeException("token." + name, "the token's " + name + " is not a valid number");
        }
        return n.longValue();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unb64(String part, String field) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvelopeException(field, field + " is not base64url");
        }
    }

    /** A JSON string as JavaScript's JSON.stringify writes it. */
    static void jsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
