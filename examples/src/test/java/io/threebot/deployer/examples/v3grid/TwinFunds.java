package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.chain.TfchainClient.Inclusion;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.math.BigInteger;

/** Takes a 3Bot twin's funds away, as its owner could, to make it run out. */
final class TwinFunds {
    private TwinFunds() {
    }

    /** Sends all but {@code keep} of the twin's spendable balance back to the operator, signed by the twin. */
    static void drain(LocalV3Grid grid, byte[] seed, BigInteger keep) {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
        try (TfchainClient own = TfchainClient.builder(grid.substrateUrl().toString()).signer(key).connect()) {
            own.submit(own.calls().transfer(SampleChainTopology.key("foundation").address(),
                    own.account(key.address()).spendable().subtract(keep)), Inclusion.IN_BLOCK);
        }
    }
}
