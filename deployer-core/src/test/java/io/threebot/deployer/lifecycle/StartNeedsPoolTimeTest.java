package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Flow;
import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A start notices how long the 3Bot's pool still lasts, and a dry pool needs days bought first. */
class StartNeedsPoolTimeTest {
    private static final String PW = ChatDriver.DEFAULTS.get("password");

    private final SimulatedClock clock = new SimulatedClock();
    private final SimulatedWorld world = SimulatedWorld.builder().clock(clock).workloadDelay(Duration.ZERO).build();

    @Test
    void aStoppedBotWhosePoolRanDryStartsOnlyWithDaysBought() {
        try (ThreebotDeployer deployer = world.start()) {
            assertThat(ChatDriver.start(deployer, "sue").runToEnd(Map.of("days", "1")).category())
                    .isEqualTo(Category.END);
            ThreebotService bots = Internals.lifecycle(deployer);
            Threebot bot = Internals.storedThreebots(deployer, "sue").get(0);
            assertThat(bots.poolTimeLeft("sue", bot.uuid())).isBetween(Duration.ofHours(23), Duration.ofHours(25));
            clock.advance(Duration.ofHours(30));
            bots.stop("sue", bot.uuid(), PW);
            assertThat(bots.poolTimeLeft("sue", bot.uuid())).isLessThan(ThreebotService.MIN_TIME_TO_START);

            assertThatThrownBy(() -> bots.start("sue", bot.uuid(), PW, Optional.empty(), Progress.silent()))
                    .isInstanceOf(PaymentRequiredException.class).hasMessageContaining("ran dry");
            assertThat(Internals.storedThreebots(deployer, "sue").get(0).state()).isEqualTo(ThreebotState.STOPPED);

            ChatDriver chat = ChatDriver.startFlow(deployer, "sue", Flow.RESTART);
            chat.answerUntil("days", Map.of("threebot", "mybot"));
            assertThat(chat.current().payload().msg()).contains("ran dry");
            assertThat(deployer.forOwner("sue").answer(chat.sessionId(), "0").validationError())
                    .contains("The pool ran dry: buy at least 1 day.");

            String paid = bots.requestPayment("sue", bot.uuid(), Purchase.start(3)).id();
            Threebot started = bots.start("sue", bot.uuid(), PW, Optional.of(paid), Progress.silent());
            assertThat(started.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(bots.poolTimeLeft("sue", started.uuid())).isGreaterThan(Duration.ofDays(2));
        }
    }

    @Test
    void aPoolWithTimeLeftShowsItAndNeedsNoDays() {
        try (ThreebotDeployer deployer = world.start()) {
            assertThat(ChatDriver.start(deployer, "sue").runToEnd(Map.of("days", "5")).category())
                    .isEqualTo(Category.END);
            ChatDriver chat = ChatDriver.startFlow(deployer, "sue", Flow.RESTART);
            ChatMessage days = chat.answerUntil("days", Map.of("threebot", "mybot"));
            assertThat(days.payload().msg()).containsPattern("lasts about [45] days more");
            assertThat(days.payload().kwargs()).containsEntry("default", "0");
            assertThat(chat.runToEnd(Map.of("threebot", "mybot", "days", "0")).category()).isEqualTo(Category.END);
        }
    }
}
