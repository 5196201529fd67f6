package io.threebot.deployer.examples.v3grid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * TfgridModule's calls a user makes: accept the terms and conditions, then create (or update) a twin. Checks and
 * error names as {@code pallet-tfgrid} has them.
 */
final class TfgridPallet {
    static final String NAME = "TfgridModule";
    private static final int MAX_DOCUMENT_LINK_LENGTH = 2048;
    private static final int MAX_DOCUMENT_HASH_LENGTH = 50;
    private static final int MAX_RELAY_LENGTH = 50;
    private static final int MAX_PK_LENGTH = 128;

    private TfgridPallet() {
    }

    static void userAcceptTc(BlockContext ctx, String account, byte[] link, byte[] hash) {
        if (link.length == 0) {
            throw new ModuleError(NAME, "DocumentLinkInputTooShort");
        }
        if (link.length > MAX_DOCUMENT_LINK_LENGTH) {
            throw new ModuleError(NAME, "DocumentLinkInputTooLong");
        }
        if (!printable(link)) {
            throw new ModuleError(NAME, "InvalidDocumentLinkInput");
        }
        if (hash.length == 0) {
            throw new ModuleError(NAME, "DocumentHashInputTooShort");
        }
        if (hash.length > MAX_DOCUMENT_HASH_LENGTH) {
            throw new ModuleError(NAME, "DocumentHashInputTooLong");
        }
        if (!printable(hash)) {
            throw new ModuleError(NAME, "InvalidDocumentHashInput");
        }
        List<TermsAcceptance> accepted = new ArrayList<>(ctx.state.terms.getOrDefault(account, List.of()));
        accepted.add(new TermsAcceptance(ctx.nowSeconds, new String(link, StandardCharsets.US_ASCII),
                new String(hash, StandardCharsets.US_ASCII)));
        ctx.state.terms.put(account, List.copyOf(accepted));
    }

    static void createTwin(BlockContext ctx, String account, Optional<byte[]> relay, Optional<byte[]> pk) {
        if (!ctx.state.terms.containsKey(account)) {
            throw new ModuleError(NAME, "UserDidNotSignTermsAndConditions");
        }
        if (ctx.state.twinOf(account).isPresent()) {
            throw new ModuleError(NAME, "TwinWithPubkeyExists");
        }
        Optional<String> validRelay = relay(relay);
        Optional<String> validPk = publicKey(pk);
        long id = ++ctx.state.lastTwinId;
        Twin twin = new Twin(id, account, validRelay, validPk);
        ctx.state.twins.put(id, twin);
        ctx.deposit(NAME, "TwinStored", ScaleValues.twin(twin));
    }

    static void updateTwin(BlockContext ctx, String account, Optional<byte[]> relay, Optional<byte[]> pk) {
        Twin twin = ctx.state.twinOf(account).orElseThrow(() -> new ModuleError(NAME, "TwinNotExists"));
        Twin updated = new Twin(twin.id(), account, relay(relay), publicKey(pk));
        ctx.state.twins.put(twin.id(), updated);
        ctx.deposit(NAME, "TwinUpdated", ScaleValues.twin(updated));
    }

    private static Optional<String> relay(Optional<byte[]> relay) {
        if (relay.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = relay.get();
        if (bytes.length < 3) {
            throw new ModuleError(NAME, "RelayTooShort");
        }
        if (bytes.length > MAX_RELAY_LENGTH) {
            throw new ModuleError(NAME, "RelayTooLong");
        }
        for (byte b : bytes) {
            boolean ok = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '-'
                    || b == ':' || b == '_';
            if (!ok) {
                throw new ModuleError(NAME, "InvalidRelayAddress");
            }
        }
        return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
    }

    private static Optional<String> publicKey(Optional<byte[]> pk) {
        if (pk.isPresent() && pk.get().length > MAX_PK_LENGTH) {
            throw new ModuleError(NAME, "InvalidPublicConfig");
        }
        return pk.map(HexFormat.of()::formatHex);
    }

    private static boolean printable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
