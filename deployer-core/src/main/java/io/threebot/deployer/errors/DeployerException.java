package io.threebot.deployer.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * Root of every exception the deployer and its adapters throw. Messages are written for the person using the
 * host application and never hold secrets. Each carries a typed {@link Reason}, so a host maps errors to its own
 * answers (HTTP statuses, say) with one {@code switch}, never by reading message text.
 */
public class DeployerException extends RuntimeException {

    /** Why an operation was refused or failed, as a host acts on it. */
    public enum Reason {
        /** Nothing with that id, or not the caller's (the two look the same). */
        NOT_FOUND,
        /** The caller may not do this: a wrong password, a spending limit, a used token. */
        FORBIDDEN,
        /** Not in this state: a finished or busy session, a 3Bot that is stopped already. */
        CONFLICT,
        /** Too many attempts or open chats; {@link #retryAfter()} says when to try again, when known. */
        RATE_LIMITED,
        /** The input is not acceptable; {@link #field()} names it, when one field is at fault. */
        INVALID_INPUT,
        /** The operation needs a payment that is paid in full and made for it. */
        PAYMENT_REQUIRED,
        /**
         * A service the deployer depends on (the grid, a wallet, a backup server, a CA, its own store) failed or is
         * unreachable. A store that cannot be reached says so by its type ({@code StoreUnavailableException}, with
         * a {@link DeployerException#retryAfter()}), so a host can answer it as unavailable for now (503) rather
         * than as a failure of the grid.
         */
        UNAVAILABLE,
        /** Anything else: a bug or a broken store; the message is for the operator's log, not for users. */
        INTERNAL;

        /**
         * The HTTP status a web host answers with: 404, 403, 409, 429, 400, 402, 502 and 500. A host answering a 5xx
         * shows a generic message and logs the exception, whose text is for the operator.
         */
        public int httpStatus() {
            return switch (this) {
                case NOT_FOUND -> 404;
                case FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case RATE_LIMITED -> 429;
                case INVALID_INPUT -> 400;
                case PAYMENT_REQUIRED -> 402;
                case UNAVAILABLE -> 502;
                case INTERNAL -> 500;
            };
        }
    }

    public DeployerException(String message) {
        super(message);
    }

    public DeployerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why this happened; subclasses say, this class says {@link Reason#INTERNAL}. */
    public Reason reason() {
        return Reason.INTERNAL;
    }

    /**
     * For {@link Reason#RATE_LIMITED}, and for {@link Reason#UNAVAILABLE} when the service is expected back shortly
     * (a store that cannot be reached): how long to wait, when known.
     */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** For {@link Reason#INVALID_INPUT}: the field at fault, when one is. */
    public Optional<String> field() {
        return Optional.empty();
    }
}
