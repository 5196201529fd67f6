package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.EnumValue;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes a decoded call (the runtime's call enum: pallet, then call, then its arguments) to the pallet that makes
 * it, on behalf of the signer. {@code Utility.batch_all} is all or nothing; {@code Utility.batch} stops at the first
 * failure and reports it with {@code BatchInterrupted}, as {@code pallet-utility} does.
 */
final class CallDispatcher {

    private CallDispatcher() {
    }

    /**
     * Makes a call.
     *
     * @throws ModuleError when a pallet refuses it (the caller undoes its effects)
     */
    static void dispatch(BlockContext ctx, String signer, EnumValue call) {
        EnumValue inner = (EnumValue) call.value();
        Object args = inner.value();
        String name = call.name() + "." + inner.name();
        switch (name) {
            case "System.remark" -> { }
            case "TfgridModule.user_accept_tc" -> TfgridPallet.userAcceptTc(ctx, signer,
                    bytes(arg(args, "document_link")), bytes(arg(args, "document_hash")));
            case "TfgridModule.create_twin" -> TfgridPallet.createTwin(ctx, signer, optionalBytes(arg(args, "relay")),
                    optionalBytes(arg(args, "pk")));
            case "TfgridModule.update_twin" -> TfgridPallet.updateTwin(ctx, signer, optionalBytes(arg(args, "relay")),
                    optionalBytes(arg(args, "pk")));
            case "SmartContractModule.create_node_contract" -> SmartContractPallet.createNodeContract(ctx, signer,
                    number(arg(args, "node_id")), bytes(arg(args, "deployment_hash")),
                    bytes(arg(args, "deployment_data")), number(arg(args, "public_ips")));
            case "SmartContractModule.update_node_contract" -> SmartContractPallet.updateNodeContract(ctx, signer,
                    number(arg(args, "contract_id")), bytes(arg(args, "deployment_hash")),
                    bytes(arg(args, "deployment_data")));
            case "SmartContractModule.cancel_contract" -> SmartContractPallet.cancelContract(ctx, signer,
                    number(args));
            case "SmartContractModule.create_name_contract" -> SmartContractPallet.createNameContract(ctx, signer,
                    bytes(args));
            case "SmartContractModule.report_contract_resources" -> SmartContractPallet.reportContractResources(ctx,
                    signer, maps(args));
            case "Balances.transfer_allow_death", "Balances.transfer_keep_alive" -> BalancesPallet.transfer(ctx, signer,
                    destination(arg(args, "dest")), (BigInteger) arg(args, "value"),
                    inner.name().equals("transfer_keep_alive"));
            case "Utility.batch_all", "Utility.force_batch" -> batchAll(ctx, signer, calls(args));
            case "Utility.batch" -> batch(ctx, signer, calls(args));
            default -> throw new ModuleError("System", "CallFiltered");
        }
    }

    private static void batchAll(BlockContext ctx, String signer, List<EnumValue> calls) {
        for (EnumValue call : calls) {
            dispatch(ctx, signer, call);
            ctx.deposit("Utility", "ItemCompleted", null);
        }
        ctx.deposit("Utility", "BatchCompleted", null);
    }

    private static void batch(BlockContext ctx, String signer, List<EnumValue> calls) {
        for (int i = 0; i < calls.size(); i++) {
            ChainState saved = ctx.state.copy();
            int events = ctx.eventCount();
            try {
                dispatch(ctx, signer, calls.get(i));
                ctx.deposit("Utility", "ItemCompleted", null);
            } catch (ModuleError e) {
                ctx.state.restore(saved);
                ctx.truncateEvents(events);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("index", i);
                data.put("error", DispatchErrors.module(ctx.metadata, e));
                ctx.deposit("Utility", "BatchInterrupted", data);
                return;
            }
        }
        ctx.deposit("Utility", "BatchCompleted", null);
    }

    private static Object arg(Object args, String name) {
        if (!(args instanceof Map<?, ?> map) || !map.containsKey(name)) {
            throw new IllegalStateException("the call has no argument " + name);
        }
        return map.get(name);
    }

    private static byte[] bytes(Object value) {
        return (byte[]) value;
    }

    private static Optional<byte[]> optionalBytes(Object value) {
        return ((Optional<?>) value).map(v -> (byte[]) v);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<EnumValue> calls(Object value) {
        return (List<EnumValue>) value;
    }

    private static String destination(Object address) {
        EnumValue multiAddress = (EnumValue) address;
        if (!multiAddress.name().equals("Id")) {
            throw new ModuleError("System", "CallFiltered");
        }
        return java.util.HexFormat.of().formatHex((byte[]) multiAddress.value());
    }
}
