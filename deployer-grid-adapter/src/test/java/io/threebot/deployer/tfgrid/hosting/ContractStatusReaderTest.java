package io.threebot.deployer.tfgrid.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.deploy.DeployedBot;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A hosted 3Bot's state from its contracts: contracts are billed one at a time, so when an account runs dry they go
 * into their grace period, and are removed, one at a time as well.
 */
class ContractStatusReaderTest {
    private final TfchainClient chain = mock(TfchainClient.class);
    private final ContractStatusReader reader = new ContractStatusReader(chain);
    private final DeployedBot bot = new DeployedBot(mock(DeploymentPlan.class), List.of(
            new JournalEntry(JournalEntry.Step.NETWORK, 1, 11, "n", true),
            new JournalEntry(JournalEntry.Step.VM, 1, 12, "v", true),
            new JournalEntry(JournalEntry.Step.NAME, 0, 13, "", true),
            new JournalEntry(JournalEntry.Step.GATEWAY, 2, 14, "g", true)));

    @Test
    void allInForceRuns() {
        states(Contract.State.CREATED, Contract.State.CREATED, Contract.State.CREATED, Contract.State.CREATED);
        assertThat(reader.status(bot, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
    }

    @Test
    void oneInItsGracePeriodMakesTheWholeThreebots() {
        states(Contract.State.CREATED, Contract.State.GRACE_PERIOD, Contract.State.CREATED, Contract.State.CREATED);
        HostingStatus status = reader.status(bot, Optional.of(HostingStatus.State.RUNNING));
        assertThat(status.state()).isEqualTo(HostingStatus.State.GRACE_PERIOD);
        assertThat(status.detail()).isEqualTo("the account ran out of funds: vm contract 12 on node 1 in its grace "
                + "period; a top-up brings it back");
    }

    @Test
    void oneRemovedBesideOneInItsGracePeriodIsARemovalForLackOfFundsOnceTheGracePeriodWasSeen() {
        states(Contract.State.CREATED, null, Contract.State.GRACE_PERIOD, Contract.State.CREATED);
        HostingStatus status = reader.status(bot, Optional.of(HostingStatus.State.GRACE_PERIOD));
        assertThat(status.state()).isEqualTo(HostingStatus.State.DELETED_OUT_OF_FUNDS);
        assertThat(status.detail()).isEqualTo("the grid is removing its contracts for lack of funds: vm contract 12 "
                + "on node 1 gone, name contract 13 in its grace period");
        assertThat(reader.status(bot, Optional.of(HostingStatus.State.DELETED_OUT_OF_FUNDS)).state())
                .isEqualTo(HostingStatus.State.DELETED_OUT_OF_FUNDS);
        // without the grace period seen (a change may have cancelled the one gone), the grace period shows
        assertThat(reader.status(bot, Optional.of(HostingStatus.State.RUNNING)).state())
                .isEqualTo(HostingStatus.State.GRACE_PERIOD);
    }

    @Test
    void allRemovedAreDeletedForLackOfFundsOnlyAfterAGracePeriodWasSeen() {
        states(null, Contract.State.DELETED, null, null);
        assertThat(reader.status(bot, Optional.of(HostingStatus.State.GRACE_PERIOD)).state())
                .isEqualTo(HostingStatus.State.DELETED_OUT_OF_FUNDS);
        assertThat(reader.status(bot, Optional.of(HostingStatus.State.RUNNING)).state())
                .isEqualTo(HostingStatus.State.GONE);
    }

    @Test
    void someRemovedWithoutAGracePeriodAreIncomplete() {
        states(Contract.State.CREATED, null, Contract.State.CREATED, Contract.State.CREATED);
        HostingStatus status = reader.status(bot, Optional.empty());
        assertThat(status.state()).isEqualTo(HostingStatus.State.INCOMPLETE);
        assertThat(status.detail()).isEqualTo("vm contract 12 on node 1 gone");
    }

    /** The states of contracts 11 to 14; null for one the chain no longer has. */
    private void states(Contract.State... states) {
        for (int i = 0; i < states.length; i++) {
            long id = 11 + i;
            Optional<Contract> contract = Optional.ofNullable(states[i]).map(s -> new Contract(id, 1, 7, s,
                    Optional.empty(), OptionalLong.empty(), new Contract.NameContract("bot"), Optional.empty()));
            when(chain.contract(id)).thenReturn(contract);
        }
    }
}
