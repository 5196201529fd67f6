package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.StateStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a runner that lost its lease while it sent a workload takes back. */
class StrayWorkloadsTest {
    private static final String REFERENCE = "deployment-1/subdomain-1";
    private final GridClient grid = mock(GridClient.class);
    private final StateStore store = mock(StateStore.class);
    private final GridIdentity customer = new GridIdentity(7, "owner_bot",
            IdentityKeys.generate(new SecureRandom()));
    private final Workload draft = Workload.draft("node-1", 3, REFERENCE, "", Instant.EPOCH,
            new SubdomainSpec("bot.example.org", List.of("10.0.0.1")));

    @Test
    void aSendThatDidNotAnswerIsLookedForAgainAndTakenBackWhenTheGridMakesItAMomentLater() throws Exception {
        when(store.get(any(), any(), any())).thenReturn(Optional.empty());
        List<Duration> paused = new ArrayList<>();
        // the interrupted request reaches the grid after the first listing
        when(grid.listWorkloads(7)).thenReturn(List.of(), List.of(live(41)));
        StrayWorkloads strays = new StrayWorkloads(store, grid, paused::add);

        strays.takeBack(draft, null, customer);

        verify(grid).decommission(41, customer);
        assertThat(paused).isEqualTo(StrayWorkloads.LATE_SEND_CHECKS);
    }

    @Test
    void aSendThatAnsweredIsTakenBackAtOnceWithoutWaiting() throws Exception {
        when(store.get(any(), any(), any())).thenReturn(Optional.empty());
        when(grid.listWorkloads(7)).thenReturn(List.of(live(41)));
        List<Duration> paused = new ArrayList<>();

        new StrayWorkloads(store, grid, paused::add).takeBack(draft, 41L, customer);

        verify(grid).decommission(41, customer);
        assertThat(paused).isEmpty();
    }

    @Test
    void aShutdownWhileItLooksAgainStopsLookingAndKeepsTheInterrupt() throws Exception {
        when(store.get(any(), any(), any())).thenReturn(Optional.empty());
        when(grid.listWorkloads(7)).thenReturn(List.of());

        new StrayWorkloads(store, grid, pause -> {
            throw new InterruptedException();
        }).takeBack(draft, null, customer);

        assertThat(Thread.interrupted()).isTrue();
        verify(grid, never()).decommission(anyLong(), any());
    }

    private static Workload live(long id) {
        return new Workload(id, "node-1", 3, 7, REFERENCE, "", "", Instant.EPOCH, NextAction.DEPLOY,
                new SubdomainSpec("bot.example.org", List.of("10.0.0.1")), Optional.empty());
    }
}
