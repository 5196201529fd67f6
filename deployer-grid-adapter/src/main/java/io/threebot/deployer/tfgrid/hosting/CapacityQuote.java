package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.tfgrid.chain.DiscountLevel;
import io.threebot.deployer.tfgrid.chain.DiscountedBilling;
import io.threebot.deployer.tfgrid.chain.PricingPolicy;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a 3Bot's contracts cost over a period, computed from the chain's pricing policies as
 * {@code pallet-smart-contract} bills them: the VM's node contract by the compute units and storage units of what its
 * node reports (cores and memory; the data disk and the root file system on SSD), the name contract by the policy's
 * unique-name price, and the networks and the gateway name proxy, which use no capacity, for nothing. A real grid
 * also bills the gateway's traffic in network units, which no one can know in advance: the quote funds the traffic
 * the operator expects a 3Bot to have ({@link TfgridHosting.Builder#trafficPerMonth}, none by default) at the policy's
 * network-unit price, billed as a contract of its own. USD prices become TFT at the
 * price billing takes ({@link TfchainClient#tftPriceMusd()}, or the configured one on a chain without a price
 * pallet). The period is billed by the hour, each hour at the {@link DiscountLevel discount} what is left of the
 * balance then earns ({@link DiscountedBilling}): a 3Bot paid for months costs less an hour at first, as the chain
 * bills it. Every part is rounded up and the discount counted is never more than the chain's, so billing over the
 * period takes no more, unless the TFT price falls in between.
 */
final class CapacityQuote {
    private static final MathContext MATH = MathContext.DECIMAL128;
    private static final long SECONDS_PER_HOUR = 3600;
    /** The hours of a month as traffic is counted here: thirty days, so that a month's traffic is never spread thin. */
    private static final long HOURS_PER_MONTH = 720;

    private final TfchainClient chain;
    private final Optional<Long> fallbackTftPriceMusd;
    private final long trafficBytesPerMonth;

    /** @param trafficBytesPerMonth the traffic funded for each 3Bot a month; 0 for none */
    CapacityQuote(TfchainClient chain, Optional<Long> fallbackTftPriceMusd, long trafficBytesPerMonth) {
        this.chain = chain;
        this.fallbackTftPriceMusd = fallbackTftPriceMusd;
        this.trafficBytesPerMonth = trafficBytesPerMonth;
    }

    /**
     * The cost in 10^-7 TFT, under the dearest of the chain's pricing policies (a farm may use any of them): the
     * highest quote, since a policy whose VM costs less and name more earns its discounts sooner.
     *
     * @throws GridUnavailableException when the chain has no pricing policy or no TFT price is known
     */
    long quote(BotSize size, Duration period) {
        long musd = chain.tftPriceMusd().or(() -> fallbackTftPriceMusd).orElseThrow(() ->
                new GridUnavailableException("the chain gives no TFT price to convert its USD prices with"));
        long last = chain.lastPricingPolicyId();
        Optional<Long> dearest = Optional.empty();
        for (long id = 1; id <= last; id++) {
            Optional<PricingPolicy> policy = chain.pricingPolicy(id);
            if (policy.isPresent()) {
                long quote = quote(policy.get(), size, period, musd, trafficBytesPerMonth);
                dearest = Optional.of(dearest.filter(d -> d >= quote).orElse(quote));
            }
        }
        return dearest.orElseThrow(() -> new GridUnavailableException("the chain has no pricing policy"));
    }

    /**
     * The cost under a policy at a TFT price in thousandths of a USD, in 10^-7 TFT: the balance that pays the VM's
     * and the name's bills for each hour of the period begun. The VM's hourly cost is rounded up to a whole 10^-7
     * USD first, as the chain rounds a bill's cost before it makes it TFT.
     */
    static long quote(PricingPolicy policy, BotSize size, Duration period, long tftPriceMusd) {
        return quote(policy, size, period, tftPriceMusd, 0);
    }

    /**
     * Like {@link #quote(PricingPolicy, BotSize, Duration, long)}, with {@code trafficBytesPerMonth} of traffic an
     * hour's share of it each hour, billed as a contract of its own (the gateway's node contract, which bills it),
     * its hourly cost rounded up to a whole 10^-7 USD too.
     */
    static long quote(PricingPolicy policy, BotSize size, Duration period, long tftPriceMusd,
                      long trafficBytesPerMonth) {
        long hours = (period.toSeconds() + SECONDS_PER_HOUR - 1) / SECONDS_PER_HOUR;
        BigDecimal vm = vmHourlyUsd(policy, size).setScale(0, RoundingMode.CEILING);
        List<BigDecimal> costs = new ArrayList<>(List.of(tft(vm, tftPriceMusd),
                tft(BigDecimal.valueOf(policy.uniqueName().value()), tftPriceMusd)));
        if (trafficBytesPerMonth > 0) {
            costs.add(tft(trafficHourlyUsd(policy, trafficBytesPerMonth).setScale(0, RoundingMode.CEILING),
                    tftPriceMusd));
        }
        return DiscountedBilling.balanceFor(costs, hours).longValueExact();
    }

    /** An hour's share of a month's traffic at the policy's network-unit price, in 10^-7 USD. */
    static BigDecimal trafficHourlyUsd(PricingPolicy policy, long trafficBytesPerMonth) {
        return units(trafficBytesPerMonth, policy.nu()).multiply(BigDecimal.valueOf(policy.nu().value()))
                .divide(BigDecimal.valueOf(HOURS_PER_MONTH), MATH);
    }

    /** The VM's cost an hour under a policy, in 10^-7 USD (networks and the gateway cost nothing). */
    static BigDecimal vmHourlyUsd(PricingPolicy policy, BotSize size) {
        BigDecimal cru = BigDecimal.valueOf(size.cpu());
        BigDecimal mru = units(size.memoryBytes(), policy.cu());
        BigDecimal sru = units(size.ssdBytes(), policy.su());
        BigDecimal cu = cru.divide(BigDecimal.valueOf(2), MATH).max(mru.divide(BigDecimal.valueOf(4), MATH))
                .min(cru.max(mru.divide(BigDecimal.valueOf(8), MATH)))
                .min(cru.divide(BigDecimal.valueOf(4), MATH).max(mru.divide(BigDecimal.valueOf(2), MATH)));
        BigDecimal su = sru.divide(BigDecimal.valueOf(200), MATH);
        return cu.multiply(BigDecimal.valueOf(policy.cu().value()))
                .add(su.multiply(BigDecimal.valueOf(policy.su().value())));
    }

    /** 10^-7 USD at a TFT price in thousandths of a USD, in 10^-7 TFT. */
    private static BigDecimal tft(BigDecimal usd, long tftPriceMusd) {
        return usd.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(tftPriceMusd), MATH);
    }

    private static BigDecimal units(long bytes, PricingPolicy.Price price) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(price.unitBytes()), MATH);
    }
}
