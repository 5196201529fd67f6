package io.threebot.deployer.tfgrid.chain;

import java.util.Optional;
import java.util.Set;

/**
 * Reads the dispatch error of {@code System.ExtrinsicFailed} and turns it into the exception a caller acts on: a
 * module error is looked up in the runtime metadata by pallet and error index (the first byte of
 * {@code ModuleError.error}, or the error itself on runtimes where it is one byte), then well-known names get their
 * own types.
 */
final class DispatchErrors {
    private static final Set<String> NOT_ENOUGH_FUNDS = Set.of("InsufficientBalance", "FundsUnavailable",
            "FarmerDoesNotHaveEnoughFunds", "BalanceNotSufficient", "NotEnoughBalance", "InsufficientFunds");

    private DispatchErrors() {
    }

    /** The dispatch error of an {@code ExtrinsicFailed} event's data. */
    static DispatchError of(RuntimeMetadata metadata, Object failedEventData) {
        DecodedValue data = DecodedValue.of(failedEventData, "ExtrinsicFailed event");
        DecodedValue error = data.has("dispatch_error") ? data.field("dispatch_error")
                : data.raw() instanceof java.util.List<?> ? data.item(0) : data;
        String kind = error.variant();
        DecodedValue value = error.variantValue();
        if (kind.equals("Module")) {
            int pallet = (int) value.field("index").longValue();
            DecodedValue code = value.field("error");
            int index = code.raw() instanceof byte[] bytes ? (bytes.length == 0 ? -1 : bytes[0] & 0xff)
                    : (int) Math.min(Integer.MAX_VALUE, code.longValue());
            try {
                RuntimeMetadata.PalletItem item = metadata.error(pallet, index);
                return new DispatchError(kind, Optional.of(item.pallet()), Optional.of(item.name()),
                        item.variant().docs().stream().filter(d -> !d.isBlank()).findFirst().map(String::strip));
            } catch (MetadataException e) {
                return new DispatchError(kind, Optional.of("#" + pallet), Optional.of("#" + index), Optional.empty());
            }
        }
        Optional<String> inner = value.raw() instanceof EnumValue e ? Optional.of(e.name()) : Optional.empty();
        return new DispatchError(kind, Optional.empty(), inner, Optional.empty());
    }

    /** The exception for a failed extrinsic. */
    static ChainException failure(DispatchError error, String blockHash) {
        String name = error.error().orElse("");
        if (NOT_ENOUGH_FUNDS.contains(name)) {
            return new NotEnoughFundsException("the account cannot pay: the chain refused the extrinsic with "
                    + error, error, blockHash);
        }
        if (!error.isModule()) {
            return new ExtrinsicFailedException(error, blockHash);
        }
        return switch (name) {
            case "TwinNotExists" -> new TwinNotFoundException(error, blockHash);
            case "TwinExists" -> new TwinExistsException(error, blockHash);
            case "ContractNotExists" -> new ContractNotFoundException(error, blockHash);
            case "NameExists" -> new NameTakenException(error, blockHash);
            case "ContractIsNotUnique" -> new ContractNotUniqueException(error, blockHash);
            case "UserDidNotSignTermsAndConditions" -> new TermsNotAcceptedException(error, blockHash);
            default -> new ChainModuleException(error, blockHash);
        };
    }
}
