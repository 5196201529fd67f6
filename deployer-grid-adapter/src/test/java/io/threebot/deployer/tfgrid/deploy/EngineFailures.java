package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.grid.GridUnavailableException;
import java.math.BigInteger;

/** The engine's failures, made for tests of code built on it (their constructors are the engine's own). */
public final class EngineFailures {
    private EngineFailures() {
    }

    /** A transfer whose fate the chain did not tell. */
    public static TransferOutcomeUnknownException transferUnknown(String address, BigInteger amount) {
        return new TransferOutcomeUnknownException(address, amount,
                new GridUnavailableException("the connection closed before the answer"));
    }
}
