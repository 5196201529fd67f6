package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.JournalSweep;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Journals past their retention go once their 3Bot is destroyed; a live 3Bot's journal stays and is still used. */
class JournalRetentionTest {
    private static final String PW = ChatDriver.DEFAULTS.get("password");
    private static final Duration RETENTION = Duration.ofDays(30);

    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer(TestWorld.fastSettings()
            .stopTimeout(Duration.ofSeconds(2)).journalRetention(RETENTION).build());
    private final ThreebotService service = Internals.lifecycle(deployer);
    /** A sweep that runs as if the retention had passed since every deployment ended. */
    private final JournalSweep later = new JournalSweep(world.store,
            Clock.offset(Clock.systemUTC(), RETENTION.plusDays(1)), RETENTION);

    @AfterEach
    void close() {
        deployer.close();
    }

    private io.threebot.deployer.model.Threebot deploy(String name) {
        assertThat(ChatDriver.start(deployer, "ula").runToEnd(Map.of("name", name)).category())
                .isEqualTo(Category.END);
        return Internals.storedThreebots(deployer, "ula").stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private List<String> journals() {
        return world.store.list(DeploymentJournal.KIND, DeploymentJournal.class).stream().map(Versioned::id)
                .toList();
    }

    private List<Workload> live(io.threebot.deployer.model.Threebot bot) {
        return world.grid.listWorkloads(bot.identityTid()).stream()
                .filter(w -> w.nextAction() == NextAction.DEPLOY).toList();
    }

    @Test
    void aDestroyedThreebotsJournalGoesAndALiveOnesStaysAndStillServesStopAndDestroy() {
        var kept = deploy("keep");
        var dropped = deploy("drop");
        assertThat(journals()).contains(kept.deploymentId(), dropped.deploymentId());
        service.destroy("ula", dropped.uuid(), PW);

        assertThat(new JournalSweep(world.store, Clock.systemUTC(), RETENTION).sweep())
                .as("nothing ended longer than the retention ago").isZero();
        assertThat(later.sweep()).isEqualTo(1);
        assertThat(journals()).contains(kept.deploymentId()).doesNotContain(dropped.deploymentId());

        assertThat(service.stop("ula", kept.uuid(), PW).state()).isEqualTo(ThreebotState.STOPPED);
        assertThat(later.sweep()).as("a stopped 3Bot's journal stays").isZero();
        assertThat(live(kept)).as("its network is still up").isNotEmpty();
        assertThat(service.destroy("ula", kept.uuid(), PW).state()).isEqualTo(ThreebotState.DELETED);
        assertThat(live(kept)).as("destroy found the network in the journal and removed it").isEmpty();
        assertThat(later.sweep()).isEqualTo(1);
        assertThat(journals()).doesNotContain(kept.deploymentId());
    }
}
