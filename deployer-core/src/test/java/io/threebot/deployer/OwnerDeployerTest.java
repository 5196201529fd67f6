package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.PasswordHash;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host serves each request through a handle bound to the logged-in owner, and sees nothing else. */
class OwnerDeployerTest {
    private static final Secret PASSWORD = Secret.of(ChatDriver.DEFAULTS.get("password"));

    private final ThreebotDeployer deployer = TestWorld.sample().deployer();

    @AfterEach
    void close() {
        deployer.close();
    }

    /** Answers a chat through the handle alone, as a web host would. */
    private ChatMessage runChat(OwnerDeployer me, Flow flow) throws InterruptedException {
        ChatMessage m = me.startChat(flow);
        for (int guard = 0; guard < 60 && m.category() != Category.END && m.category() != Category.ERROR; guard++) {
            m = m.busy() ? me.awaitNext(m.sessionId(), Duration.ofSeconds(30))
                    : me.answer(m.sessionId(), ChatDriver.DEFAULTS.getOrDefault(m.questionKey().orElse(""), ""));
        }
        return m;
    }

    @Test
    void anOwnersHandleDeploysListsAndManagesOnlyTheirOwn3Bots() throws Exception {
        OwnerDeployer alice = deployer.forOwner("Alice.3bot");
        assertThat(alice.owner()).isEqualTo("alice");
        ChatMessage end = runChat(alice, Flow.DEPLOY);
        assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
        ThreebotView bot = alice.threebots().get(0);
        assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);

        OwnerDeployer mallory = deployer.forOwner("mallory");
        assertThat(mallory.threebots()).isEmpty();
        assertThatThrownBy(() -> mallory.stop(bot.uuid(), PASSWORD)).isInstanceOf(ThreebotNotFoundException.class);
        assertThatThrownBy(() -> mallory.current(end.sessionId())).isInstanceOf(UnknownSessionException.class);

        ThreebotView stopped = alice.stop(bot.uuid(), PASSWORD);
        assertThat(stopped.state()).isEqualTo(ThreebotState.STOPPED);
        ThreebotView started = alice.start(bot.uuid(), PASSWORD, Optional.empty(), Progress.silent());
        assertThat(started.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(alice.destroy(started.uuid(), PASSWORD).state()).isEqualTo(ThreebotState.DELETED);
    }

    @Test
    void viewsNeverCarryThePasswordHashAndFlowsAreTyped() {
        assertThat(Arrays.stream(ThreebotView.class.getRecordComponents()).map(c -> c.getType()))
                .doesNotContain((Class) PasswordHash.class);
        assertThat(Arrays.stream(Flow.values()).map(Flow::id)).containsExactlyInAnyOrderElementsOf(
                deployer.flowIds());
        assertThatThrownBy(() -> deployer.forOwner("Not A User!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHostsOwnExecutorRunsTheStepsAndIsLeftRunning() throws Exception {
        java.util.concurrent.ExecutorService hosts = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            TestWorld world = TestWorld.sample();
            try (ThreebotDeployer own = world.builder(TestWorld.fastSettings().build()).flowExecutor(hosts).build()
                    .start()) {
                assertThat(runChat(own.forOwner("olga"), Flow.DEPLOY).category()).isEqualTo(Category.END);
            }
            assertThat(hosts.isShutdown()).as("the host's executor is the host's").isFalse();
        } finally {
            hosts.shutdownNow();
        }
    }

    @Test
    void aMaintenanceChatForAChosen3BotDoesNotAskWhichAndRefusesForeignOnesAsUnknown() throws Exception {
        OwnerDeployer alice = deployer.forOwner("alice");
        assertThat(runChat(alice, Flow.DEPLOY).category()).isEqualTo(Category.END);
        ThreebotView bot = alice.threebots().get(0);

        ChatMessage first = alice.startChat(Flow.RESTART, bot.uuid());
        assertThat(first.questionKey()).contains("password");
        assertThat(first.payload().msg()).contains("'mybot'");
        ChatMessage byName = alice.startChat(Flow.EXTEND, "mybot");
        assertThat(byName.questionKey()).contains("password");

        OwnerDeployer mallory = deployer.forOwner("mallory");
        String unknown = catchMessage(() -> mallory.startChat(Flow.RESTART, "no-such-3bot"));
        String foreign = catchMessage(() -> mallory.startChat(Flow.RESTART, bot.uuid()));
        assertThat(foreign).isEqualTo(unknown.replace("no-such-3bot", bot.uuid()));
        assertThatThrownBy(() -> mallory.startChat(Flow.RESTART, "mybot"))
                .isInstanceOf(ThreebotNotFoundException.class);
        assertThatThrownBy(() -> mallory.startChat(Flow.RESTART, "../../etc"))
                .isInstanceOf(ThreebotNotFoundException.class);

        ChatMessage m = first;
        while (m.category() != Category.END && m.category() != Category.ERROR) {
            m = m.busy() ? alice.awaitNext(m.sessionId(), Duration.ofSeconds(30))
                    : alice.answer(m.sessionId(), m.questionKey().orElse("").equals("password")
                    ? PASSWORD.value() : m.questionKey().orElse("").equals("days") ? "0" : "");
        }
        assertThat(m.category()).as(m.payload().msg()).isEqualTo(Category.END);
    }

    private static String catchMessage(Runnable call) {
        try {
            call.run();
            return "";
        } catch (ThreebotNotFoundException e) {
            return e.getMessage();
        }
    }
}
