package io.threebot.deployer.spi;

/** Seals secret answers before a session is stored, and opens them for the steps that need them. */
public interface SecretSealer {

    String seal(String secret);

    String unseal(String sealed);
}
