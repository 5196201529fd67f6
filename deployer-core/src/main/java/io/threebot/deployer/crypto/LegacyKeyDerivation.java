package io.threebot.deployer.crypto;

import java.nio.charset.StandardCharsets;

/** The original deployer's derivation: the container is given the recovery password itself. */
final class LegacyKeyDerivation implements KeyDerivation {
    @Override
    public String containerSecret(String identityName, String password) {
        zfill(password);
        return password;
    }

    static byte[] zfill(String secret) {
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        if (raw.length == 0 || raw.length > 32) {
            throw new IllegalArgumentException("the container secret must be 1 to 32 bytes");
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
