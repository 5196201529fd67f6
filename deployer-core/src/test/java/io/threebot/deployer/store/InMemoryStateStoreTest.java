package io.threebot.deployer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;

/** The store contract in memory. */
class InMemoryStateStoreTest extends StateStoreContract {
    @Override
    StateStore newStore() {
        return new InMemoryStateStore();
    }

    /** In memory every value is JSON: the record is written in a shape its type cannot be read from. */
    @Override
    void damage(StateStore store, String kind, String id) {
        Versioned<JsonNode> record = store.get(kind, id, JsonNode.class).orElseThrow();
        ObjectNode reshaped = ((ObjectNode) record.value()).deepCopy();
        reshaped.putObject("name").put("not", "text");
        store.put(kind, id, reshaped, record.version());
    }
}
