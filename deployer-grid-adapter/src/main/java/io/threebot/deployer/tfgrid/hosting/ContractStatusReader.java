package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.deploy.BotState;
import io.threebot.deployer.tfgrid.deploy.DeployedBot;
import io.threebot.deployer.tfgrid.deploy.FundsVerdict;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A hosted 3Bot's state from its contracts on the chain alone (no keys, so no workload is asked): first what they say
 * of its funds ({@link FundsVerdict}: in its grace period, or removed for lack of funds); else all gone make it gone;
 * some gone, or a deploy that did not finish, make it incomplete; else it runs.
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
        List<BotState.ContractState> states = new ArrayList<>();
        List<String> grace = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (JournalEntry entry : bot.entries()) {
            BotState.ContractState state = BotState.ContractState.of(chain.contract(entry.contractId()));
            states.add(state);
            if (state == BotState.ContractState.GONE) {
                gone.add(describe(entry));
            } else if (state == BotState.ContractState.GRACE_PERIOD) {
                grace.add(describe(entry));
            }
        }
        int live = states.size() - gone.size();
        switch (FundsVerdict.of(states, starved)) {
            case REMOVED -> {
                return new HostingStatus(HostingStatus.State.DELETED_OUT_OF_FUNDS, live == 0
                        ? "the grid removed its contracts after the grace period, for lack of funds"
                        : "the grid is removing its contracts for lack of funds: " + String.join(", ", gone)
                                + " gone" + (grace.isEmpty() ? "" : ", " + String.join(", ", grace)
                                + " in its grace period"));
            }
            case GRACE_PERIOD -> {
                return new HostingStatus(HostingStatus.State.GRACE_PERIOD, "the account ran out of funds: "
                        + String.join(", ", grace) + " in its grace period; a top-up brings it back");
            }
            case FUNDED -> {
                // read on from what is gone
            }
        }
        if (live == 0) {
            return new HostingStatus(HostingStatus.State.GONE, "its contracts are gone");
        }
        if (!gone.isEmpty()) {
            return new HostingStatus(HostingStatus.State.INCOMPLETE, String.join(", ", gone) + " gone");
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
