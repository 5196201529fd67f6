package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.DeployerException;
import java.util.Objects;

/**
 * An extrinsic the chain refuses before it is included, as Substrate's transaction pool refuses it: answered to
 * {@code author_submitExtrinsic} with the JSON-RPC error {@code 1010 "Invalid Transaction"} (or {@code 1002} for
 * bytes that are no extrinsic) and the reason as Substrate words it. Reason {@link Reason#INVALID_INPUT}.
 */
public class InvalidTransactionException extends DeployerException {

    /** Why the extrinsic is refused, with Substrate's wording and JSON-RPC error code. */
    public enum Kind {
        /** Bytes that do not decode as a signed extrinsic of this runtime. */
        UNDECODABLE(1002, "Verification Error: Runtime error: Could not decode extrinsic"),
        /** The signature does not verify (a wrong genesis, spec version, era block or key all end here). */
        BAD_PROOF(1010, "Transaction has a bad signature"),
        /** The nonce was used already. */
        STALE(1010, "Transaction is outdated"),
        /** The nonce is ahead of the account's next one. */
        FUTURE(1010, "Transaction will be valid in the future"),
        /** The era's birth block is not known (too old or not yet produced). */
        ANCIENT_BIRTH_BLOCK(1010, "Transaction has an ancient birth block"),
        /** The signer cannot pay the fee. */
        PAYMENT(1010, "Inability to pay some fees (e.g. account balance too low)"),
        /** A call the chain does not accept in a signed extrinsic, or an unsupported signature scheme. */
        CALL(1010, "Transaction call is not expected"),
        /** The same extrinsic is in the pool already. */
        ALREADY_IMPORTED(1013, "Transaction Already Imported");

        private final int code;
        private final String text;

        Kind(int code, String text) {
            this.code = code;
            this.text = text;
        }

        /** The JSON-RPC error code Substrate answers with. */
        public int code() {
            return code;
        }

        /** Substrate's wording of the reason. */
        public String text() {
            return text;
        }
    }

    private final Kind kind;

    /** A refusal, with a detail for the operator's log. */
    public InvalidTransactionException(Kind kind, String detail) {
        super(kind.text() + (detail.isEmpty() ? "" : ": " + detail));
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Why the extrinsic is refused. */
    public Kind kind() {
        return kind;
    }

    /** {@link Reason#INVALID_INPUT}. */
    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
