package io.threebot.deployer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.redis.testkit.LocalRedis;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.testing.TestWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDeployTest {
    @TempDir
    Path dataDirectory;

    private final TestWorld world = TestWorld.sample();

    private String run(String... args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        world.ledger.payNothing();
        try (DemoRedis redis = DemoRedis.from(options.redis());
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            // a payment that is never made runs out at once; one the demo wallet makes has time to be seen on a
            // loaded machine
            Duration paymentTimeout = options.noPay() ? Duration.ofSeconds(1) : Duration.ofSeconds(30);
            ThreebotDeployer.Builder builder = world.builder(TestWorld.fastSettings()
                    .billing(BillingSettings.builder().paymentTimeout(paymentTimeout).build()).build());
            int status;
            try (ThreebotDeployer deployer = redis.configure(builder).build().start()) {
                status = new DemoDeploy(deployer, options.owner(), options.answers(), Optional.empty(), out,
                        dataDirectory, options.then(), redis.tail(out),
                        new DemoWallet(DemoWallet.Ledger.of(world.ledger), out, !options.noPay()), world.reachability)
                                .run();
            }
            return status + "\n" + bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void deploysFromCommandLineOptionsAndEndsWithTheUrlAndRunning() throws Exception {
        String output = run("--name", "demobot", "--size", "gold", "--password", "demo passphrase", "--location",
                "continent:Europe", "--days", "3");
        assertThat(output).startsWith("0\n");
        assertThat(output).contains("[1/13] 3Bot Name", "[8/13] Payment", "[9/13] Setup",
                "  ... Reserving a capacity pool", "[13/13] Success");
        assertThat(output).containsPattern("Pay [0-9.]+ TFT to " + SimulatedLedger.OPERATOR_ADDRESS)
                .containsPattern("memo [a-z0-9]{20}, before ")
                .contains("\u2588\u2588\u2588", "Paid ", "  ... Payment of ", "the demo user paid ");
        assertThat(world.ledger.netOf(DemoWallet.ADDRESS)).isNegative();
        assertThat(world.ledger.refunds()).isEmpty();
        assertThat(output).containsPattern("Your 3Bot 'demobot' is RUNNING at https://demobot\\.3bot\\.[a-z.]+/admin");
        assertThat(output).doesNotContain("> pw");
        assertThat(Files.readString(dataDirectory.resolve("apps.conf"))).contains("[Interface]");
    }

    @Test
    void withTheStellarWalletTheUserPaysRealTftOnAHorizonDoubleThroughTheSdk() throws Exception {
        DemoOptions options = DemoOptions.parse(new String[] {"--wallet", "stellar", "--name", "starbot",
                "--password", "demo passphrase"});
        assertThat(options.stellarWallet()).isTrue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status;
        try (StellarDemo stellar = StellarDemo.start(options.stellar(), java.util.Map.of());
             io.threebot.deployer.stellar.StellarUserPayments wallet = stellar.userPayments(world.store);
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            long before = stellar.userTft();
            ThreebotDeployer.Builder builder = world.builder(TestWorld.fastSettings().build()).userPayments(wallet);
            try (ThreebotDeployer deployer = builder.build().start()) {
                status = new DemoDeploy(deployer, options.owner(), options.answers(), Optional.empty(), out,
                        dataDirectory, options.then(), Optional.empty(),
                        new DemoWallet(DemoWallet.Ledger.of(stellar), out, true), world.reachability).run();
            }
            String output = bytes.toString(StandardCharsets.UTF_8);
            assertThat(status).as(output).isZero();
            assertThat(output).containsPattern("web\\+stellar:pay\\?destination=G[A-Z2-7]{55}&amount=[0-9.]+"
                    + "&asset_code=TFT&asset_issuer=G[A-Z2-7]{55}&memo=[a-z0-9]{20}&memo_type=MEMO_TEXT")
                    .contains("Paid ", "from the demo user's wallet " + stellar.userAccount().orElseThrow())
                    .contains("Your 3Bot 'starbot' is RUNNING");
            assertThat(stellar.userTft()).isLessThan(before);
        }
    }

    @Test
    void theWalletOptionsAreCheckedAndExcludeAGridServer() {
        assertThat(DemoOptions.parse(new String[] {"--stellar", "http://127.0.0.1:8000"}).stellar())
                .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8000));
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--wallet", "paypal"}))
                .hasMessageContaining("simulated or stellar");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--stellar", "horizon"}))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--wallet", "stellar", "--grid",
                "http://127.0.0.1:7310"})).hasMessageContaining("exclude each other");
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
        String output = run("--password", "demo passphrase", "--location", "farm:freefarm", "--then",
                "list,stop,list,start,resize:gold,move:farm:tokyo-hub,extend:3,destroy,list");
        assertThat(output).startsWith("0\n");
        assertThat(output).contains("> stop\n  3Bot 'mybot' is STOPPED");
        assertThat(output).contains("> resize:gold").contains("is RUNNING (Gold on freefarm");
        assertThat(output).contains("is RUNNING (Gold on tokyo-hub");
        java.util.regex.Matcher downtime = java.util.regex.Pattern.compile(
                "downtime: https://mybot\\S+ did not answer for (\\d+\\.\\d) s of the (\\d+\\.\\d) s the operation took")
                .matcher(output);
        int measured = 0;
        while (downtime.find()) {
            measured++;
            assertThat(Double.parseDouble(downtime.group(1))).as("down no longer than the operation took")
                    .isLessThanOrEqualTo(Double.parseDouble(downtime.group(2)) + 0.1);
        }
        assertThat(measured).as("resize and move are measured").isEqualTo(2);
        assertThat(output).contains("> destroy\n  3Bot 'mybot' is DELETED");
        assertThat(output).containsPattern("mybot +DELETED");
    }

    @Test
    void tailFollowsTheContainerOutputOnRedis() throws Exception {
        assertTrue(LocalRedis.available(), "redis-server is not installed (scripts/test.sh installs it)");
        String output = run("--password", "demo passphrase", "--redis", "local", "--then", "tail:1");
        assertThat(output).startsWith("0\n")
                .contains("following demo-threebot-mybot-stdout and -stderr on redis://127.0.0.1:")
                .contains("out| Starting 3Bot mybot", "out| Installing packages: admin, backup, threebot_deployer",
                        "out| Registering identity demo_mybot", "err| warning: no e-mail server configured")
                .containsPattern("out\\| 3Bot is up at https://mybot\\.3bot\\.")
                .contains("6 lines received, 0 dropped");
    }

    @Test
    void aUserWhoNeverPaysGetsNothingAndTheOperatorPaysNothing() throws Exception {
        String output = run("--password", "demo passphrase", "--no-pay");
        assertThat(output).startsWith("1\n").contains("(--no-pay: the demo user does not pay)")
                .contains("Deployment stopped: Your payment of").contains("nothing was bought")
                .contains("The demo user paid 0 TFT in all");
        assertThat(output).doesNotContain("Reserving a capacity pool");
        assertThat(world.payments.receipts()).as("the operator paid nothing").isEmpty();
        assertThat(world.grid.findUser("demo_mybot")).hasValueSatisfying(
                user -> assertThat(world.grid.listPools(user.id())).isEmpty());
    }

    @Test
    void aFailingCommandStopsWithItsReason() throws Exception {
        String output = run("--password", "demo passphrase", "--then", "start");
        assertThat(output).startsWith("1\n").contains("! 3Bot 'mybot' cannot start: it is running; stop it first.");
    }

    @Test
    void autoRenewTurnsOnAndOffAndRefusesZeroDays() throws Exception {
        String output = run("--password", "demo passphrase", "--then", "renew:on:7,renew:off,renew:off,renew:on:0");
        assertThat(output).startsWith("1\n")
                .contains("auto-renew is on: when its pool runs low, the owner is asked to pay for 7 more days")
                .contains("  auto-renew is off\n").contains("  auto-renew was off\n")
                .contains("! Auto-renew buys 1 to 365 days at a time, not 0.");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--then", "renew"}))
                .hasMessageContaining("e.g. renew:on");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--then", "move:moon"}))
                .hasMessageContaining("continent:NAME, farm:NAME or node:ID");
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
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--then", "tail:3"}))
                .hasMessageContaining("tail needs --redis");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--redis", "nowhere"}))
                .hasMessageContaining("HOST:PORT or local");
    }
}
