package io.threebot.deployer.store;

import io.threebot.deployer.spi.StateStore;

/** The store contract in memory. */
class InMemoryStateStoreTest extends StateStoreContract {
    @Override
    StateStore newStore() {
        return new InMemoryStateStore();
    }
}
