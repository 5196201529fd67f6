package io.threebot.deployer.internal.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.sim.SimulatedClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlocklistTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final Blocklist blocklist = new Blocklist(clock, Duration.ofMinutes(10));

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
    }
}
