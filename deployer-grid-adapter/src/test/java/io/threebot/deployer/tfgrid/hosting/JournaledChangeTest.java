package io.threebot.deployer.tfgrid.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.tfgrid.chain.NotEnoughFundsException;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import io.threebot.deployer.tfgrid.deploy.BotTwin;
import io.threebot.deployer.tfgrid.deploy.DeployedBot;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import io.threebot.deployer.tfgrid.deploy.Placement;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.deploy.WireguardKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change's failures on the grid: before the gateway switched, any of the grid's errors cancels what the change made
 * (the old VM runs) and a store outage leaves it to resume; after the switch, an old VM that could not be cancelled
 * leaves the change succeeded, with the old VM journaled as given up for the next stop, destroy or change to cancel.
 */
class JournaledChangeTest {
    private static final long OLD_VM = 301;
    private static final long OLD_NETWORK = 300;
    private static final long NAME = 299;
    private static final long GATEWAY = 302;
    private static final long NEW_NETWORK = 501;
    private static final long NEW_VM = 502;

    private final BotTwin twin = mock(BotTwin.class);
    private final List<Collection<Long>> cancelled = new CopyOnWriteArrayList<>();
    private JournaledChange change;
    private DeploymentPlan oldPlan;
    private DeploymentPlan moved;
    private HostedThreebot threebot;
    private HostingPlan changed;
    /** What the change journaled before it was cut: the new node's network and VM. */
    private List<String> journaled;

    @BeforeEach
    void setUp() {
        ThreebotGrid grid = mock(ThreebotGrid.class);
        change = new JournaledChange(grid, new Elsewhere(grid, id -> Optional.empty()));
        Placement at = new Placement(12, 112, 3, 40, 140, "185.69.166.10", "3bot.grid.tf");
        oldPlan = new DeploymentPlan("mybot-7", 77, BotSize.of(Flavor.SILVER), at, "https://hub.grid.tf/x/y.flist",
                Map.of(), 201, key(), 4321, key(), 5432, key(), 5, 3);
        moved = new DeploymentPlan(oldPlan.name(), oldPlan.twinId(), oldPlan.size(), at.withNode(22, 122, 4),
                oldPlan.flist(), oldPlan.env(), oldPlan.rangeOctet(), key(), 6000, oldPlan.gatewayKey(),
                oldPlan.gatewayPort(), oldPlan.userKey(), 2, 2);
        threebot = new HostedThreebot("acct", new HostingPlan(oldPlan.fqdn(), "12", 3, oldPlan.vmIp(),
                oldPlan.userWireguardConfig(), HostingCodec.plan(oldPlan)), List.of(
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.NAME, 0, NAME, "", true)),
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.NETWORK, 12, OLD_NETWORK, hash('a'), true)),
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.VM, 12, OLD_VM, hash('b'), true)),
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.GATEWAY, 40, GATEWAY, hash('c'), true))));
        changed = new HostingPlan(moved.fqdn(), "22", 4, moved.vmIp(), moved.userWireguardConfig(),
                HostingCodec.changePlan(moved, Optional.empty(), new ChangeScope(false,
                        new PlacementChoice(List.of(4L), Optional.empty()))));
        journaled = List.of(
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.NETWORK, 22, NEW_NETWORK, hash('d'), true)),
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.VM, 22, NEW_VM, hash('e'), false)));
        doAnswer(inv -> {
            cancelled.add(new ArrayList<>(inv.<Collection<Long>>getArgument(0)));
            return null;
        }).when(twin).cancelContracts(anyCollection());
        when(twin.replaced(any(), any())).thenReturn(List.of(OLD_VM, OLD_NETWORK));
    }

    private static WireguardKey key() {
        return HostingCodecTest.key();
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(32);
    }

    private HostedThreebot run() throws InterruptedException {
        return change.run(twin, threebot, changed, journaled, entry -> { }, Progress.silent());
    }

    @Test
    void aPlanRefusedBeforeTheSwitchCancelsWhatTheChangeMadeAndSaysSo() throws Exception {
        when(twin.switchTo(any(), any(), any())).thenThrow(new InvalidInputException("placement",
                "a move keeps the 3Bot's gateway"));

        assertThatThrownBy(this::run).isInstanceOf(HostingException.class)
                .hasMessageContaining("The 3Bot could not be changed").hasMessageContaining("keeps the 3Bot's gateway")
                .hasMessageContaining("What this attempt made is cancelled; the 3Bot runs as it was.")
                .satisfies(e -> assertThat(((HostingException) e).kind())
                        .isEqualTo(HostingException.Kind.DEPLOYMENT_FAILED));
        assertThat(cancelled).last().satisfies(ids -> assertThat(ids)
                .containsExactlyInAnyOrder(NEW_NETWORK, NEW_VM));
        assertThat(cancelled).noneMatch(ids -> ids.contains(OLD_VM) || ids.contains(GATEWAY));
    }

    @Test
    void aCancellationTheAccountCannotPayBeforeTheSwitchUndoesTheChange() throws Exception {
        NotEnoughFundsException poor = mock(NotEnoughFundsException.class);
        when(poor.getMessage()).thenReturn("the twin cannot pay the fee");
        List<Integer> calls = new ArrayList<>();
        doAnswer(inv -> {
            Collection<Long> ids = inv.getArgument(0);
            cancelled.add(new ArrayList<>(ids));
            if (calls.isEmpty()) {
                calls.add(1);
                throw poor; // the given-up contracts' cancel, before the switch
            }
            return null;
        }).when(twin).cancelContracts(anyCollection());

        assertThatThrownBy(this::run).isInstanceOf(HostingException.class)
                .hasMessageContaining("the twin cannot pay the fee").hasCause(poor);
        verify(twin, never()).switchTo(any(), any(), any());
        assertThat(cancelled).last().satisfies(ids -> assertThat(ids)
                .containsExactlyInAnyOrder(NEW_NETWORK, NEW_VM));
    }

    @Test
    void aStoreOutageBeforeTheSwitchUndoesNothingSoTheChangeResumes() throws Exception {
        StoreUnavailableException down = new StoreUnavailableException("the store is down", null);
        when(twin.switchTo(any(), any(), any())).thenThrow(down);

        assertThatThrownBy(this::run).isSameAs(down);
        assertThat(cancelled).noneMatch(ids -> ids.contains(NEW_VM) || ids.contains(NEW_NETWORK));
    }

    @Test
    void anOldVmThatCannotBeCancelledAfterTheSwitchIsJournaledAsGivenUpAndTheChangeSucceeds() throws Exception {
        DeployedBot switched = new DeployedBot(moved, List.of(
                new JournalEntry(JournalEntry.Step.NAME, 0, NAME, "", true),
                new JournalEntry(JournalEntry.Step.NETWORK, 22, NEW_NETWORK, hash('d'), true),
                new JournalEntry(JournalEntry.Step.VM, 22, NEW_VM, hash('e'), true),
                new JournalEntry(JournalEntry.Step.GATEWAY, 40, GATEWAY, hash('f'), true)));
        when(twin.switchTo(any(), any(), any())).thenReturn(switched);
        NotEnoughFundsException poor = mock(NotEnoughFundsException.class);
        when(poor.getMessage()).thenReturn("the twin cannot pay the fee");
        doAnswer(inv -> {
            Collection<Long> ids = inv.getArgument(0);
            cancelled.add(new ArrayList<>(ids));
            if (ids.contains(OLD_VM)) {
                throw poor;
            }
            return null;
        }).when(twin).cancelContracts(anyCollection());

        HostedThreebot now = run();

        assertThat(now.plan().nodeId()).isEqualTo("22");
        JournaledDeploy read = JournaledDeploy.read(HostingCodec.readPlan(now.plan().data()), now.journaled());
        assertThat(read.bot().contractIds()).contains(NEW_VM, GATEWAY).doesNotContain(OLD_VM);
        assertThat(read.givenUp()).as("left for the next stop, destroy or change to cancel")
                .containsExactlyInAnyOrder(OLD_VM, OLD_NETWORK);
        assertThat(cancelled).noneMatch(ids -> ids.contains(NEW_VM));
    }

    @Test
    void aGivenUpContractReadsBackAndOnlyTypedErrorsComeOfABadOne() {
        assertThat(HostingCodec.readJournaled(HostingCodec.givenUp(OLD_VM)))
                .isEqualTo(new HostingCodec.Journaled.GivenUp(OLD_VM));
        assertThatThrownBy(() -> HostingCodec.readJournaled("{\"v\":1,\"step\":\"GIVEN_UP\"}"))
                .isInstanceOf(DeployerException.class);
    }
}
