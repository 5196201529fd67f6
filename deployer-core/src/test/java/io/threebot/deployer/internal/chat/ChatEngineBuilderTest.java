package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an engine built with named parts closes, and what it refuses to be built without. */
class ChatEngineBuilderTest {
    private static final ChatEngine.Limits LIMITS = new ChatEngine.Limits(5, Duration.ofHours(1));

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Leases leases = new Leases(store, "here", Duration.ofSeconds(30), Clock.systemUTC());

    @AfterEach
    void stop() {
        executor.shutdownNow();
        leases.close();
    }

    private static FlowDefinition oneQuestion() {
        return new FlowDefinition("one", "One", List.of(Step.of("Ask",
                Question.builder("name", Category.STRING_ASK).text("Name?").required().build())));
    }

    private ChatEngine.Builder parts() {
        return ChatEngine.builder().flows(List.of(oneQuestion())).store(store)
                .sealer(AesGcmSecretSealer.ephemeral()).limits(LIMITS);
    }

    @Test
    void sharedExecutorAndLeasesAreLeftOpenWhenTheEngineCloses() {
        ChatEngine engine = parts().sharedExecutor(executor).sharedLeases(leases).build();
        assertThat(engine.start("u", "one").questionKey()).contains("name");

        engine.close();

        assertThat(executor.isShutdown()).isFalse();
        assertThat(leases.tryAcquire("after-close", () -> { })).as("the shared leases still work").isPresent();
    }

    @Test
    void ownExecutorAndLeasesAreClosedWithTheEngine() {
        ChatEngine engine = parts().executor(executor).leases(leases).build();

        engine.close();

        assertThat(executor.isShutdown()).isTrue();
        assertThatThrownBy(() -> leases.tryAcquire("after-close", () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void theShortConstructorOwnsItsExecutor() {
        ChatEngine engine = new ChatEngine(List.of(oneQuestion()), store, AesGcmSecretSealer.ephemeral(),
                Clock.systemUTC(), executor, LIMITS);

        engine.close();

        assertThat(executor.isShutdown()).isTrue();
    }

    @Test
    void aMissingRequiredPartIsNamed() {
        assertThatThrownBy(() -> ChatEngine.builder().sealer(AesGcmSecretSealer.ephemeral()).limits(LIMITS)
                .executor(executor).build()).isInstanceOf(NullPointerException.class).hasMessage("store");
        assertThatThrownBy(() -> parts().limits(null).executor(executor).build())
                .isInstanceOf(NullPointerException.class).hasMessage("limits");
        assertThatThrownBy(() -> parts().build()).isInstanceOf(NullPointerException.class).hasMessage("executor");
        assertThatThrownBy(() -> parts().sealer(null).executor(executor).build())
                .isInstanceOf(NullPointerException.class).hasMessage("sealer");
    }
}
