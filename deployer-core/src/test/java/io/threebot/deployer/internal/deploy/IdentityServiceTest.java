package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.spi.GridIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityServiceTest {
    private final AtomicInteger derivations = new AtomicInteger();
    private final KeyDerivation counted = new KeyDerivation() {
        private final KeyDerivation hardened = KeyDerivation.hardened(1_000);

        @Override
        public String containerSecret(String identityName, String password) {
            derivations.incrementAndGet();
            return hardened.containerSecret(identityName, password);
        }
    };
    private final IdentityService identities = new IdentityService(
            SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ZERO), counted);

    @Test
    void aDeploymentsStepsDeriveTheKeysOnceAndTheContainerSecretOnce() {
        GridIdentity registered = identities.ensureRegistered("ann_bot", "correct horse battery");
        GridIdentity again = identities.ensureRegistered("ann_bot", "correct horse battery");
        String secret = identities.containerSecret("ann_bot", "correct horse battery");

        assertThat(again.keys().publicKeyHex()).isEqualTo(registered.keys().publicKeyHex());
        assertThat(identities.containerSecret("ann_bot", "correct horse battery")).isEqualTo(secret);
        assertThat(derivations).as("one for the keys, one for the container's secret").hasValue(2);
    }

    @Test
    void anotherPasswordOrIdentityIsDerivedAfreshAndAWrongPasswordStillOpensNothing() {
        identities.ensureRegistered("ann_bot", "correct horse battery");

        assertThatThrownBy(() -> identities.registered("ann_bot", "wrong horse battery"))
                .isInstanceOf(GridConflictException.class);
        assertThatThrownBy(() -> identities.registered("ann_bot", "wrong horse battery"))
                .as("asked again, still refused").isInstanceOf(GridConflictException.class);
        identities.ensureRegistered("bob_bot", "correct horse battery");

        assertThat(derivations).as("ann's, the wrong password's, bob's").hasValue(3);
    }
}
