package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the Back button leads, read from the flow and the answers alone. */
class BackTargetTest {
    private static final FlowDefinition FLOW = new FlowDefinition("f", "F", List.of(
            Step.of("Name", ask("name").build()),
            Step.of("Color", ask("color").build(), ask("shade").onlyWhen(ctx -> is(ctx, "blue")).build()),
            Step.of("Why red", ask("why").onlyWhen(ctx -> is(ctx, "red")).build()),
            Step.of("Review", ask("review").build()),
            Step.of("Pay", ask("pay").build()).withBackDisabled(),
            Step.of("After", ask("after").build())));

    private static Question.Builder ask(String key) {
        return Question.builder(key, Category.STRING_ASK).text(key + "?");
    }

    private static boolean is(FlowContext ctx, String color) {
        return ctx.answer("color").orElse("").equals(color);
    }

    private static SessionState colored(String color) {
        return new SessionState(new ChatSession("s", "f", "u", 0, 0, SessionStatus.WAITING_FOR_ANSWER,
                Map.of("color", color), Map.of(), Map.of(), null, null, null), AesGcmSecretSealer.ephemeral());
    }

    @Test
    void backLeadsToTheStartOfTheLatestStepThatAskedSomething() {
        assertThat(BackTarget.from(FLOW, colored("blue"), 1, 1)).as("an earlier question of the same step")
                .isEqualTo(new BackTarget(1, 0, null));
        assertThat(BackTarget.from(FLOW, colored("blue"), 3, 0)).as("a step whose question does not apply is passed")
                .isEqualTo(new BackTarget(1, 0, null));
        assertThat(BackTarget.from(FLOW, colored("red"), 3, 0)).isEqualTo(new BackTarget(2, 0, null));
    }

    @Test
    void backIsRefusedWithTheReasonTheUserSees() {
        BackTarget first = BackTarget.from(FLOW, colored("red"), 0, 0);
        assertThat(first.allowed()).isFalse();
        assertThat(first.refusal()).isEqualTo("This is the first question; there is nothing to go back to.");
        assertThat(BackTarget.from(FLOW, colored("red"), 4, 0).refusal())
                .isEqualTo("You cannot go back from 'Pay': what happened before it cannot be undone.");
        assertThat(BackTarget.from(FLOW, colored("red"), 5, 0).refusal())
                .isEqualTo("You cannot go back past 'Pay'.");
    }
}
