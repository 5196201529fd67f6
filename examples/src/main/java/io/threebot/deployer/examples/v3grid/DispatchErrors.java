package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.EnumValue;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code DispatchError::Module} values for module errors, with the indices the runtime's metadata gives them. */
final class DispatchErrors {

    private DispatchErrors() {
    }

    static EnumValue module(RuntimeMetadata metadata, ModuleError error) {
        RuntimeMetadata.PalletItem item = metadata.error(error.pallet(), error.error());
        Map<String, Object> module = new LinkedHashMap<>();
        module.put("index", item.palletIndex());
        module.put("error", new byte[] {(byte) item.index(), 0, 0, 0});
        return new EnumValue("Module", module);
    }
}
