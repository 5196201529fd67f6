package io.threebot.deployer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** An answer names the message it answers: one for a message the chat moved on from changes nothing. */
class AnswersBoundToTheirQuestionTest {

    @Test
    void twentyIdenticalAnswersAtOnceThroughTwoInstancesAreTakenOnce() throws Exception {
        InMemoryStateStore shared = new InMemoryStateStore();
        TestWorld world = TestWorld.sampleOn(new CuttableStore(shared, true));
        try (ThreebotDeployer a = world.instanceOn(shared, "a", TestWorld.fastSettings().build());
             ThreebotDeployer b = world.instanceOn(shared, "b", TestWorld.fastSettings().build())) {
            OwnerDeployer viaA = a.forOwner("tess");
            OwnerDeployer viaB = b.forOwner("tess");
            ChatMessage asked = viaA.startChat(Flow.DEPLOY);
            while (!asked.questionKey().orElse("").equals("name")) {
                asked = viaA.answer(asked.sessionId(), ChatDriver.DEFAULTS.getOrDefault(
                        asked.questionKey().orElseThrow(), ""), asked.sequence());
            }
            String session = asked.sessionId();
            long sequence = asked.sequence();

            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                OwnerDeployer via = i % 2 == 0 ? viaA : viaB;
                replies.add(pool.submit(() -> {
                    go.await();
                    try {
                        return via.answer(session, "tessbot", sequence);
                    } catch (DeployerException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : replies) {
                outcomes.add(f.get());
            }
            pool.shutdown();

            assertThat(outcomes).filteredOn(ChatMessage.class::isInstance).as("taken once").hasSize(1);
            assertThat(outcomes).filteredOn(o -> !(o instanceof ChatMessage)).hasSize(19)
                    .allSatisfy(o -> assertThat(((DeployerException) o).reason())
                            .isEqualTo(DeployerException.Reason.CONFLICT));
            ChatMessage now = viaB.current(session);
            assertThat(now.questionKey()).as("the chat moved one question on, no more").isNotEqualTo(
                    asked.questionKey());
            assertThat(now.sequence()).isEqualTo(sequence + 1);
            assertThat(now.validationError()).as("the next question was not answered with the name").isEmpty();
        }
    }

    @Test
    void anAnswerOrBackForAnEarlierMessageIsRefusedAndChangesNothing() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            OwnerDeployer me = deployer.forOwner("tess");
            ChatMessage first = me.startChat(Flow.DEPLOY);
            ChatMessage second = me.answer(first.sessionId(), first.options().isEmpty() ? "x" : first.options().get(0),
                    first.sequence());
            assertThat(second.sequence()).isGreaterThan(first.sequence());

            assertThatThrownBy(() -> me.answer(first.sessionId(), "again", first.sequence()))
                    .isInstanceOf(StaleAnswerException.class);
            assertThatThrownBy(() -> me.back(first.sessionId(), first.sequence()))
                    .isInstanceOf(StaleAnswerException.class);
            ChatMessage current = me.current(first.sessionId());
            assertThat(current.sequence()).isEqualTo(second.sequence());
            assertThat(current.payload()).isEqualTo(second.payload());
            assertThat(current.toWireJson()).contains("\"sequence\":" + second.sequence());
        }
    }
}
