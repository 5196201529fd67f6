package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.backup.BackupToken;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.ResultState;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeployFlowTest {
    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();

    @AfterEach
    void close() {
        deployer.close();
    }

    @Test
    void deploysA3BotEndToEndWithTheAutomaticPolicy() {
        ChatDriver chat = ChatDriver.start(deployer, "alice.3bot");
        ChatMessage last = chat.runToEnd(Map.of());

        assertThat(last.category()).isEqualTo(Category.END);
        assertThat(deployer.forOwner("alice").status(chat.sessionId())).isEqualTo(SessionStatus.FINISHED);
        List<Threebot> bots = Internals.storedThreebots(deployer, "alice.3bot");
        assertThat(bots).hasSize(1);
        Threebot bot = bots.get(0);
        assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(bot.name()).isEqualTo("mybot");
        assertThat(bot.identityName()).isEqualTo("alice_mybot");
        assertThat(bot.domain()).isIn("mybot.3bot.grid.tf", "mybot.3bot.toronto.grid.tf");
        assertThat(bot.url()).isEqualTo("https://" + bot.domain() + "/admin");
        assertThat(bot.ipAddress()).startsWith("10.100.");
        assertThat(bot.expiresAt()).isPresent();

        // the steps the user saw, in order, with progress during the long ones
        assertThat(chat.seen().stream().map(m -> m.info().title()).distinct()).containsExactly(
                "3Bot Name", "Deployer Information", "SSH key (Optional)", "Recovery Password",
                "Deployment location policy", "Deployment location", "Expiration", "Payment", "Setup", "Reservation",
                "Initializing", "Container Access", "Success");
        assertThat(chat.seen()).anyMatch(m -> m.busy() && m.payload().msg().contains("Capacity pool"));
        ChatMessage success = chat.seen().get(chat.seen().size() - 2);
        assertThat(success.info().finalStep()).isTrue();
        assertThat(success.payload().msg()).contains(bot.url()).contains(bot.ipAddress()).contains("RUNNING");
        ChatMessage download = chat.seen().stream().filter(m -> m.category() == Category.DOWNLOAD_FILE)
                .findFirst().orElseThrow();
        assertThat(download.payload().kwargs().get("data").toString()).contains("[Interface]", "PrivateKey = ",
                "Endpoint = ");

        // every workload of the 3Bot is up on the grid
        List<Workload> workloads = world.grid.listWorkloads(bot.identityTid());
        for (long id : bot.workloadIds()) {
            Workload w = world.grid.getWorkload(id).orElseThrow();
            assertThat(w.nextAction()).isEqualTo(NextAction.DEPLOY);
            assertThat(w.result().orElseThrow().state()).isEqualTo(ResultState.OK);
        }
        assertThat(workloads).filteredOn(w -> w.type() == WorkloadType.NETWORK_RESOURCE).isNotEmpty();
    }

    @Test
    void containerGetsTheEnvironmentAndSecretsTheOriginalPassed() {
        ChatDriver.start(deployer, "alice").runToEnd(Map.of("ssh_key",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop"));
        Threebot bot = Internals.storedThreebots(deployer, "alice").get(0);
        ContainerSpec container = (ContainerSpec) world.grid.getWorkload(bot.workloadIds().get(2)).orElseThrow()
                .spec();
        assertThat(container.environment()).containsKeys("SDK_VERSION", "INSTANCE_NAME", "THREEBOT_NAME", "DOMAIN",
                "SSHKEY", "TEST_CERT", "MARKETPLACE_URL", "DEFAULT_IDENTITY", "EMAIL_HOST", "EMAIL_HOST_USER",
                "ESCALATION_MAIL", "REMOTE_IP", "REMOTE_PORT", "ACME_SERVER_URL");
        assertThat(container.environment()).containsEntry("INSTANCE_NAME", "mybot")
                .containsEntry("THREEBOT_NAME", "alice").containsEntry("DOMAIN", bot.domain())
                .containsEntry("TEST_CERT", "false").containsEntry("DEFAULT_IDENTITY", "test")
                .containsEntry("MARKETPLACE_URL", "https://deploy3bot.grid.tf/");
        assertThat(container.environment().get("SSHKEY")).startsWith("ssh-ed25519 ");
        assertThat(container.secretEnvironment()).containsOnlyKeys("BACKUP_PASSWORD", "BACKUP_TOKEN",
                "EMAIL_HOST_PASSWORD", "TRC_SECRET", "THREEBOT_WALLET_SECRET");
        // the container gets the hardened secret, never the recovery password, and derives the registered key from it
        String secret = container.secretEnvironment().get("BACKUP_PASSWORD").value();
        assertThat(secret).hasSize(32).isNotEqualTo("correct horse").doesNotContain("correct");
        assertThat(IdentityKeys.fromSeed(KeyDerivation.legacySeed(secret)).publicKeyHex())
                .isEqualTo(world.grid.findUser(bot.identityName()).orElseThrow().pubkeyHex());
        assertThat(container.secretEnvironment().get("TRC_SECRET").value()).startsWith(bot.identityTid() + ":");
        assertThat(container.capacity().cpu()).isEqualTo(1);
        assertThat(container.capacity().memoryMib()).isEqualTo(2048);
        assertThat(container.capacity().diskMib()).isEqualTo(4096);
        assertThat(container.logs()).isEmpty();
        assertThat(container.toString()).doesNotContain("correct horse");

        // one backup token for the identity, stored only as a hash
        Versioned<BackupToken> token = world.store.get(BackupToken.KIND, "alice_mybot", BackupToken.class)
                .orElseThrow();
        String handedOut = container.secretEnvironment().get("BACKUP_TOKEN").value();
        assertThat(token.value().isFor(handedOut)).isTrue();
        assertThat(token.value().tokenSha256()).isNotEqualTo(handedOut).hasSize(64);
        assertThat(token.value().consumed()).as("the started 3Bot used it for its backup account").isTrue();

        // the journal shows a finished deployment
        DeploymentJournal journal = world.store.list(DeploymentJournal.KIND, DeploymentJournal.class).get(0).value();
        assertThat(journal.outcome()).isEqualTo(DeploymentJournal.Outcome.SUCCEEDED);
        assertThat(world.payments.receipts()).hasSize(1);
    }
}
