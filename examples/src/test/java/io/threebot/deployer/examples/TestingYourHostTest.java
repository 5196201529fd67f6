package io.threebot.deployer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing your host": a host tests its integration on a simulated world through public API only, with
 * scripted failures and a clock it moves by hand. {@code answerAll} stands for the host's own page logic.
 */
class TestingYourHostTest {
    private static final Map<String, String> ANSWERS = Map.of("name", "mybot", "password", "correct horse staple",
            "days", "14");

    /** What a host's page does: answers each question (defaults where it has no answer) and waits out long steps. */
    private static ChatMessage answerAll(OwnerDeployer user, Flow flow) throws InterruptedException {
        ChatMessage m = user.startChat(flow);
        while (m.category() != Category.END && m.category() != Category.ERROR) {
            String key = m.questionKey().orElse("");
            Object fallback = m.payload().kwargs().getOrDefault("default", "");
            m = m.busy() ? user.awaitNext(m.sessionId(), Duration.ofSeconds(30))
                    : user.answer(m.sessionId(), ANSWERS.getOrDefault(key, String.valueOf(fallback)));
        }
        return m;
    }

    @Test
    void aUserDeploysA3Bot() throws Exception {
        SimulatedWorld world = SimulatedWorld.builder().build();
        try (ThreebotDeployer deployer = world.start()) {
            OwnerDeployer alice = deployer.forOwner("alice.3bot");
            assertThat(answerAll(alice, Flow.DEPLOY).category()).isEqualTo(Category.END);
            assertThat(alice.threebots()).singleElement()
                    .satisfies(bot -> assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING));
        }
    }

    @Test
    void aUserSeesWhyADeployFailedAndIsRefunded() throws Exception {
        SimulatedWorld world = SimulatedWorld.builder().workloadDelay(Duration.ZERO).build();
        world.grid().failures().failNextWorkloads(WorkloadType.CONTAINER, 3);
        try (ThreebotDeployer deployer = world.start()) {
            ChatMessage end = answerAll(deployer.forOwner("alice"), Flow.DEPLOY);
            assertThat(end.category()).isEqualTo(Category.ERROR);
            assertThat(end.payload().msg()).contains("could not be deployed", "refunded in full");
        }
    }

    @Test
    void aUserWhoDoesNotPayInTimeGetsNothing() throws Exception {
        SimulatedClock clock = new SimulatedClock();
        SimulatedWorld world = SimulatedWorld.builder().clock(clock).usersPay(false).build();
        try (ThreebotDeployer deployer = world.start()) {
            OwnerDeployer alice = deployer.forOwner("alice");
            ChatMessage m = alice.startChat(Flow.DEPLOY);
            while (m.category() != Category.QRCODE_SHOW) {
                m = m.busy() ? alice.awaitNext(m.sessionId(), Duration.ofSeconds(30))
                        : alice.answer(m.sessionId(), ANSWERS.getOrDefault(m.questionKey().orElse(""),
                        String.valueOf(m.payload().kwargs().getOrDefault("default", ""))));
            }
            alice.answer(m.sessionId(), "");          // "I have paid", but nobody did
            clock.advance(Duration.ofMinutes(11));    // past the payment deadline
            ChatMessage end = alice.awaitNext(m.sessionId(), Duration.ofSeconds(30));
            assertThat(end.payload().msg()).contains("nothing was bought");
            assertThat(alice.threebots()).isEmpty();
        }
    }
}
