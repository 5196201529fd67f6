package io.threebot.deployer.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshPublicKeysTest {
    private static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    @Test
    void acceptsAKeyWithOrWithoutComment() {
        assertThat(SshPublicKeys.problem(ED25519)).isEmpty();
        assertThat(SshPublicKeys.problem("  " + ED25519 + " alice@laptop\n")).isEmpty();
    }

    @Test
    void refusesTwoKeysAndPrivateKeys() {
        assertThat(SshPublicKeys.problem(ED25519 + "\n" + ED25519)).contains("give one key on one line");
        assertThat(SshPublicKeys.problem("-----BEGIN OPENSSH PRIVATE KEY-----")).isPresent();
    }
}
