package io.threebot.deployer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.backup.BackupAccessDeniedException;
import io.threebot.deployer.backup.BackupInitRequest;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.ssh.testkit.LocalSshd;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole backup story on real OpenSSH servers: a 3Bot is deployed, asks for its backup account with the
 * token it was deployed with, and loses the account on both servers when its owner destroys it.
 */
class BackupEndToEndIT {
    private static LocalSshd first;
    private static LocalSshd second;

    @BeforeAll
    static void start() {
        assertTrue(LocalSshd.available(), "OpenSSH server is not installed (scripts/test.sh installs it)");
        first = LocalSshd.start("e2e-backup1").withEmptyPasswordFile();
        second = LocalSshd.start("e2e-backup2").withEmptyPasswordFile();
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
            second.close();
        }
    }

    @Test
    void deployInitAndDestroyReachBothBackupServers() {
        TestWorld world = TestWorld.sample();
        DeployerSettings settings = TestWorld.fastSettings().build();
        String password = ChatDriver.DEFAULTS.get("password");
        try (SshBackupServers backups = SshBackupServers.connect(SshBackupConfig.of(List.of(
                first.server("backup1").address("203.0.113.1").build(),
                second.server("backup2").address("203.0.113.2").build())));
             ThreebotDeployer deployer = world.builder(settings).backups(backups).build().start()) {
            assertThat(ChatDriver.start(deployer, "alice").runToEnd(Map.of()).category()).isEqualTo(Category.END);
            Threebot bot = Internals.storedThreebots(deployer, "alice").get(0);
            ContainerSpec container = (ContainerSpec) world.grid.getWorkload(bot.workloadIds().get(2)).orElseThrow()
                    .spec();
            String token = container.secretEnvironment().get("BACKUP_TOKEN").value();
            String backupPassword = container.secretEnvironment().get("BACKUP_PASSWORD").value();

            // the simulated 3Bot set up its account on its first start, as the stock entrypoint does
            assertThat(first.htpasswdLines()).singleElement().asString().startsWith("alice_mybot:$2y$");
            assertThat(second.htpasswdLines()).singleElement().asString().startsWith("alice_mybot:$2y$");

            IdentityKeys botKeys = IdentityKeys.fromSeed(settings.keyDerivation().seed(bot.identityName(), password));
            byte[] deployerKey = Base64.getDecoder().decode(deployer.backups().publicKey());
            String sealed = Base64.getEncoder().encodeToString(NaCl.box(NaCl.curvePrivateKey(botKeys.seed()),
                    deployerKey, backupPassword.getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> deployer.backups().init(BackupInitRequest.create(bot.identityName() + ".3bot",
                    sealed, token))).as("the one-time token was used by the 3Bot")
                    .isInstanceOf(BackupAccessDeniedException.class);
            assertThat(deployer.backups().init(BackupInitRequest.existing(bot.identityName(), sealed)))
                    .containsExactly("203.0.113.1", "203.0.113.2");

            Threebot destroyed = Internals.lifecycle(deployer).destroy("alice", bot.uuid(), password);
            assertThat(destroyed.state()).isEqualTo(ThreebotState.DELETED);
            assertThat(first.htpasswdLines()).isEmpty();
            assertThat(second.htpasswdLines()).isEmpty();
        }
    }
}
