package io.threebot.deployer.tfgrid.chain;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an included extrinsic failed, as {@code sp_runtime::DispatchError} says: its variant ({@code Module},
 * {@code BadOrigin}, {@code Token}, ...), for a module error the pallet's and the error's names from the runtime
 * metadata and the error's first doc line, for {@code Token}, {@code Arithmetic} and {@code Transactional} the inner
 * variant's name as {@code error}.
 */
public record DispatchError(String kind, Optional<String> pallet, Optional<String> error, Optional<String> docs) {
    /** @throws NullPointerException when a part is null */
    public DispatchError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pallet, "pallet");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(docs, "docs");
    }

    /** Whether this is a module error. */
    public boolean isModule() {
        return kind.equals("Module");
    }

    /** {@code Module(TfgridModule.TwinNotExists)}, {@code Token(FundsUnavailable)}, {@code BadOrigin}. */
    @Override
    public String toString() {
        if (isModule()) {
            return "Module(" + pallet.orElse("?") + "." + error.orElse("?") + ")";
        }
        return error.map(e -> kind + "(" + e + ")").orElse(kind);
    }
}
