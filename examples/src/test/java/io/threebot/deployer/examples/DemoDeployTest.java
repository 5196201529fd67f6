package io.threebot.deployer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.testing.TestWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDeployTest {
    @TempDir
    Path dataDirectory;

    private String run(String... args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ThreebotDeployer deployer = TestWorld.sample().deployer();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            int status = new DemoDeploy(deployer, options.owner(), options.answers(), Optional.empty(), out,
                    dataDirectory, options.then()).run();
            return status + "\n" + bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void deploysFromCommandLineOptionsAndEndsWithTheUrlAndRunning() throws Exception {
        String output = run("--name", "demobot", "--size", "gold", "--password", "pw", "--location",
                "continent:Europe", "--days", "3");
        assertThat(output).startsWith("0\n");
        assertThat(output).contains("[1/12] 3Bot Name", "[8/12] Setup", "  ... Reserving a capacity pool",
                "[12/12] Success");
        assertThat(output).containsPattern("Your 3Bot 'demobot' is RUNNING at https://demobot\\.3bot\\.[a-z.]+/admin");
        assertThat(output).doesNotContain("> pw");
        assertThat(Files.readString(dataDirectory.resolve("apps.conf"))).contains("[Interface]");
    }

    @Test
    void missingAnswersTakeDefaultsWithoutATerminal() throws Exception {
        String output = run();
        assertThat(output).startsWith("0\n").contains("Generated a recovery password for this demo: ")
                .contains("Your 3Bot 'mybot' is RUNNING");
    }

    @Test
    void aBadAnswerStopsWithTheReasonWhenNobodyCanRetype() throws Exception {
        String output = run("--name", "Bad Name");
        assertThat(output).startsWith("2\n").contains("! Use lowercase letters and digits only");
    }

    @Test
    void lifecycleCommandsRunAfterTheDeploy() throws Exception {
        String output = run("--password", "pw", "--location", "farm:freefarm", "--then",
                "list,stop,list,start,resize:gold,move:tokyo-hub,extend:3,destroy,list");
        assertThat(output).startsWith("0\n");
        assertThat(output).contains("> stop\n  3Bot 'mybot' is STOPPED");
        assertThat(output).contains("> resize:gold").contains("is RUNNING (Gold on freefarm");
        assertThat(output).contains("is RUNNING (Gold on tokyo-hub");
        assertThat(output).contains("> destroy\n  3Bot 'mybot' is DELETED");
        assertThat(output).containsPattern("mybot +DELETED");
    }

    @Test
    void aFailingCommandStopsWithItsReason() throws Exception {
        String output = run("--password", "pw", "--then", "start");
        assertThat(output).startsWith("1\n").contains("! 3Bot 'mybot' cannot start: it is running; stop it first.");
    }

    @Test
    void badOptionsAreExplained() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--then", "fly"})).hasMessageContaining("unknown");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--then", "resize"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--size", "Diamond"}))
                .hasMessageContaining("Silver, Gold or Platinum");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--location", "farm:"}))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--name"})).hasMessageContaining("needs a value");
    }
}
