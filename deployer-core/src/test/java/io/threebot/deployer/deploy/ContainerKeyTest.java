package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.support.InMemoryBackupServers;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated container does what the stock 3Bot entrypoint does: it derives its identity key from the secret it
 * is given and refuses to start when the grid has another key. Both derivations must pass it end to end.
 */
class ContainerKeyTest {
    private final TestWorld world = TestWorld.sample();

    private final InMemoryBackupServers backups = new InMemoryBackupServers(List.of("b1", "b2"));

    private ChatMessage deployWith(KeyDerivation derivation, String password) {
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().keyDerivation(derivation)
                .deployAttempts(1).build()).backups(backups).build().start()) {
            return ChatDriver.start(deployer, "kim").runToEnd(Map.of("password", password));
        }
    }

    private ContainerSpec container() {
        long tid = world.grid.findUser("kim_mybot").orElseThrow().id();
        return world.grid.listWorkloads(tid).stream().filter(w -> w.type() == WorkloadType.CONTAINER)
                .map(w -> (ContainerSpec) w.spec()).findFirst().orElseThrow();
    }

    @Test
    void theHardenedModeGivesTheContainerASecretThatOpensTheRegisteredIdentity() {
        ChatMessage end = deployWith(KeyDerivation.hardened(1_000), "correct horse battery");
        assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
        assertThat(container().secretEnvironment().get("BACKUP_PASSWORD").value()).hasSize(32)
                .doesNotContain("correct");
        // the started container set up its backup account with its secret and the token it was given
        String secret = container().secretEnvironment().get("BACKUP_PASSWORD").value();
        assertThat(backups.verifyUser("kim_mybot", Secret.of(secret))).isTrue();
        assertThat(backups.verifyUser("kim_mybot", Secret.of("correct horse battery"))).isFalse();
    }

    @Test
    void theLegacyModeGivesTheContainerThePasswordAsTheOriginalDid() {
        ChatMessage end = deployWith(KeyDerivation.legacy(), "correct horse battery");
        assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
        assertThat(container().secretEnvironment().get("BACKUP_PASSWORD").value()).isEqualTo("correct horse battery");
        assertThat(backups.verifyUser("kim_mybot", Secret.of("correct horse battery"))).isTrue();
    }

    @Test
    void aContainerGivenASecretThatDerivesAnotherKeyFailsToStartAndTheDeployIsUndone() {
        KeyDerivation mismatched = new KeyDerivation() {
            @Override
            public String containerSecret(String identityName, String password) {
                return password;
            }

            @Override
            public byte[] seed(String identityName, String password) {
                return KeyDerivation.hardened(1_000).seed(identityName, password);
            }
        };
        ChatMessage end = deployWith(mismatched, "correct horse battery");
        assertThat(end.category()).isEqualTo(Category.ERROR);
        assertThat(end.payload().msg()).contains("registered with another key than its BACKUP_PASSWORD derives")
                .contains("refunded in full");
        assertThat(world.store.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATED));
        assertThat(world.store.list(ThreebotRepository.KIND, Threebot.class)).isEmpty();
    }
}
