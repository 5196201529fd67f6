package io.threebot.deployer.examples.v3grid;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The grid's pricing policy (tfchain's policy 1), in ten-millionths of a USD per hour, and the cost of a contract
 * from it, as {@code pallet-smart-contract}'s {@code cost.rs} computes it: compute units and storage units of the
 * resources a node reported for a node contract, plus its public IPs; the unique-name price for a name contract.
 */
final class PricingPolicy {
    static final long ID = 1;
    static final long SU = 50_000;
    static final long CU = 100_000;
    static final long NU = 15_000;
    static final long IPU = 40_000;
    static final long UNIQUE_NAME = 5_000;
    static final long DOMAIN_NAME = 10_000;
    private static final double GIB = 1L << 30;

    private PricingPolicy() {
    }

    /** What a contract costs for {@code seconds} of chain time, in TFT's smallest unit. */
    static BigInteger cost(Contract contract, Resources used, long seconds, long tftPriceMusd) {
        double usdPerHour;
        if (contract.type() == Contract.Type.NAME) {
            usdPerHour = UNIQUE_NAME;
        } else {
            double cu = computeUnits(used.cru(), used.mru() / GIB);
            double su = used.hru() / GIB / 1200 + used.sru() / GIB / 200;
            usdPerHour = cu * CU + su * SU + contract.publicIps() * (double) IPU;
        }
        double usd = usdPerHour * seconds / 3600.0;
        return BigInteger.valueOf((long) Math.floor(usd * 1000 / tftPriceMusd));
    }

    private static double computeUnits(double cru, double mruGib) {
        double cu1 = Math.max(mruGib / 4, cru / 2);
        double cu2 = Math.max(mruGib / 8, cru);
        double cu3 = Math.max(mruGib / 2, cru / 4);
        return Math.min(cu1, Math.min(cu2, cu3));
    }

    static Map<String, Object> scale(String foundationAccount) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", 1);
        map.put("id", ID);
        map.put("name", ScaleValues.text("threefold_default_pricing_policy"));
        map.put("su", policy(SU));
        map.put("cu", policy(CU));
        map.put("nu", policy(NU));
        map.put("ipu", policy(IPU));
        map.put("unique_name", policy(UNIQUE_NAME));
        map.put("domain_name", policy(DOMAIN_NAME));
        map.put("foundation_account", ScaleValues.hex(foundationAccount));
        map.put("certified_sales_account", ScaleValues.hex(foundationAccount));
        map.put("discount_for_dedication_nodes", 50);
        return map;
    }

    private static Map<String, Object> policy(long value) {
        return new LinkedHashMap<>(Map.of("value", value, "unit", "Gigabytes"));
    }

}
