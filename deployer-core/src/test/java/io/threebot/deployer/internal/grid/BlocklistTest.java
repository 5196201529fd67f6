package io.threebot.deployer.internal.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlocklistTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Blocklist<Blocklist.Nodes> blocklist = Blocklist.ofNodes(store, clock, Duration.ofMinutes(10));

    @Test
    void eachFailureBlocksLongerAndASuccessClearsIt() {
        blocklist.block("node-1");
        blocklist.block("node-1");
        clock.advance(Duration.ofMinutes(15));
        assertThat(blocklist.isBlocked("node-1")).as("two failures block for 20 minutes").isTrue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(blocklist.isBlocked("node-1")).isFalse();
        blocklist.unblock("node-1");
        blocklist.block("node-1");
        clock.advance(Duration.ofMinutes(11));
        assertThat(blocklist.isBlocked("node-1")).as("the count started again").isFalse();
    }

    @Test
    void entriesThatStoppedFailingAreForgottenSoTheListDoesNotGrow() {
        for (int i = 0; i < 100; i++) {
            blocklist.block("node-" + i);
        }
        assertThat(blocklist.size()).isEqualTo(100);
        clock.advance(Duration.ofMinutes(10).multipliedBy(Blocklist.FORGET_AFTER_BLOCKS).plusSeconds(1));
        blocklist.block("node-new");
        assertThat(blocklist.isBlocked("node-5")).isFalse();
        assertThat(blocklist.size()).isEqualTo(1);
        assertThat(store.list("blocked-nodes", Blocklist.Block.class)).as("removed from the store too").hasSize(1);
    }

    @Test
    void whatOneInstanceBlocksAnotherOnTheSameStoreKeepsOutAndAnyKeyWorks() {
        blocklist.block("gw.example.org/../x");
        Blocklist<Blocklist.Nodes> other = Blocklist.ofNodes(store, clock, Duration.ofMinutes(10));
        assertThat(other.isBlocked("gw.example.org/../x")).isTrue();
        other.unblock("gw.example.org/../x");
        assertThat(blocklist.isBlocked("gw.example.org/../x")).isFalse();
    }
}
