package io.threebot.deployer.examples.host;

import java.net.InetSocketAddress;
import io.threebot.deployer.examples.TfgridOption;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host app's command line: {@code [port] [bind-address] [--grid URL | --tfgrid v3|ENDPOINTS]
 * [--jdbc URL --keys DIR] [--terms FILE.md]}.
 *
 * @param address where it listens
 * @param grid    a grid server to deploy on, instead of a grid embedded in the host
 * @param jdbc    a PostgreSQL database shared with other host instances, instead of files of its own
 * @param keys    the directory of the keys every instance on that database must share ({@code secret.key},
 *                {@code deployer-identity.key} and {@code login-app.key}, made by the first instance that starts)
 * @param login   the ThreeFold Connect login service; a simulated one on loopback when absent
 * @param terms   a Markdown file with the terms users accept before their first deploy; a default text pointing
 *                at ThreeFold's terms when absent
 * @param stellarWallet users pay TFT on Stellar ({@code --wallet stellar}), not on the simulated ledger
 * @param stellar the Horizon to take payments on ({@code --stellar URL}); a Horizon double in the host when absent
 * @param tfgrid  a local TFGrid v3 to deploy on ({@code --tfgrid}), embedded in the host or a V3GridServer's
 */
record HostOptions(InetSocketAddress address, Optional<URI> grid, Optional<String> jdbc, Optional<Path> keys,
                   Optional<URI> login, Optional<Path> terms, boolean stellarWallet, Optional<URI> stellar,
                   Optional<TfgridOption> tfgrid) {
    static final String USAGE = "usage: HostApp [port] [bind-address] [--login URL] [--grid URL] "
            + "[--tfgrid v3|substrate=ws://H:P,relay=ws://H:P,gridproxy=http://H:P,gateway=http://H:P] "
            + "[--jdbc URL --keys DIR] [--terms FILE.md] [--wallet simulated|stellar] [--stellar URL]   "
            + "(default " + HostApp.DEFAULT_PORT + " " + HostApp.DEFAULT_BIND_ADDRESS + ")\n"
            + "  --tfgrid v3: deploy on a local TFGrid v3 embedded in the host; --tfgrid substrate=...: on a "
            + "V3GridServer of one's own,\n  by the endpoints it printed, the operator paying from the sample "
            + "topology's funded account or THREEBOT_TFGRID_MNEMONIC(_FILE);\n  users pay with the page's demo "
            + "wallet";

    /** @throws IllegalArgumentException for anything it does not take, with what was wrong */
    static HostOptions parse(String... args) {
        List<String> positional = new ArrayList<>();
        Optional<URI> grid = Optional.empty();
        Optional<String> jdbc = Optional.empty();
        Optional<Path> keys = Optional.empty();
        Optional<URI> login = Optional.empty();
        Optional<Path> terms = Optional.empty();
        boolean stellarWallet = false;
        Optional<URI> stellar = Optional.empty();
        Optional<TfgridOption> tfgrid = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--grid" -> grid = Optional.of(URI.create(value));
                case "--jdbc" -> {
                    if (!value.startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("--jdbc takes a PostgreSQL JDBC URL "
                                + "(jdbc:postgresql://HOST:PORT/DATABASE?user=NAME), not " + value);
                    }
                    jdbc = Optional.of(value);
                }
                case "--tfgrid" -> tfgrid = Optional.of(TfgridOption.parse(value));
                case "--keys" -> keys = Optional.of(Path.of(value));
                case "--login" -> login = Optional.of(URI.create(value));
                case "--terms" -> terms = Optional.of(Path.of(value));
                case "--wallet" -> {
                    if (!value.equals("simulated") && !value.equals("stellar")) {
                        throw new IllegalArgumentException("--wallet takes simulated or stellar, not " + value);
                    }
                    stellarWallet = value.equals("stellar");
                }
                case "--stellar" -> {
                    stellar = Optional.of(URI.create(value));
                    stellarWallet = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (jdbc.isPresent() != keys.isPresent()) {
            throw new IllegalArgumentException("--jdbc and --keys go together: instances on one database share "
                    + "their keys");
        }
        if (grid.isPresent() && stellarWallet) {
            throw new IllegalArgumentException("--grid and --wallet stellar exclude each other: a grid server keeps "
                    + "the users' ledger");
        }
        if (tfgrid.isPresent() && (grid.isPresent() || stellarWallet)) {
            throw new IllegalArgumentException("--tfgrid excludes --grid and --wallet stellar: the v3 grid is a local "
                    + "one and users pay into the simulated ledger");
        }
        return new HostOptions(HostApp.bindAddress(positional.toArray(String[]::new)), grid, jdbc, keys, login,
                terms, stellarWallet, stellar, tfgrid);
    }
}
