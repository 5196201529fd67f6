package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.EnumValue;
import io.threebot.deployer.tfgrid.chain.Hashing;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import io.threebot.deployer.tfgrid.chain.ScaleWriter;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the next block on a state: the timestamp inherent, pending deposits (activations), the signed extrinsics
 * (fee and nonce first, then the call, undone when it fails, with {@code ExtrinsicSuccess} or
 * {@code ExtrinsicFailed}), then billing at the block's end; then the header (parent hash, number, state root,
 * extrinsics root, an aura pre-runtime digest) and its hash.
 */
final class BlockAuthor {
    private static final HexFormat HEX = HexFormat.of();

    private final TfchainRuntime runtime;
    private final LocalTfchainConfig config;

    BlockAuthor(TfchainRuntime runtime, LocalTfchainConfig config) {
        this.runtime = runtime;
        this.config = config;
    }

    /** A deposit to make at the start of a block (what the activation service sends). */
    record Deposit(String account, BigInteger amount) {
    }

    /** The result: the block, and which extrinsics were included or dropped (stale by then). */
    record Built(Block block, byte[] eventsBytes, List<String> included, List<String> dropped) {
    }

    Built build(ChainState state, Block parent, List<Deposit> deposits, List<SignedExtrinsic> extrinsics,
            StateRoot stateRoot) {
        long number = parent.number() + 1;
        long timestamp = parent.timestamp() + config.chainSecondsPerBlock() * 1000;
        RuntimeMetadata metadata = runtime.metadata();
        BlockContext ctx = new BlockContext(metadata, state, config, number, timestamp / 1000);
        List<String> body = new ArrayList<>();
        List<String> included = new ArrayList<>();
        List<String> dropped = new ArrayList<>();

        ctx.applying(0);
        byte[] inherent = metadata.call("Timestamp", "set", BigInteger.valueOf(timestamp)).bytes();
        body.add("0x" + HEX.formatHex(new ScaleWriter().bytes(new ScaleWriter().u8(4).raw(inherent).toByteArray())
                .toByteArray()));
        ctx.deposit("System", "ExtrinsicSuccess", dispatchInfo("Mandatory", "Yes"));
        for (Deposit deposit : deposits) {
            BalancesPallet.mint(ctx, deposit.account(), deposit.amount());
        }
        for (SignedExtrinsic extrinsic : extrinsics) {
            Account account = state.account(extrinsic.signer());
            if (extrinsic.nonce() != account.nonce() || account.usable().compareTo(extrinsic.fee()) < 0) {
                dropped.add(extrinsic.hash());
                continue;
            }
            ctx.applying(body.size());
            body.add("0x" + HEX.formatHex(extrinsic.bytes()));
            included.add(extrinsic.hash());
            apply(ctx, extrinsic);
        }
        ctx.applying(-1);
        Billing.billBlock(ctx);

        byte[] events = encodeEvents(metadata, ctx.events());
        byte[] extrinsicsRoot = Hashing.blake2b256(String.join("", body).getBytes(StandardCharsets.US_ASCII));
        byte[] root = stateRoot.compute(state.snapshot(), number, parent.hash(), timestamp, events);
        byte[] header = new ScaleWriter().raw(HEX.parseHex(parent.hash().substring(2))).compact(number).raw(root)
                .raw(extrinsicsRoot).compact(1).u8(6).raw("aura".getBytes(StandardCharsets.US_ASCII))
                .bytes(new ScaleWriter().u64(timestamp / (config.chainSecondsPerBlock() * 1000)).toByteArray())
                .toByteArray();
        String hash = "0x" + HEX.formatHex(Hashing.blake2b256(header));
        Block block = new Block(number, hash, parent.hash(), HEX.formatHex(header), body, timestamp,
                HEX.formatHex(events), ctx.events());
        return new Built(block, events, included, dropped);
    }

    /** Computes a block's state root from what goes into its storage. */
    interface StateRoot {
        byte[] compute(ChainSnapshot state, long number, String parentHash, long timestamp, byte[] events);
    }

    private void apply(BlockContext ctx, SignedExtrinsic extrinsic) {
        String signer = extrinsic.signer();
        BalancesPallet.withdrawFee(ctx, signer, extrinsic.fee());
        ctx.state.accounts.put(signer, ctx.state.account(signer).withNextNonce());
        ChainState saved = ctx.state.copy();
        int eventsBefore = ctx.eventCount();
        ModuleError failure = null;
        try {
            CallDispatcher.dispatch(ctx, signer, extrinsic.call());
        } catch (ModuleError e) {
            failure = e;
            ctx.state.restore(saved);
            ctx.truncateEvents(eventsBefore);
        }
        Map<String, Object> paid = new LinkedHashMap<>();
        paid.put("who", ScaleValues.hex(signer));
        paid.put("actual_fee", extrinsic.fee().subtract(extrinsic.tip()));
        paid.put("tip", extrinsic.tip());
        ctx.deposit("TransactionPayment", "TransactionFeePaid", paid);
        if (failure == null) {
            ctx.deposit("System", "ExtrinsicSuccess", dispatchInfo("Normal", "Yes"));
        } else {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("dispatch_error", DispatchErrors.module(ctx.metadata, failure));
            data.put("dispatch_info", dispatchInfo("Normal", "Yes"));
            ctx.deposit("System", "ExtrinsicFailed", data);
        }
    }

    private static Map<String, Object> dispatchInfo(String dispatchClass, String pays) {
        Map<String, Object> weight = new LinkedHashMap<>();
        weight.put("ref_time", 200_000_000L);
        weight.put("proof_size", 3_500L);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("weight", weight);
        info.put("class", dispatchClass);
        info.put("pays_fee", pays);
        return info;
    }

    static byte[] encodeEvents(RuntimeMetadata metadata, List<ChainEvent> events) {
        List<Object> records = new ArrayList<>();
        for (ChainEvent event : events) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("phase", event.extrinsic() >= 0
                    ? new EnumValue("ApplyExtrinsic", (long) event.extrinsic()) : EnumValue.of("Finalization"));
            record.put("event", new EnumValue(event.pallet(), new EnumValue(event.name(), event.data())));
            record.put("topics", List.of());
            records.add(record);
        }
        return metadata.encode(metadata.storage("System", "Events").valueType(), records);
    }
}
