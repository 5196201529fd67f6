package io.threebot.deployer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Flow;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers a chat by question key, waiting through long steps, and keeps every message seen. */
public final class ChatDriver {
    /** The answers of a plain automatic Silver deployment. */
    public static final Map<String, String> DEFAULTS = Map.of(
            "name", "mybot",
            "flavor", "Silver (CPU 1 - Memory 2 GB - Disk 4 GB [SSD])",
            "ssh_key", "",
            "password", "correct horse",
            "policy", "Automatic",
            "days", "14");

    /**
     * How long {@link #settle()} waits for a long step to end: a deadline only (it returns as soon as the step ends),
     * long enough for a loaded two-core machine running two test classes at once.
     */
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);

    private final ThreebotDeployer deployer;
    private final String owner;
    private final List<ChatMessage> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ChatMessage current;

    private ChatDriver(ThreebotDeployer deployer, String owner, ChatMessage first) {
        this.deployer = deployer;
        this.owner = owner;
        this.current = first;
        seen.add(first);
        deployer.addChatListener(m -> {
            if (m.sessionId().equals(first.sessionId()) && m.busy()) {
                seen.add(m);
            }
        });
    }

    public static ChatDriver start(ThreebotDeployer deployer, String principal) {
        return new ChatDriver(deployer, ThreebotDeployer.owner(principal), deployer.forOwner(principal)
                .startChat(Flow.DEPLOY));
    }

    /** Starts another flow (a maintenance chat) for the user. */
    public static ChatDriver startFlow(ThreebotDeployer deployer, String principal, Flow flow) {
        return new ChatDriver(deployer, ThreebotDeployer.owner(principal), deployer.forOwner(principal)
                .startChat(flow));
    }

    /** Continues a session another deployer started. */
    public static ChatDriver resume(ThreebotDeployer deployer, String owner, String sessionId) {
        return new ChatDriver(deployer, owner, deployer.forOwner(owner).current(sessionId));
    }

    public ChatMessage current() {
        return current;
    }

    public String sessionId() {
        return current.sessionId();
    }

    public List<ChatMessage> seen() {
        return seen;
    }

    /** Answers the current question, which must have this key, and waits through any long step after it. */
    public ChatMessage answer(String key, String value) {
        assertThat(current.questionKey()).as("question asked (message: %s)", current.payload().msg()).contains(key);
        current = deployer.forOwner(owner).answer(sessionId(), value);
        seen.add(current);
        return settle();
    }

    /** Waits while a long step runs. */
    public ChatMessage settle() {
        try {
            while (current.busy()) {
                current = deployer.forOwner(owner).awaitNext(sessionId(), SETTLE_DEADLINE);
                seen.add(current);
                if (current.busy()) {
                    throw new AssertionError("still busy after " + SETTLE_DEADLINE.toSeconds() + " s: "
                            + current.payload().msg());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return current;
    }

    /**
     * Answers the questions before the one with {@code key} (from the map, else the defaults) and stops when that
     * one is asked.
     */
    public ChatMessage answerUntil(String key, Map<String, String> answers) {
        settle();
        int guard = 0;
        while (!current.questionKey().orElse("").equals(key)) {
            String asked = current.questionKey().orElseThrow(
                    () -> new AssertionError("the chat ended before asking " + key + ": " + current.payload().msg()));
            answer(asked, answers.getOrDefault(asked, DEFAULTS.getOrDefault(asked, "")));
            if (guard++ > 50) {
                throw new AssertionError("never asked " + key);
            }
        }
        return current;
    }

    /** Answers every question from the map (keys not in it get the defaults) until the chat ends or fails. */
    public ChatMessage runToEnd(Map<String, String> answers) {
        settle();
        int guard = 0;
        while (current.category().asks() && guard++ < 50) {
            String key = current.questionKey().orElse("");
            String value = answers.containsKey(key) ? answers.get(key) : DEFAULTS.getOrDefault(key, "");
            answer(key, value);
            assertThat(current.validationError()).as("answer to %s refused", key).isEmpty();
        }
        assertThat(current.category()).isIn(Category.END, Category.ERROR);
        return current;
    }

    public ChatMessage back() {
        current = deployer.forOwner(owner).back(sessionId());
        seen.add(current);
        return settle();
    }
}
