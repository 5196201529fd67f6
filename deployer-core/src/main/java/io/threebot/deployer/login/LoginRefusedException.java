package io.threebot.deployer.login;

import io.threebot.deployer.errors.DeployerException;
import java.util.Objects;

/** A ThreeFold Connect login that was refused: nobody is logged in. {@link #why()} says which check failed. */
public class LoginRefusedException extends DeployerException {
    /** Which check of the callback failed. */
    public enum Why {
        /** The callback lacks a field, or is no JSON. */
        MISSING_FIELD,
        /** The attempt is not signed by the user's key, or names another user inside. */
        BAD_SIGNATURE,
        /** The signed state is not the one this browser session was given. */
        STATE_MISMATCH,
        /** The state was used already. */
        REPLAYED,
        /** The state was issued too long ago. */
        EXPIRED,
        /** The user's data does not open with the app's key. */
        UNDECRYPTABLE,
        /** The login service does not know the user. */
        UNKNOWN_USER,
        /** The login service could not be asked for the user's key. */
        SERVICE_UNAVAILABLE
    }

    private final Why why;

    public LoginRefusedException(Why why, String message) {
        super(message);
        this.why = Objects.requireNonNull(why, "why");
    }

    public Why why() {
        return why;
    }

    /** {@link Reason#UNAVAILABLE} when the login service did not answer; else {@link Reason#FORBIDDEN}. */
    @Override
    public Reason reason() {
        return why == Why.SERVICE_UNAVAILABLE ? Reason.UNAVAILABLE : Reason.FORBIDDEN;
    }
}
