package io.threebot.deployer.explorer;

import io.threebot.deployer.spi.GridClient;

class SimulatedGridContractTest extends GridClientContract {
    @Override
    protected GridClient grid() {
        return sim;
    }
}
