package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.tfgrid.keys.Ss58;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Turns decoded storage values and events into the client's records: accounts, twins, contracts, and a block's
 * events with the extrinsic each belongs to. Values that do not have the expected shape are
 * {@link ChainProtocolException}s.
 */
final class ChainRecords {
    /** An event of a block, with the index of the extrinsic that emitted it (empty outside extrinsics). */
    record BlockEvent(OptionalInt extrinsic, ChainEvent event) {
    }

    private ChainRecords() {
    }

    static AccountBalance account(Object decoded) {
        DecodedValue info = DecodedValue.of(decoded, "System.Account value");
        DecodedValue data = info.field("data");
        BigInteger frozen;
        if (data.has("frozen")) {
            frozen = data.field("frozen").integer();
        } else {
            frozen = data.field("misc_frozen").integer().max(data.field("fee_frozen").integer());
        }
        return new AccountBalance(info.field("nonce").longValue(), data.field("free").integer(),
                data.field("reserved").integer(), frozen);
    }

    static Twin twin(Object decoded) {
        DecodedValue twin = DecodedValue.of(decoded, "twin");
        byte[] account = twin.field("account_id").bytes();
        if (account.length != 32) {
            throw twin.refused("account id has " + account.length + " bytes, not 32");
        }
        return new Twin(twin.field("id").longValue(), Ss58.encode(account),
                twin.field("relay").option().map(r -> text(r.bytes())),
                twin.field("pk").option().map(p -> "0x" + HexFormat.of().formatHex(p.bytes())));
    }

    static Contract contract(Object decoded) {
        DecodedValue contract = DecodedValue.of(decoded, "contract");
        DecodedValue state = contract.field("state");
        Contract.State status;
        Optional<String> cause = Optional.empty();
        OptionalLong grace = OptionalLong.empty();
        switch (state.variant()) {
            case "Created" -> status = Contract.State.CREATED;
            case "Deleted" -> {
                status = Contract.State.DELETED;
                cause = Optional.of(state.variantValue().variant());
            }
            case "GracePeriod" -> {
                status = Contract.State.GRACE_PERIOD;
                grace = OptionalLong.of(state.variantValue().longValue());
            }
            default -> throw state.refused("is " + state.variant() + ", a state this client does not know");
        }
        DecodedValue type = contract.field("contract_type");
        DecodedValue data = type.variantValue();
        Contract.Type kind = switch (type.variant()) {
            case "NodeContract" -> {
                List<Contract.PublicIp> ips = new ArrayList<>();
                for (DecodedValue ip : data.field("public_ips_list").list()) {
                    ips.add(new Contract.PublicIp(text(ip.field("ip").bytes()), text(ip.field("gateway").bytes()),
                            ip.field("contract_id").longValue()));
                }
                yield new Contract.NodeContract(data.field("node_id").longValue(),
                        text(data.field("deployment_hash").bytes()), text(data.field("deployment_data").bytes()),
                        data.field("public_ips").longValue(), ips);
            }
            case "NameContract" -> new Contract.NameContract(text(data.fieldOrSelf("name").bytes()));
            case "RentContract" -> new Contract.RentContract(data.fieldOrSelf("node_id").longValue());
            default -> throw type.refused("is " + type.variant() + ", a contract type this client does not know");
        };
        return new Contract(contract.field("contract_id").longValue(), contract.field("version").longValue(),
                contract.field("twin_id").longValue(), status, cause, grace, kind,
                contract.field("solution_provider_id").option().map(DecodedValue::longValue));
    }

    static PricingPolicy pricingPolicy(Object decoded) {
        DecodedValue policy = DecodedValue.of(decoded, "pricing policy");
        return new PricingPolicy(policy.field("id").longValue(), text(policy.field("name").bytes()),
                price(policy.field("su")), price(policy.field("cu")), price(policy.field("nu")),
                price(policy.field("ipu")), price(policy.field("unique_name")), price(policy.field("domain_name")));
    }

    private static PricingPolicy.Price price(DecodedValue price) {
        DecodedValue unit = price.field("unit");
        long bytes = switch (unit.variant()) {
            case "Bytes" -> 1L;
            case "Kilobytes" -> 1L << 10;
            case "Megabytes" -> 1L << 20;
            case "Gigabytes" -> 1L << 30;
            case "Terrabytes" -> 1L << 40;
            default -> throw unit.refused("is " + unit.variant() + ", a unit this client does not know");
        };
        return new PricingPolicy.Price(price.field("value").longValue(), bytes);
    }

    /** The events of a block, from the decoded {@code System.Events}. */
    static List<BlockEvent> events(Object decoded) {
        List<BlockEvent> events = new ArrayList<>();
        for (DecodedValue record : DecodedValue.of(decoded, "System.Events value").list()) {
            DecodedValue phase = record.field("phase");
            OptionalInt extrinsic = phase.variant().equals("ApplyExtrinsic")
                    ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, phase.variantValue().longValue()))
                    : OptionalInt.empty();
            DecodedValue outer = record.field("event");
            EnumValue inner = outer.variantValue().enumValue();
            events.add(new BlockEvent(extrinsic, new ChainEvent(outer.variant(), inner.name(), inner.value())));
        }
        return events;
    }

    /** UTF-8 text of bytes a node stored; invalid sequences become replacement characters. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
