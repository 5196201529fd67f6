package io.threebot.deployer.explorer;

import io.threebot.deployer.crypto.IdentityKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The HTTP signature the explorer expects on every request: ed25519 over {@code (created)}, {@code date} and
 * {@code threebot-id}, with {@code keyId} the caller's tid.
 *
 * @param date          the value of the {@code Date} header to send
 * @param authorization the value of the {@code Authorization} header to send
 * @param threebotId    the value of the {@code threebot-id} header to send
 */
record HttpSignature(String date, String authorization, String threebotId) {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final long VALIDITY_SECONDS = 60;

    /** Signs a request made now by the identity. */
    public static HttpSignature sign(IdentityKeys keys, long tid, Instant now) {
        long created = now.getEpochSecond();
        String date = RFC_1123.format(Instant.ofEpochSecond(created));
        byte[] signature = keys.sign(signingString(created, date, tid).getBytes(StandardCharsets.US_ASCII));
        String authorization = "Signature keyId=\"" + tid + "\",algorithm=\"ed25519\",signature=\""
                + Base64.getEncoder().encodeToString(signature) + "\",created=\"" + created + "\",expires=\""
                + (created + VALIDITY_SECONDS) + "\",headers=\"(created) date threebot-id\"";
        return new HttpSignature(date, authorization, Long.toString(tid));
    }

    /** The three signed lines, joined by a newline with none at the end. */
    static String signingString(long created, String date, long tid) {
        return "(created): " + created + "\ndate: " + date + "\nthreebot-id: " + tid;
    }
}
