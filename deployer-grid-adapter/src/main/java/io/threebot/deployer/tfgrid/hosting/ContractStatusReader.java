package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.deploy.DeployedBot;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A hosted 3Bot's state from its contracts on the chain alone (no keys, so no workload is asked): one in its grace
 * period makes the 3Bot's, unless another is gone already after the grace period was seen (then the grid is removing
 * it for lack of funds, and a top-up no longer brings it back; contracts are billed, and so run out, one at a time;
 * without the grace period seen, a contract gone may be one a change of the 3Bot cancelled); all gone make it gone (deleted for lack of funds when it was last seen in its grace
 * period); some gone, or a deploy that did not finish, make it incomplete; else it runs.
 */
final class ContractStatusReader {
    private final TfchainClient chain;

    ContractStatusReader(TfchainClient chain) {
        this.chain = chain;
    }

    HostingStatus status(DeployedBot bot, Optional<HostingStatus.State> previous) {
        boolean starved = previous.filter(p -> p == HostingStatus.State.GRACE_PERIOD
                || p == HostingStatus.State.DELETED_OUT_OF_FUNDS).isPresent();
        if (bot.entries().isEmpty()) {
            return new HostingStatus(HostingStatus.State.INCOMPLETE, "nothing is deployed yet");
        }
        List<String> grace = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        int live = 0;
        for (JournalEntry entry : bot.entries()) {
            Optional<Contract> contract = chain.contract(entry.contractId())
                    .filter(c -> c.state() != Contract.State.DELETED);
            String what = describe(entry);
            if (contract.isEmpty()) {
                gone.add(what);
            } else if (contract.get().state() == Contract.State.GRACE_PERIOD) {
                grace.add(what);
                live++;
            } else {
                live++;
            }
        }
        if (starved && !gone.isEmpty() && !grace.isEmpty()) {
            return new HostingStatus(HostingStatus.State.DELETED_OUT_OF_FUNDS, "the grid is removing its "
                    + "contracts for lack of funds: " + String.join(", ", gone) + " gone, " + String.join(", ", grace)
                    + " in its grace period");
        }
        if (!grace.isEmpty()) {
            return new HostingStatus(HostingStatus.State.GRACE_PERIOD, "the account ran out of funds: "
                    + String.join(", ", grace) + " in its grace period; a top-up brings it back");
        }
        if (live == 0) {
            return starved
                    ? new HostingStatus(HostingStatus.State.DELETED_OUT_OF_FUNDS,
                            "the grid removed its contracts after the grace period, for lack of funds")
                    : new HostingStatus(HostingStatus.State.GONE, "its contracts are gone");
        }
        if (!gone.isEmpty()) {
            return starved
                    ? new HostingStatus(HostingStatus.State.DELETED_OUT_OF_FUNDS, "the grid is removing its "
                            + "contracts for lack of funds: " + String.join(", ", gone) + " gone")
                    : new HostingStatus(HostingStatus.State.INCOMPLETE, String.join(", ", gone) + " gone");
        }
        if (!bot.complete()) {
            return new HostingStatus(HostingStatus.State.INCOMPLETE, live + " contracts live, the deploy did not "
                    + "finish");
        }
        return new HostingStatus(HostingStatus.State.RUNNING, live + " contracts live");
    }

    private static String describe(JournalEntry entry) {
        String step = entry.step().name().toLowerCase(Locale.ROOT);
        return entry.isName() ? "name contract " + entry.contractId()
                : step + " contract " + entry.contractId() + " on node " + entry.nodeId();
    }
}
