package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a runner that lost its lease sent is taken back, also when the send failed and arrives at the grid late. */
class StrayWorkloadsTest {
    private static final List<Duration> QUICK_LOOKS = List.of(Duration.ofMillis(10), Duration.ofMillis(10));
    private final GridClient grid = mock(GridClient.class);
    private final StateStore store = mock(StateStore.class); // no journal: nothing was adopted
    private final GridIdentity customer = new GridIdentity(7, "alice_bot", IdentityKeys.fromSeed(new byte[32]));
    private final Workload draft = Workload.draft("gw-ghent-1", 1, "deployment-1/subdomain-1", "", Instant.EPOCH,
            new SubdomainSpec("a.3bot.grid.tf", List.of("1.1.1.1")));

    private Workload live(long id) {
        return draft.withId(id, customer.tid()).withNextAction(NextAction.DEPLOY);
    }

    @Test
    void aFailedSendWhoseRequestReachesTheGridAfterTheFailureIsTakenBackWhenItArrives() {
        // the HTTP client gave up (interrupted) while the request was still on its way: the first look finds
        // nothing, the workload shows up a moment later
        when(store.get(any(), any(), any())).thenReturn(Optional.empty());
        when(grid.listWorkloads(7)).thenReturn(List.of(), List.of(live(41)), List.of(live(41)));

        new StrayWorkloads(store, grid, QUICK_LOOKS).takeBack(draft, null, customer);

        verify(grid, times(3)).listWorkloads(7);
        verify(grid, times(1)).decommission(41, customer); // once, though seen twice
    }

    @Test
    void aSendThatAnsweredIsTakenBackAtOnceWithoutLookingAgain() {
        when(store.get(any(), any(), any())).thenReturn(Optional.empty());
        when(grid.listWorkloads(7)).thenReturn(List.of(live(42)));

        new StrayWorkloads(store, grid, QUICK_LOOKS).takeBack(draft, 42L, customer);

        verify(grid, times(1)).listWorkloads(7);
        verify(grid, times(1)).decommission(42, customer);
    }

    @Test
    void lookingAgainStopsWhenTheThreadIsInterruptedAndKeepsTheInterrupt() {
        when(store.get(any(), any(), any())).thenReturn(Optional.empty());
        when(grid.listWorkloads(7)).thenReturn(List.of());
        Thread.currentThread().interrupt();
        try {
            new StrayWorkloads(store, grid, QUICK_LOOKS).takeBack(draft, null, customer);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        verify(grid, times(1)).listWorkloads(7);
        verify(grid, never()).decommission(anyLong(), any());
    }
}
