package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A deployer's threads start with {@link ThreebotDeployer#start()} and are all gone once it is closed. */
class DeployerThreadsTest {
    /** Every thread a deployer makes is named so. */
    private static final String PREFIX = "threebot-";

    /** The live deployer threads that were not there before (other tests' deployers may have left some). */
    private static List<String> newDeployerThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(PREFIX) && !before.contains(t))
                .map(Thread::getName).sorted().toList();
    }

    private static Set<Thread> threadsNow() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.toSet());
    }

    @Test
    void noThreadRunsBeforeStartAndNoneIsLeftAfterClose() throws Exception {
        Set<Thread> before = threadsNow();
        ThreebotDeployer deployer = TestWorld.sample().builder(TestWorld.fastSettings().build()).build();
        assertThat(newDeployerThreads(before)).as("threads after build(), before start()").isEmpty();
        assertThatThrownBy(() -> deployer.forOwner("alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");

        deployer.start();
        OwnerDeployer alice = deployer.forOwner("alice");
        ChatMessage m = alice.startChat(Flow.DEPLOY);
        for (int guard = 0; guard < 60 && m.category() != Category.END && m.category() != Category.ERROR; guard++) {
            m = m.busy() ? alice.awaitNext(m.sessionId(), Duration.ofSeconds(30))
                    : alice.answer(m.sessionId(), ChatDriver.DEFAULTS.getOrDefault(m.questionKey().orElse(""), ""));
        }
        assertThat(m.category()).as(m.payload().msg()).isEqualTo(Category.END);
        assertThat(alice.threebots()).hasSize(1);
        assertThat(newDeployerThreads(before)).as("a deploy and a listing ran on the deployer's threads")
                .anyMatch(n -> n.startsWith("threebot-flow-")).anyMatch(n -> n.startsWith("threebot-grid-query-"))
                .anyMatch(n -> n.startsWith("threebot-probe-")).contains("threebot-deployer-sweep");

        deployer.close();
        assertThat(newDeployerThreads(before)).as("threads after close()").isEmpty();
        assertThatThrownBy(() -> deployer.forOwner("alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
