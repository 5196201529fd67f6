package io.threebot.deployer.explorer;

import io.threebot.deployer.model.GridUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** The explorer's side of the signatures: HTTP requests, workloads, pool reservations and delete requests. */
final class SignatureVerifier {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final long SKEW_SECONDS = 300;

    private final LongFunction<Optional<GridUser>> users;

    SignatureVerifier(LongFunction<Optional<GridUser>> users) {
        this.users = users;
    }

    /**
     * The tid of the request's valid signature; empty when the request is unsigned.
     *
     * @throws io.threebot.deployer.grid.GridUnauthorizedException when a signature is present but wrong
     */
    Optional<Long> request(Optional<String> authorization, Optional<String> date, Optional<String> threebotId,
                           Instant now) {
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(authorization.get());
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        try {
            long tid = Long.parseLong(params.getOrDefault("keyId", ""));
            long created = Long.parseLong(params.getOrDefault("created", ""));
            long expires = Long.parseLong(params.getOrDefault("expires", ""));
            require(authorization.get().startsWith("Signature "), "not a Signature authorization");
            require("ed25519".equals(params.get("algorithm")), "the algorithm must be ed25519");
            require("(created) date threebot-id".equals(params.get("headers")), "wrong signed header list");
            require(threebotId.map(id -> id.equals(Long.toString(tid))).orElse(false),
                    "the threebot-id header must equal the keyId");
            require(date.isPresent(), "the Date header is missing");
            require(now.getEpochSecond() <= expires + SKEW_SECONDS && created <= now.getEpochSecond() + SKEW_SECONDS,
                    "the signature has expired");
            byte[] message = HttpSignature.signingString(created, date.get(), tid).getBytes(StandardCharsets.US_ASCII);
            require(verify(tid, Base64.getDecoder().decode(params.getOrDefault("signature", "")), message),
                    "the signature does not verify");
            return Optional.of(tid);
        } catch (IllegalArgumentException e) {
            throw new io.threebot.deployer.grid.GridUnauthorizedException("bad HTTP signature: " + e.getMessage());
        }
    }

    /** A customer signature over a workload challenge (the SHA-256 of it). */
    boolean workload(long tid, String signatureHex, String challenge) {
        return verify(tid, hex(signatureHex), WorkloadSigner.sha256(challenge));
    }

    /** A customer signature over a pool reservation's {@code json} text itself. */
    boolean pool(long tid, String signatureHex, String json) {
        return verify(tid, hex(signatureHex), json.getBytes(StandardCharsets.UTF_8));
    }

    boolean delete(long tid, String signatureHex, String storedChallenge) {
        return verify(tid, hex(signatureHex), WorkloadSigner.sha256(storedChallenge + "delete" + tid));
    }

    private boolean verify(long tid, byte[] signature, byte[] message) {
        Optional<GridUser> user = users.apply(tid);
        if (user.isEmpty() || signature.length != 64) {
            return false;
        }
        byte[] publicKey = HexFormat.of().parseHex(user.get().pubkeyHex());
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static void require(boolean condition, String why) {
        if (!condition) {
            throw new IllegalArgumentException(why);
        }
    }
}
