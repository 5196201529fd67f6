package io.threebot.deployer.examples;

import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs the demo's {@code --then} commands on the owner's newest 3Bot and prints what happened. */
final class LifecycleCommands {
    private final OwnerDeployer me;
    private final Secret password;
    private final PrintStream out;
    private final Optional<TailCommand> tail;
    private final DemoWallet wallet;
    private final ReachabilityProbe probe;

    LifecycleCommands(OwnerDeployer me, Secret password, PrintStream out,
                      Optional<TailCommand> tail, DemoWallet wallet, ReachabilityProbe probe) {
        this.wallet = wallet;
        this.probe = probe;
        this.me = me;
        this.password = password;
        this.out = out;
        this.tail = tail;
    }

    /** Returns 0 when every command succeeded, 1 at the first that failed. */
    int run(List<String> commands) {
        for (String command : commands) {
            String[] parts = command.split(":", 2);
            out.println();
            out.println("> " + command);
            try {
                run(parts[0], parts.length > 1 ? parts[1] : "");
            } catch (DeployerException | IllegalArgumentException e) {
                out.println("  ! " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private void run(String verb, String value) {
        if (verb.equals("list")) {
            for (ThreebotView v : me.threebots()) {
                out.printf("  %-10s %-8s %-9s %-14s %-34s %s%n", v.name(), v.state(), v.flavor().displayName(),
                        v.farmName(), v.url(), poolLasts(v));
            }
            return;
        }
        if (verb.equals("tail")) {
            TailCommand command = tail.orElseThrow(() -> new IllegalArgumentException("tail needs --redis"));
            command.run(me.owner(), newest(), Duration.ofSeconds(value.isEmpty() ? 3 : Integer.parseInt(value)));
            return;
        }
        ThreebotView bot = newest();
        String uuid = bot.uuid();
        if (verb.equals("renew")) {
            renew(uuid, value);
            return;
        }
        ThreebotView result = switch (verb) {
            case "stop" -> me.stop(uuid, password);
            case "start" -> me.start(uuid, password, Optional.empty(), this::progress);
            case "restart" -> me.restart(uuid, password, Optional.empty(), this::progress);
            case "resize" -> {
                Flavor size = Flavor.fromLabel(value).orElseThrow(
                        () -> new IllegalArgumentException("resize takes Silver, Gold or Platinum"));
                Optional<String> payment = paid(uuid, Purchase.changeSize(size, 1));
                yield measured(bot, () -> me.changeSize(uuid, password, size, payment, this::progress));
            }
            case "move" -> {
                LocationPolicy location = LocationPolicy.parse(value);
                Optional<String> payment = paid(uuid, Purchase.changeLocation(7));
                yield measured(bot, () -> me.changeLocation(uuid, password, location, payment,
                        this::progress));
            }
            case "extend" -> me.extend(uuid, password, paid(uuid, Purchase.extend(days(value)))
                    .orElseThrow(), this::progress);
            case "destroy" -> me.destroy(uuid, password);
            default -> throw new IllegalArgumentException("unknown command " + verb);
        };
        out.println("  3Bot '" + result.name() + "' is " + result.state() + " (" + result.flavor().displayName()
                + " on " + result.farmName() + ", " + result.url() + ")");
    }

    /** Runs an operation on a running 3Bot and prints how long its address did not answer meanwhile. */
    private ThreebotView measured(ThreebotView before, Supplier<ThreebotView> operation) {
        if (!before.state().isLive()) {
            return operation.get();
        }
        try (DowntimeMeter meter = new DowntimeMeter(probe, URI.create(before.url()), Duration.ofMillis(50))) {
            ThreebotView after = operation.get();
            meter.close();
            out.printf(Locale.ROOT, "  downtime: %s did not answer for %.1f s of the %.1f s the operation took%n",
                    before.url(), meter.downtime().toMillis() / 1000.0, meter.elapsed().toMillis() / 1000.0);
            return after;
        }
    }

    /** renew:on (14 days at a time), renew:on:DAYS or renew:off. */
    private void renew(String uuid, String value) {
        if (value.equals("off")) {
            out.println(me.stopAutoRenew(uuid) ? "  auto-renew is off" : "  auto-renew was off");
            return;
        }
        if (!value.matches("on(:[0-9]{1,9})?")) {
            throw new IllegalArgumentException("renew takes on, on:DAYS or off, not '" + value + "'");
        }
        int days = value.equals("on") ? 14 : Integer.parseInt(value.substring(3));
        me.autoRenew(uuid, password, days);
        out.println("  auto-renew is on: when its pool runs low, the owner is asked to pay for " + days
                + " more days");
    }

    /** Asks for the purchase's payment and lets the demo user's wallet pay it. */
    private Optional<String> paid(String uuid, Purchase purchase) {
        out.println("  payment for " + purchase.days() + (purchase.days() == 1 ? " day:" : " days:"));
        return Optional.of(wallet.settle(me.requestPayment(uuid, purchase)));
    }

    private static int days(String value) {
        if (!value.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("extend takes a whole number of days, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private ThreebotView newest() {
        List<ThreebotView> views = me.threebots();
        if (views.isEmpty()) {
            throw new IllegalArgumentException("there is no 3Bot to work on");
        }
        return views.get(views.size() - 1);
    }

    private void progress(String message) {
        out.println("  ... " + message);
    }

    /** "pool lasts 13 days", with a warning when it runs dry soon or ran dry. */
    private static String poolLasts(ThreebotView v) {
        if (v.state() == ThreebotState.DELETED) {
            return "-";
        }
        String lasts = v.poolTimeLeft().map(left -> "pool lasts " + Expiry.roughly(left)).orElse("pool: unknown");
        return lasts + v.expiry().filter(e -> e != Expiry.OK).map(e -> " (" + e + ")").orElse("");
    }
}
