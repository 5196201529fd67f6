package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException;

/** A chat call that cannot be carried out; the session is left as it was. */
public class ChatException extends DeployerException {
    public ChatException(String message) {
        super(message);
    }
}
