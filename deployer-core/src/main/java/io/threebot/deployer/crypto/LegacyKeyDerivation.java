package io.threebot.deployer.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The original deployer's derivation: the password's UTF-8 bytes left-padded with ASCII '0' to 32 bytes (a leading
 * '+' or '-' stays in front, as Python's {@code bytes.zfill} does) are the seed itself. Anyone who knows the public
 * key can test passwords offline against it, so use it only for 3Bots made by the original deployer.
 */
final class LegacyKeyDerivation implements KeyDerivation {
    @Override
    public byte[] seed(String identityName, String password) {
        byte[] raw = password.getBytes(StandardCharsets.UTF_8);
        if (raw.length == 0 || raw.length > 32) {
            throw new IllegalArgumentException("the legacy key derivation takes a password of 1 to 32 bytes");
        }
        byte[] seed = new byte[32];
        int pad = 32 - raw.length;
        boolean signed = raw[0] == '+' || raw[0] == '-';
        int at = 0;
        if (signed) {
            seed[at++] = raw[0];
        }
        for (int i = 0; i < pad; i++) {
            seed[at++] = '0';
        }
        System.arraycopy(raw, signed ? 1 : 0, seed, at, raw.length - (signed ? 1 : 0));
        return seed;
    }
}
