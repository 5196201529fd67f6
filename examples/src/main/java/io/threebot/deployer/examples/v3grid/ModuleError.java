package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.DeployerException;
import java.util.Objects;

/**
 * A call refused by a pallet, named as the pallet names the error (for example
 * {@code TfgridModule.UserDidNotSignTermsAndConditions}): the extrinsic is included, its fee is paid, its effects
 * are undone and {@code System.ExtrinsicFailed} carries {@code DispatchError::Module}. Reason
 * {@link Reason#CONFLICT}.
 */
public class ModuleError extends DeployerException {
    private final String pallet;
    private final String error;

    /** A module error of a pallet. */
    public ModuleError(String pallet, String error) {
        super(pallet + "." + error);
        this.pallet = Objects.requireNonNull(pallet, "pallet");
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The pallet's name, as in the metadata. */
    public String pallet() {
        return pallet;
    }

    /** The error's name, as in the metadata. */
    public String error() {
        return error;
    }

    /** {@link Reason#CONFLICT}. */
    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
