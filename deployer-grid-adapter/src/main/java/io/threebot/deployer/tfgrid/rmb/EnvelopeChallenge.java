package io.threebot.deployer.tfgrid.rmb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The MD5 an envelope's signature covers, in rmb-rs's order ({@code Envelope::challenge} in {@code src/types}) which
 * the TS client's {@code ClientEnvelope.challenge} follows: uid, tags (when set), timestamp and expiration in decimal,
 * source and destination (twin in decimal, then the connection when set; an absent address counts as twin 0), the
 * message (a request's command; an error's code in decimal and its message; nothing for a response, ping or pong),
 * schema and federation (when set), the payload's raw bytes, and each relay. Text as UTF-8, no separators.
 */
final class EnvelopeChallenge {
    private EnvelopeChallenge() {
    }

    static byte[] hash(Envelope e) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK has no MD5", ex);
        }
        text(md5, e.uid());
        if (e.tags() != null) {
            text(md5, e.tags());
        }
        text(md5, Long.toUnsignedString(e.timestamp()));
        text(md5, Long.toUnsignedString(e.expiration()));
        address(md5, e.source());
        address(md5, e.destination());
        Envelope.Message m = e.message();
        if (m instanceof Envelope.Request r) {
            text(md5, r.command());
        } else if (m instanceof Envelope.ErrorReply err) {
            text(md5, Long.toString(err.code()));
            text(md5, err.message());
        }
        if (e.schema() != null) {
            text(md5, e.schema());
        }
        if (e.federation() != null) {
            text(md5, e.federation());
        }
        if (e.payload() != null) {
            md5.update(e.payload().bytes());
        }
        for (String relay : e.relays()) {
            text(md5, relay);
        }
        return md5.digest();
    }

    private static void address(MessageDigest md5, Address a) {
        if (a == null) {
            text(md5, "0");
            return;
        }
        text(md5, Long.toString(a.twin()));
        if (a.connection() != null) {
            text(md5, a.connection());
        }
    }

    private static void text(MessageDigest md5, String s) {
        md5.update(s.getBytes(StandardCharsets.UTF_8));
    }
}
