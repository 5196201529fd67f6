package io.threebot.deployer.examples;

import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line options of the demo runner. Every option answers one question of the deploy chat; questions left
 * unanswered are asked on the terminal, or take their default when there is none.
 */
record DemoOptions(String owner, Map<String, String> answers, Optional<Path> sshKeyFile, Optional<Path> dataDirectory,
                   boolean overHttp, List<String> then, Optional<String> redis, boolean noPay, boolean help,
                   Optional<URI> grid, boolean stellarWallet, Optional<URI> stellar, Optional<TfgridOption> tfgrid) {

    static final String USAGE = """
            Usage: demo.sh [options]
              --owner NAME         the user deploying (default: demo)
              --name NAME          the 3Bot's name (default: asked, or mybot)
              --size SIZE          Silver, Gold or Platinum (default: Silver)
              --ssh-key-file FILE  an OpenSSH public key for the container (default: none)
              --password TEXT      the recovery password (default: asked, or generated)
              --location POLICY    automatic, continent:NAME, farm:NAME or node:ID (default: automatic)
              --days N             how long to run before topping up, 1 to 365 (default: 14)
              --data-dir DIR       where the deployer keeps its state (default: a new temporary directory)
              --then COMMANDS      after the deploy, run these on the same embedded grid, comma separated:
                                   list, stop, start, restart, resize:SIZE, move:LOCATION (a POLICY as for
                                   --location, e.g. move:continent:Asia), extend:DAYS, renew:on[:DAYS],
                                   renew:off, destroy,
                                   tail:SECONDS (follow the 3Bot's container output; needs --redis)
              --redis HOST:PORT    send container logs and deployment events to this Redis; "local" starts a
                                   redis-server on a free loopback port for the demo
              --no-pay             the demo user never pays: the payment request runs out (after 20 seconds
                                   in this mode) and nothing is bought
              --over-http          reach the simulated grid through the explorer HTTP adapter and an explorer
                                   simulator on a loopback port, instead of in memory
              --grid URL           deploy on a grid server in another process (GridServer, which prints its
                                   URL), as on a real explorer, instead of a grid embedded in the demo
              --tfgrid v3          deploy on a local TFGrid v3 embedded in the demo (tfchain, RMB relay, zos nodes
                                   and gridproxy on loopback ports): each 3Bot gets its own twin, funded from the
                                   operator's account with what its user paid, and runs as a VM behind a gateway
                                   name; every --then command runs there too
              --tfgrid substrate=ws://H:P,relay=ws://H:P,gridproxy=http://H:P,gateway=http://H:P
                                   deploy on a V3GridServer of one's own, by the endpoints it printed; the
                                   operator pays from the sample topology's funded account, or from the key in
                                   THREEBOT_TFGRID_MNEMONIC (or THREEBOT_TFGRID_MNEMONIC_FILE, mode 600)
              --wallet KIND        how the user pays: simulated (default, an in-memory ledger) or stellar
                                   (real TFT payments on Stellar through the Stellar SDK, on a Horizon double
                                   started in the demo unless --stellar is given)
              --stellar URL        take payments on the Horizon at URL (implies --wallet stellar); the operator's
                                   seed comes from THREEBOT_STELLAR_SECRET (or THREEBOT_STELLAR_SECRET_FILE, mode
                                   600), the network from THREEBOT_STELLAR_NETWORK (testnet or public), the demo
                                   user who pays from THREEBOT_STELLAR_USER_SECRET
              --help               this text
            OVER_PROVISIONING=true and TEST_CERT=true in the environment are honoured.""";

    static DemoOptions parse(String[] args) {
        Map<String, String> answers = new HashMap<>();
        String owner = "demo";
        Optional<Path> keyFile = Optional.empty();
        Optional<Path> dataDir = Optional.empty();
        boolean help = false;
        boolean overHttp = false;
        boolean noPay = false;
        List<String> then = List.of();
        Optional<String> redis = Optional.empty();
        Optional<URI> grid = Optional.empty();
        boolean stellarWallet = false;
        Optional<URI> stellar = Optional.empty();
        Optional<TfgridOption> tfgrid = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (option.equals("--no-pay")) {
                noPay = true;
                continue;
            }
            if (option.equals("--over-http")) {
                overHttp = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--owner" -> owner = value;
                case "--name" -> answers.put("name", value);
                case "--size" -> answers.put("flavor", Flavor.fromLabel(value).map(Flavor::label).orElseThrow(
                        () -> new IllegalArgumentException("--size must be Silver, Gold or Platinum, not " + value)));
                case "--ssh-key-file" -> keyFile = Optional.of(Path.of(value));
                case "--password" -> answers.put("password", value);
                case "--location" -> location(value, answers);
                case "--days" -> answers.put("days", value);
                case "--data-dir" -> dataDir = Optional.of(Path.of(value));
                case "--then" -> then = commands(value);
                case "--redis" -> redis = Optional.of(redis(value));
                case "--grid" -> grid = Optional.of(grid(value));
                case "--wallet" -> stellarWallet = wallet(value);
                case "--tfgrid" -> tfgrid = tfgrid(value);
                case "--stellar" -> {
                    stellar = Optional.of(url("--stellar", value, "https://horizon-testnet.stellar.org"));
                    stellarWallet = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (redis.isEmpty() && then.stream().anyMatch(c -> c.startsWith("tail"))) {
            throw new IllegalArgumentException("tail needs --redis HOST:PORT (or --redis local)");
        }
        if (grid.isPresent() && overHttp) {
            throw new IllegalArgumentException("--grid and --over-http exclude each other: a grid server is reached "
                    + "over HTTP anyway");
        }
        if (grid.isPresent() && stellarWallet) {
            throw new IllegalArgumentException("--grid and --wallet stellar exclude each other: a grid server "
                    + "keeps the users' ledger");
        }
        if (tfgrid.isPresent() && (grid.isPresent() || overHttp || stellarWallet)) {
            throw new IllegalArgumentException("--tfgrid excludes --grid, --over-http and --wallet stellar: the "
                    + "v3 grid is a local one and users pay into the simulated ledger");
        }
        return new DemoOptions(owner, answers, keyFile, dataDir, overHttp, then, redis, noPay, help, grid,
                stellarWallet, stellar, tfgrid);
    }

    private static boolean wallet(String value) {
        return switch (value) {
            case "simulated" -> false;
            case "stellar" -> true;
            default -> throw new IllegalArgumentException("--wallet must be simulated or stellar, not " + value);
        };
    }

    private static URI url(String option, String value, String example) {
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " must be an http(s) URL, e.g. " + example + ", not "
                    + value);
        }
    }

    private static URI grid(String value) {
        try {
            return url("--grid", value, "http://127.0.0.1:7310");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--grid must be the URL GridServer printed, e.g. "
                    + "http://127.0.0.1:7310, not " + value);
        }
    }

    private static List<String> commands(String value) {
        List<String> commands = List.of(value.split(","));
        for (String command : commands) {
            String verb = command.split(":", 2)[0];
            if (!List.of("list", "stop", "start", "restart", "resize", "move", "extend", "renew", "destroy", "tail")
                    .contains(verb)) {
                throw new IllegalArgumentException("unknown command '" + command + "' in --then");
            }
            if (List.of("resize", "move", "extend", "renew").contains(verb) && !command.contains(":")) {
                throw new IllegalArgumentException("'" + verb + "' needs a value, e.g. " + verb + ":"
                        + (verb.equals("resize") ? "Gold" : verb.equals("move") ? "continent:Asia"
                        : verb.equals("renew") ? "on" : "7"));
            }
            if (verb.equals("move")) {
                LocationPolicy.parse(command.substring(command.indexOf(':') + 1));
            }
        }
        return commands;
    }

    private static String redis(String value) {
        if (!value.equals("local") && !value.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("--redis must be HOST:PORT or local, not " + value);
        }
        return value;
    }

    /** The deploy chat's answers for a location policy. */
    private static void location(String value, Map<String, String> answers) {
        LocationPolicy policy;
        try {
            policy = LocationPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--location: " + e.getMessage());
        }
        if (policy instanceof LocationPolicy.InContinent continent) {
            answers.put("policy", "Continent");
            answers.put("continent", continent.continent());
        } else if (policy instanceof LocationPolicy.OnFarm farm) {
            answers.put("policy", "Farm");
            answers.put("farm", farm.farm());
        } else if (policy instanceof LocationPolicy.OnNode node) {
            answers.put("policy", "Specific node");
            answers.put("node", node.nodeId());
        } else {
            answers.put("policy", "Automatic");
        }
    }

    /** The v3 grid {@code --tfgrid} names; empty for v2, the explorer grid, the demo's default. */
    private static Optional<TfgridOption> tfgrid(String value) {
        if (value.strip().equalsIgnoreCase("v2")) {
            return Optional.empty();
        }
        try {
            return Optional.of(TfgridOption.parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (or v2, the explorer grid, the default)");
        }
    }
}
