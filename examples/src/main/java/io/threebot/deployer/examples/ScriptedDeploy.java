package io.threebot.deployer.examples;

import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import java.time.Duration;
import java.util.Map;

/** A deploy chat answered as fast as a script can: a Silver 3Bot placed automatically for one day. */
final class ScriptedDeploy {
    /** The answers of every question but the name. */
    static final Map<String, String> ANSWERS = Map.of("flavor", "Silver (CPU 1 - Memory 2 GB - Disk 4 GB "
            + "[SSD])", "ssh_key", "", "password", "correct horse battery", "policy", "Automatic", "days", "1");

    private ScriptedDeploy() {
    }

    /**
     * Deploys a 3Bot named {@code name} through a whole chat, waiting up to {@code patience} for each long step;
     * returns when (by {@link System#nanoTime()}) the chat's first long step began.
     *
     * @throws IllegalStateException when an answer is refused or the chat does not end with the 3Bot deployed
     */
    static long run(OwnerDeployer owner, String name, Duration patience) throws InterruptedException {
        return run(owner, name, patience, () -> { });
    }

    /** {@link #run(OwnerDeployer, String, Duration)}, calling {@code onFirstBusy} once its first long step began. */
    static long run(OwnerDeployer owner, String name, Duration patience, Runnable onFirstBusy)
            throws InterruptedException {
        ChatMessage m = owner.startChat(Flow.DEPLOY);
        String session = m.sessionId();
        long firstBusy = 0;
        while (m.category().asks() || m.busy()) {
            if (m.busy()) {
                if (firstBusy == 0) {
                    firstBusy = System.nanoTime();
                    onFirstBusy.run();
                }
                m = owner.awaitNext(session, patience);
                continue;
            }
            String key = m.questionKey().orElse("");
            m = owner.answer(session, key.equals("name") ? name : ANSWERS.getOrDefault(key, ""));
            if (m.validationError().isPresent()) {
                throw new IllegalStateException(key + ": " + m.validationError().get());
            }
        }
        if (m.category() != Category.END) {
            throw new IllegalStateException("deploy " + name + " ended with " + m.payload().msg());
        }
        return firstBusy;
    }
}
