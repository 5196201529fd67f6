package io.threebot.deployer.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** Checks that a text is one OpenSSH public key line ({@code type base64 [comment]}). */
public final class SshPublicKeys {
    private static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshPublicKeys() {
    }

    /** Returns why the text is not a usable key, or empty when it is one. */
    public static Optional<String> problem(String text) {
        String line = text.trim();
        if (line.contains("\n")) {
            return Optional.of("give one key on one line");
        }
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 2) {
            return Optional.of("an OpenSSH public key looks like 'ssh-ed25519 AAAA... comment'");
        }
        if (!TYPES.contains(parts[0])) {
            return Optional.of("unsupported key type '" + abbreviate(parts[0]) + "'; use one of " + TYPES);
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.of("the key data is not valid base64");
        }
        if (!parts[0].equals(embeddedType(blob).orElse(""))) {
            return Optional.of("the key data does not hold a " + parts[0] + " key");
        }
        return Optional.empty();
    }

    private static Optional<String> embeddedType(byte[] blob) {
        if (blob.length < 4) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        int length = buffer.getInt();
        if (length <= 0 || length > buffer.remaining() || length > 64) {
            return Optional.empty();
        }
        byte[] type = new byte[length];
        buffer.get(type);
        return Optional.of(new String(type, StandardCharsets.US_ASCII));
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }
}
