package io.threebot.deployer.tfgrid.chain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An extrinsic that was included and succeeded: its hash, the block it is in and its index there, whether that
 * block was finalized when the client stopped waiting, and the events it emitted (ending with
 * {@code System.ExtrinsicSuccess}).
 */
public record ExtrinsicResult(String extrinsicHash, String blockHash, int index, boolean finalized,
        List<ChainEvent> events) {
    /** @throws NullPointerException when a part is null */
    public ExtrinsicResult {
        Objects.requireNonNull(extrinsicHash, "extrinsicHash");
        Objects.requireNonNull(blockHash, "blockHash");
        events = List.copyOf(events);
    }

    /** The events {@code pallet.name} it emitted, in order. */
    public List<ChainEvent> events(String pallet, String name) {
        return events.stream().filter(e -> e.is(pallet, name)).toList();
    }

    /**
     * The contracts it created ({@code SmartContractModule.ContractCreated}), in order: how a batch of contracts
     * learns their ids.
     *
     * @throws ChainProtocolException when an event does not hold a contract
     */
    public List<Contract> contractsCreated() {
        return events("SmartContractModule", "ContractCreated").stream().map(e -> ChainRecords.contract(e.data()))
                .toList();
    }

    /**
     * The twin it created ({@code TfgridModule.TwinStored}), if it did.
     *
     * @throws ChainProtocolException when the event does not hold a twin
     */
    public Optional<Twin> twinCreated() {
        return events("TfgridModule", "TwinStored").stream().findFirst().map(e -> ChainRecords.twin(e.data()));
    }
}
