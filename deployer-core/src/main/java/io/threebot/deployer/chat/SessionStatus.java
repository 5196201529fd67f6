package io.threebot.deployer.chat;

/** Where a chat session is. */
public enum SessionStatus {
    /** A question is shown; the session waits for the user. */
    WAITING_FOR_ANSWER,
    /** A long step runs; progress messages are shown. */
    BUSY,
    /** The flow ran to its end. */
    FINISHED,
    /** The flow stopped on an error, shown as the last message. */
    FAILED;

    public boolean ended() {
        return this == FINISHED || this == FAILED;
    }
}
