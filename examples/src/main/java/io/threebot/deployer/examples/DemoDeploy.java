package io.threebot.deployer.examples;

import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.explorer.ExplorerGridClient;
import io.threebot.deployer.explorer.ExplorerSettings;
import io.threebot.deployer.explorer.ExplorerSimulator;
import io.threebot.deployer.files.AtomicFiles;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.stellar.StellarUserPayments;
import io.threebot.deployer.store.FileStateStore;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys a 3Bot on the embedded simulated grid through the same chat a web host would show, answering from
 * command-line options or, on a terminal, from the keyboard. Prints each step and the progress of long steps,
 * and ends with the 3Bot's address and state.
 */
public final class DemoDeploy {
    private final ThreebotDeployer deployer;
    /** The demo user's handle: every chat and 3Bot call goes through it. */
    private final OwnerDeployer me;
    private final Map<String, String> answers;
    private final Optional<Console> console;
    private final PrintStream out;
    private final Path dataDirectory;
    private final List<String> then;
    private final Optional<TailCommand> tail;
    private final DemoWallet wallet;
    private int shownStep;
    /** Probes the 3Bot's address while resize and move run, to show how long it did not answer. */
    private final ReachabilityProbe downtimeProbe;

    DemoDeploy(ThreebotDeployer deployer, String owner, Map<String, String> answers, Optional<Console> console,
               PrintStream out, Path dataDirectory, List<String> then, Optional<TailCommand> tail, DemoWallet wallet,
               ReachabilityProbe downtimeProbe) {
        this.downtimeProbe = downtimeProbe;
        this.wallet = wallet;
        this.then = then;
        this.tail = tail;
        this.deployer = deployer;
        this.me = deployer.forOwner(owner);
        this.answers = new HashMap<>(answers);
        this.console = console;
        this.out = out;
        this.dataDirectory = dataDirectory;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        Map<String, String> answers = new HashMap<>(options.answers());
        if (options.sshKeyFile().isPresent()) {
            answers.put("ssh_key", Files.readString(options.sshKeyFile().get()));
        }
        Path data = options.dataDirectory().isPresent() ? options.dataDirectory().get()
                : Files.createTempDirectory("threebot-demo-");
        DeployerSettings.Builder configured = DeployerSettings.builder().fromEnvironment(System.getenv());
        if (options.noPay()) {
            configured.billing(BillingSettings.builder().paymentTimeout(Duration.ofSeconds(20)).build());
        }
        DeployerSettings settings = configured.build();
        int status = options.grid().isPresent()
                ? runOnGridServer(options, answers, data, settings)
                : options.tfgrid().isPresent() ? runOnV3(options, answers, data, settings)
                : runEmbedded(options, answers, data, settings);
        System.exit(status);
    }

    /** The demo on a grid embedded in this process (in memory, or over HTTP with {@code --over-http}). */
    private static int runEmbedded(DemoOptions options, Map<String, String> answers, Path data,
                                   DeployerSettings settings) throws Exception {
        SimulatedGrid grid = SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(200));
        SimulatedLedger ledger = new SimulatedLedger(Clock.systemUTC());
        ThreebotDeployer.Builder builder = ThreebotDeployer.builder().dataDirectory(data).settings(settings)
                .simulation(grid, Duration.ofSeconds(1)).userPayments(ledger);
        DemoWallet.Ledger userLedger = DemoWallet.Ledger.of(ledger);
        try (ExplorerSimulator explorer = ExplorerSimulator.start(grid, 100);
             ExplorerGridClient client = new ExplorerGridClient(ExplorerSettings.builder(explorer.baseUrl()).build());
             DemoRedis redis = DemoRedis.from(options.redis());
             // with Stellar, the deployer and the wallet share one store: the cursor and refund journal sit beside
             // the payment requests
             FileStateStore store = options.stellarWallet() ? new FileStateStore(data) : null;
             StellarDemo stellar = options.stellarWallet() ? StellarDemo.start(options.stellar(), System.getenv())
                     : null;
             StellarUserPayments stellarWallet = stellar == null ? null
                     : stellar.userPayments(store)) {
            if (options.overHttp()) {
                builder = builder.grid(client);
            }
            if (stellar != null) {
                builder = builder.store(store).userPayments(stellarWallet);
                userLedger = DemoWallet.Ledger.of(stellar);
            }
            try (ThreebotDeployer deployer = redis.configure(builder).build().start()) {
                System.out.println("Threebot Deployer demo: deploying on the embedded simulated grid"
                        + (options.overHttp() ? " over HTTP through the explorer simulator at " + explorer.baseUrl()
                        : "") + " (state in " + data + ")");
                if (stellar != null) {
                    System.out.println("Payments: " + stellar.describe());
                }
                redis.describe(System.out);
                boolean pays = !options.noPay() && (stellar == null || stellar.userPays());
                return new DemoDeploy(deployer, ThreebotDeployer.owner(options.owner()), answers,
                        Optional.ofNullable(System.console()), System.out, data, options.then(),
                        redis.tail(System.out), new DemoWallet(userLedger, System.out, pays),
                        new SimulatedReachability(grid, Duration.ofSeconds(1))).run();
            }
        }
    }

    /**
     * The demo on a local TFGrid v3 ({@code --tfgrid v3}: embedded in this process; {@code --tfgrid substrate=...}:
     * a V3GridServer of one's own): each 3Bot gets its own twin, funded from the operator's account with what its
     * user paid, and runs as a VM behind a gateway name.
     */
    private static int runOnV3(DemoOptions options, Map<String, String> answers, Path data,
                               DeployerSettings settings) throws Exception {
        SimulatedLedger ledger = new SimulatedLedger(Clock.systemUTC());
        LocalV3Hosting opened;
        try {
            opened = LocalV3Hosting.open(options.tfgrid().orElseThrow(), Optional.of(data.resolve("tfgrid")),
                    System.getenv());
        } catch (DeployerException e) {
            System.err.println("--tfgrid: " + e.getMessage());
            return 2;
        }
        try (LocalV3Hosting grid = opened;
             DemoRedis redis = DemoRedis.from(options.redis())) {
            ThreebotDeployer.Builder builder = ThreebotDeployer.builder().dataDirectory(data).settings(settings)
                    .hosting(grid.hosting()).userPayments(ledger).reachability(grid.reachability());
            try (ThreebotDeployer deployer = redis.configure(builder).build().start()) {
                System.out.println("Threebot Deployer demo: deploying on " + grid.describe() + " (state in " + data
                        + ")");
                redis.describe(System.out);
                return new DemoDeploy(deployer, ThreebotDeployer.owner(options.owner()), answers,
                        Optional.ofNullable(System.console()), System.out, data, options.then(),
                        redis.tail(System.out), new DemoWallet(DemoWallet.Ledger.of(ledger), System.out,
                        !options.noPay()), grid.reachability()).run();
            }
        }
    }

    /** The demo on a {@code GridServer} in another process ({@code --grid URL}). */
    private static int runOnGridServer(DemoOptions options, Map<String, String> answers, Path data,
                                       DeployerSettings settings) throws Exception {
        try (RemoteSimulation grid = RemoteSimulation.connect(options.grid().orElseThrow());
             DemoRedis redis = DemoRedis.from(options.redis())) {
            ThreebotDeployer.Builder builder = grid.deployer().dataDirectory(data).settings(settings);
            try (ThreebotDeployer deployer = redis.configure(builder).build().start()) {
                System.out.println("Threebot Deployer demo: deploying on the grid server at " + grid.root()
                        + " (state in " + data + ")");
                redis.describe(System.out);
                return new DemoDeploy(deployer, ThreebotDeployer.owner(options.owner()), answers,
                        Optional.ofNullable(System.console()), System.out, data, options.then(),
                        redis.tail(System.out), new DemoWallet(DemoWallet.Ledger.of(grid), System.out,
                        !options.noPay()), grid.reachability()).run();
            }
        }
    }

    /** Runs the chat to its end; returns the process exit status. */
    int run() throws InterruptedException, IOException {
        ChatMessage message = me.startChat(Flow.DEPLOY);
        String session = message.sessionId();
        deployer.addChatListener(m -> {
            if (m.sessionId().equals(session) && m.busy()) {
                show(m);
            }
        });
        while (true) {
            if (message.busy()) {
                message = me.awaitNext(session, Duration.ofMinutes(30));
                continue;
            }
            if (message.category() == Category.ERROR) {
                out.println("Deployment stopped: " + message.payload().msg());
                out.println("The demo user paid " + Tft.format(wallet.spent()) + " TFT in all, refunds deducted.");
                return 1;
            }
            if (message.category() == Category.END) {
                return finish();
            }
            show(message);
            Optional<String> answer = answerFor(message);
            if (answer.isEmpty()) {
                out.println("No answer for '" + message.questionKey().orElse("?") + "'; give it as an option "
                        + "(see --help).");
                return 2;
            }
            ChatMessage reply = me.answer(session, answer.get());
            if (reply.validationError().isPresent()) {
                out.println("  ! " + reply.validationError().get());
                answers.remove(message.questionKey().orElse(""));
                if (console.isEmpty()) {
                    return 2;
                }
            }
            message = reply;
        }
    }

    private int finish() {
        List<ThreebotView> mine = me.threebots();
        ThreebotView bot = mine.get(mine.size() - 1);
        out.println();
        out.println("Your 3Bot '" + bot.name() + "' is " + bot.state() + " at " + bot.url());
        out.println("  node " + bot.nodeId() + " on farm " + bot.farmName() + ", container address " + bot.privateIp()
                + ", runs until " + bot.expiresAt().map(Object::toString).orElse("-"));
        out.println("  the demo user paid " + Tft.format(wallet.spent()) + " TFT for it");
        return then.isEmpty() ? 0
                : new LifecycleCommands(me, Secret.of(answers.get("password")), out, tail, wallet,
                        downtimeProbe)
                .run(then);
    }

    private void show(ChatMessage m) {
        if (m.info().step() != shownStep) {
            shownStep = m.info().step();
            out.println("[" + m.info().step() + "/" + m.info().steps() + "] " + m.info().title());
        }
        if (m.busy()) {
            out.println("  ... " + m.payload().msg());
        }
    }

    private Optional<String> answerFor(ChatMessage m) throws IOException {
        String key = m.questionKey().orElse("");
        Category kind = m.category();
        if (kind == Category.DOWNLOAD_FILE) {
            Path file = dataDirectory.resolve(String.valueOf(m.payload().kwargs().get("filename")));
            // whole or not at all, and readable by the user only: it holds the WireGuard private key
            AtomicFiles.replace(file, String.valueOf(m.payload().kwargs().get("data"))
                    .getBytes(StandardCharsets.UTF_8));
            out.println("  WireGuard configuration saved to " + file);
            return Optional.of("");
        }
        if (kind == Category.QRCODE_SHOW) {
            Map<String, Object> p = m.payload().kwargs();
            wallet.settle(String.valueOf(p.get("amount")), String.valueOf(p.get("currency")),
                    String.valueOf(p.get("address")), String.valueOf(p.get("memo")), String.valueOf(p.get("data")),
                    String.valueOf(p.get("deadline")));
            return Optional.of("");
        }
        if (kind == Category.MD_SHOW || kind == Category.CONFIRM) {
            m.payload().msg().lines().filter(l -> !l.isBlank()).forEach(l -> out.println("  " + l));
            return Optional.of("");
        }
        if (answers.containsKey(key)) {
            String value = answers.get(key);
            out.println("  " + m.payload().msg().lines().findFirst().orElse("") + " > "
                    + (kind == Category.SECRET_ASK ? "********" : value.isBlank() ? "(none)" : value.strip()));
            return Optional.of(value);
        }
        if (console.isPresent()) {
            return Optional.of(prompt(console.get(), m));
        }
        return fallback(m);
    }

    private Optional<String> fallback(ChatMessage m) {
        String key = m.questionKey().orElse("");
        Optional<String> value = Optional.ofNullable(m.payload().kwargs().get("default")).map(Object::toString);
        if (key.equals("name")) {
            value = Optional.of("mybot");
        } else if (key.equals("ssh_key")) {
            value = Optional.of("");
        } else if (key.equals("password")) {
            byte[] raw = new byte[9];
            new SecureRandom().nextBytes(raw);
            value = Optional.of(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            out.println("  Generated a recovery password for this demo: " + value.get());
        }
        value.ifPresent(v -> answers.put(key, v));
        if (value.isPresent() && !key.equals("password")) {
            out.println("  " + m.payload().msg().lines().findFirst().orElse("") + " > "
                    + (value.get().isBlank() ? "(none)" : value.get()));
        }
        return value;
    }

    private String prompt(Console terminal, ChatMessage m) {
        out.println("  " + m.payload().msg());
        if (!m.options().isEmpty()) {
            for (int i = 0; i < m.options().size(); i++) {
                out.println("    " + (i + 1) + ") " + m.options().get(i));
            }
        }
        Object fallback = m.payload().kwargs().get("default");
        String hint = fallback == null ? "" : " [" + fallback + "]";
        String line = m.category() == Category.SECRET_ASK
                ? new String(Optional.ofNullable(terminal.readPassword("  > ")).orElse(new char[0]))
                : Optional.ofNullable(terminal.readLine("  >%s ", hint)).orElse("");
        if (line.isBlank() && fallback != null) {
            return fallback.toString();
        }
        if (!m.options().isEmpty() && line.strip().matches("\\d+")) {
            int index = Integer.parseInt(line.strip()) - 1;
            if (index >= 0 && index < m.options().size()) {
                return m.options().get(index);
            }
        }
        return line;
    }
}
