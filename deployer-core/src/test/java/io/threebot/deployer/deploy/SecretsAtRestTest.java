package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.NetworkResourceSpec;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret the deployer handles is at rest in the clear: every file it writes during a deploy, a stop, a start and a
 * destroy is scanned for every secret of that 3Bot, as text, hex and base64, after each step.
 */
class SecretsAtRestTest {
    private static final String PASSWORD = "very distinctive passphrase";
    /** Key files by design: the sealing key and the deployer's own identity seed (mode 600). */
    private static final Set<String> KEY_FILES = Set.of("secret.key", "deployer-identity.key");

    @TempDir
    Path dataDirectory;

    @Test
    void noFileTheDeployerWritesHoldsASecretInTheClear() throws Exception {
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        Set<String> secrets = new LinkedHashSet<>(List.of(PASSWORD));
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatDriver chat = ChatDriver.start(deployer, "sam");
            chat.answerUntil("wireguard", Map.of("password", PASSWORD));
            String wireGuard = String.valueOf(chat.current().payload().kwargs().get("data"));
            secrets.add(wireGuard.lines().filter(l -> l.startsWith("PrivateKey")).findFirst().orElseThrow()
                    .split("=", 2)[1].strip());
            collectGridSecrets(world, secrets);
            assertNoneAtRest(secrets, "while the user is on the WireGuard step");
            assertThat(ChatDriver.resume(deployer, "sam", chat.sessionId()).current().payload().kwargs().get("data"))
                    .as("the stored message opens again for the user").isEqualTo(wireGuard);

            ChatMessage end = chat.runToEnd(Map.of());
            assertThat(end.category()).isEqualTo(Category.END);
            assertNoneAtRest(secrets, "after the deploy");

            ThreebotService bots = Internals.lifecycle(deployer);
            Threebot bot = Internals.storedThreebots(deployer, "sam").get(0);
            bots.stop("sam", bot.uuid(), PASSWORD);
            assertNoneAtRest(secrets, "after a stop");
            Threebot started = bots.start("sam", bot.uuid(), PASSWORD, Optional.empty(), Progress.silent());
            collectGridSecrets(world, secrets);
            assertNoneAtRest(secrets, "after a start");
            bots.destroy("sam", started.uuid(), PASSWORD);
            assertNoneAtRest(secrets, "after a destroy");
        }
        assertThat(secrets).as("secrets handled").hasSizeGreaterThan(6);
    }

    @Test
    void keyFilesLeftEmptyByAFullDiskAreReplacedAndTheDeployerStarts() throws Exception {
        for (String name : KEY_FILES) {
            Files.createFile(dataDirectory.resolve(name));
        }
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        try (ThreebotDeployer deployer = world.deployer()) {
            assertThat(Internals.storedThreebots(deployer, "sam")).isEmpty();
        }
        for (String name : KEY_FILES) {
            assertThat(Base64.getDecoder().decode(Files.readString(dataDirectory.resolve(name)).strip()))
                    .as(name).hasSize(32);
        }
    }

    /** The container's secret environment, the network keys and the identity seed of the 3Bot. */
    private void collectGridSecrets(TestWorld world, Set<String> secrets) {
        long tid = world.grid.findUser("sam_mybot").orElseThrow().id();
        for (Workload w : world.grid.listWorkloads(tid)) {
            if (w.spec() instanceof ContainerSpec c) {
                c.secretEnvironment().values().stream().map(s -> s.value()).filter(v -> v.length() >= 8)
                        .forEach(secrets::add);
            } else if (w.spec() instanceof NetworkResourceSpec n) {
                secrets.add(n.wireguardPrivateKey().value());
            }
        }
        byte[] seed = TestWorld.fastSettings().build().keyDerivation().seed("sam_mybot", PASSWORD);
        secrets.add(HexFormat.of().formatHex(seed));
        secrets.add(Base64.getEncoder().encodeToString(seed));
        secrets.add(KeyDerivation.hardened(1_000).containerSecret("sam_mybot", PASSWORD));
    }

    private void assertNoneAtRest(Set<String> secrets, String when) throws IOException {
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            forms.add(secret);
            forms.add(HexFormat.of().formatHex(bytes));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (KEY_FILES.contains(file.getFileName().toString())) {
                    continue;
                }
                String content;
                try {
                    content = Files.readString(file, StandardCharsets.ISO_8859_1);
                } catch (java.nio.file.NoSuchFileException released) {
                    continue; // a lease released while the scan ran
                }
                for (String form : forms) {
                    assertThat(content).as("%s: %s holds a secret in the clear", when,
                            dataDirectory.relativize(file)).doesNotContain(form);
                }
            }
        }
    }
}
