package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A late write from an operation that raced a destroy never brings the 3Bot back. */
class DestroyedStaysDestroyedTest {
    @Test
    void aWriteOfAnotherStateOverADestroyed3BotIsRefusedAndTheRecordStaysDeleted() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatDriver.start(deployer, "eve").runToEnd(Map.of("name", "gone"));
            Threebot running = Internals.storedThreebots(deployer, "eve").get(0);
            deployer.forOwner("eve").destroy(running.uuid(), Secret.of(ChatDriver.DEFAULTS.get("password")));
            ThreebotRepository repository = new ThreebotRepository(world.store);

            assertThatThrownBy(() -> repository.save(running.withState(ThreebotState.STOPPED)))
                    .isInstanceOf(InvalidStateException.class).hasMessageContaining("stays destroyed");
            assertThat(repository.find(running.uuid()).orElseThrow().state()).isEqualTo(ThreebotState.DELETED);
        }
    }
}
