package io.threebot.deployer.tfgrid.chain;

import java.util.Objects;

/** What {@code state_getRuntimeVersion} says of the runtime: its name and the versions extrinsics are signed with. */
public record RuntimeVersion(String specName, long specVersion, long transactionVersion) {
    /** @throws NullPointerException when the name is null */
    public RuntimeVersion {
        Objects.requireNonNull(specName, "specName");
    }
}
