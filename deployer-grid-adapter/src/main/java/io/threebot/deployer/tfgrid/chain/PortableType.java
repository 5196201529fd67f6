package io.threebot.deployer.tfgrid.chain;

import java.util.List;

/** One entry of the metadata's type registry: its id, Rust path (e.g. {@code sp_core::crypto::AccountId32}), generic parameters and shape. */
record PortableType(int id, List<String> path, List<Param> params, TypeDef def) {

    /** A generic parameter; {@code type} is -1 when the registry leaves it out. */
    record Param(String name, int type) {
    }

    String name() {
        return path.isEmpty() ? "" : path.get(path.size() - 1);
    }

    int param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).mapToInt(Param::type).findFirst().orElse(-1);
    }
}
