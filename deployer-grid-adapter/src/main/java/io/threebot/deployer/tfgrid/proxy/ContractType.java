package io.threebot.deployer.tfgrid.proxy;

import java.util.Optional;

/** The three kinds of tfchain contract the gridproxy lists: {@code node}, {@code name} and {@code rent}. */
public enum ContractType {
    /** A node contract: one deployment on one node ({@link NodeContractDetails}). */
    NODE("node"),
    /** A name contract: a gateway name ({@link NameContractDetails}). */
    NAME("name"),
    /** A rent contract: a whole node rented ({@link RentContractDetails}). */
    RENT("rent");

    private final String wire;

    ContractType(String wire) {
        this.wire = wire;
    }

    /** The gridproxy's spelling. */
    public String wireName() {
        return wire;
    }

    static Optional<ContractType> fromWire(String text) {
        for (ContractType type : values()) {
            if (type.wire.equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
