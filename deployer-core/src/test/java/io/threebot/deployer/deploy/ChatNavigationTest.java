package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Flow;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.BackNotAllowedException;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.chat.SessionFinishedException;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatNavigationTest {
    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();

    @AfterEach
    void close() {
        deployer.close();
    }

    private Versioned<ChatSession> stored(String sessionId) {
        return world.store.get(ChatEngine.SESSIONS, sessionId, ChatSession.class).orElseThrow();
    }

    @Test
    void backReturnsToThePreviousQuestionWithTheEarlierAnswerFilledIn() {
        ChatDriver chat = ChatDriver.start(deployer, "erin");
        assertThat(chat.current().info().previous()).isFalse();
        ChatMessage flavor = chat.answer("name", "mybot");
        assertThat(flavor.info().previous()).isTrue();
        assertThat(flavor.info().step()).isEqualTo(2);

        ChatMessage name = chat.back();
        assertThat(name.questionKey()).contains("name");
        assertThat(name.info().step()).isEqualTo(1);
        assertThat(name.payload().kwargs()).containsEntry("default", "mybot");
        assertThat(chat.answer("name", "otherbot").questionKey()).contains("flavor");
    }

    @Test
    void backOnTheFirstQuestionIsRefusedAndChangesNothing() {
        ChatDriver chat = ChatDriver.start(deployer, "erin");
        Versioned<ChatSession> before = stored(chat.sessionId());
        assertThatThrownBy(chat::back).isInstanceOf(BackNotAllowedException.class)
                .hasMessageContaining("first question");
        assertThat(stored(chat.sessionId())).isEqualTo(before);
    }

    @Test
    void backSkipsStepsThatAskNothingAndRunsTheirWorkAgain() {
        ChatDriver chat = ChatDriver.start(deployer, "erin");
        chat.answerUntil("days", Map.of());
        ChatMessage policy = chat.back();
        assertThat(policy.questionKey()).contains("policy");
        assertThat(policy.payload().kwargs()).containsEntry("default", "Automatic");
    }

    @Test
    void backIsRefusedOnceTheDeploymentStarted() {
        ChatDriver chat = ChatDriver.start(deployer, "erin");
        chat.answerUntil("wireguard", Map.of());
        assertThat(chat.current().info().previous()).isFalse();
        Versioned<ChatSession> before = stored(chat.sessionId());
        assertThatThrownBy(chat::back).isInstanceOf(BackNotAllowedException.class)
                .hasMessageContaining("cannot be undone");
        assertThat(stored(chat.sessionId())).isEqualTo(before);
    }

    @Test
    void aBusySessionRefusesAnswersAndBack() {
        world.grid.failures().delayCalls(Duration.ofMillis(100));
        ChatDriver chat = ChatDriver.start(deployer, "erin");
        chat.answerUntil("password", Map.of());
        ChatMessage busy = deployer.forOwner("erin").answer(chat.sessionId(), "correct horse");
        assertThat(busy.busy()).isTrue();
        assertThatThrownBy(() -> deployer.forOwner("erin").answer(chat.sessionId(), "x"))
                .isInstanceOf(SessionBusyException.class);
        assertThatThrownBy(() -> deployer.forOwner("erin").back(chat.sessionId()))
                .isInstanceOf(SessionBusyException.class);
        world.grid.failures().clear();
    }

    @Test
    void unknownSessionsOwnersFlowsAndFinishedSessionsGiveClearErrors() {
        assertThatThrownBy(() -> deployer.forOwner("erin").answer("no-such-session", "x"))
                .isInstanceOf(UnknownSessionException.class).hasMessageContaining("no-such-session");
        assertThatThrownBy(() -> deployer.forOwner("erin").current("../../etc/passwd"))
                .isInstanceOf(UnknownSessionException.class);
        assertThatThrownBy(() -> deployer.forOwner("Not A User!").startChat(Flow.DEPLOY))
                .isInstanceOf(IllegalArgumentException.class);

        ChatDriver chat = ChatDriver.start(deployer, "erin");
        Versioned<ChatSession> before = stored(chat.sessionId());
        assertThatThrownBy(() -> deployer.forOwner("mallory").answer(chat.sessionId(), "stolen"))
                .as("another user's session answers as an unknown one").isInstanceOf(UnknownSessionException.class)
                .hasMessage("no chat session " + chat.sessionId());
        assertThat(stored(chat.sessionId())).isEqualTo(before);

        chat.runToEnd(Map.of());
        Versioned<ChatSession> finished = stored(chat.sessionId());
        assertThatThrownBy(() -> deployer.forOwner("erin").answer(chat.sessionId(), "again"))
                .isInstanceOf(SessionFinishedException.class).hasMessageContaining("finished");
        assertThatThrownBy(() -> deployer.forOwner("erin").back(chat.sessionId()))
                .isInstanceOf(SessionFinishedException.class);
        assertThat(stored(chat.sessionId())).isEqualTo(finished);
        assertThat(finished.value().sealedSecrets()).isEmpty();
    }
}
