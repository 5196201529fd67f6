package io.threebot.deployer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtpasswdCommandsTest {
    private final HtpasswdCommands commands = new HtpasswdCommands("/root/backup/.htpasswd", "/root/backup/");

    @ParameterizedTest
    @ValueSource(strings = {"alice_bot; rm -rf /", "alice_$(reboot)", "alice_bot`id`", "alice bot", "../etc_x",
        "alice_bot\nid", "Alice_bot", "alice_", "_bot", ""})
    void namesWithShellMetacharactersAreRefusedBeforeAnyCommandIsBuilt(String name) {
        assertThatThrownBy(() -> new BackupAccountName(name)).isInstanceOf(SshBackupException.class)
                .hasMessageContaining("not a valid backup account name");
    }

    @Test
    void passwordsStayOffTheCommandLine() {
        BackupAccountName account = new BackupAccountName("alice_mybot");
        assertThat(commands.create(account)).isEqualTo("htpasswd -i -B -C 10 '/root/backup/.htpasswd' 'alice_mybot'");
        assertThat(commands.verify(account)).isEqualTo("htpasswd -i -v '/root/backup/.htpasswd' 'alice_mybot'");
        assertThat(commands.delete(account)).isEqualTo(
                "htpasswd -D '/root/backup/.htpasswd' 'alice_mybot' && rm -rf -- '/root/backup/alice_mybot'");
    }

    @Test
    void quotingSurvivesARealShell() throws Exception {
        String nasty = "it's $(not) `run`; \"really\" \\ \n";
        Process sh = new ProcessBuilder("sh", "-c", "printf %s " + ShellQuote.quote(nasty)).start();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(nasty);
        assertThat(List.of(sh.exitValue())).containsExactly(0);
    }
}
