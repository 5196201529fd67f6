package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.tfgrid.chain.DiscountLevel;
import io.threebot.deployer.tfgrid.chain.DiscountedBilling;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.proxy.ContractBill;
import io.threebot.deployer.tfgrid.proxy.ContractFilter;
import io.threebot.deployer.tfgrid.proxy.GridContract;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A twin's {@link Funding}: its spendable balance from the chain, and the hourly cost of its live contracts from
 * their bills in gridproxy (the newest bill's amount over the time since the bill before it, or since the contract
 * was created). The time left counts the hourly bills the balance pays as the chain's {@link DiscountLevel discount}
 * falls while it is spent ({@link DiscountedBilling}), from what each contract costs before its bill's discount: a
 * balance earning a discount now does not last at that price to its end.
 *
 * <p>A contract with no bill yet is either too young to have been billed or costs nothing (a node contract without
 * resources, as a gateway's is). The chain bills each contract once per billing period, so one that a whole period
 * of the twin's own bills has passed by (the period read as the time between a contract's two newest bills) costs
 * nothing. Until then the cost is not known: counting it as nothing would make the balance seem to last longer than
 * it does (a 3Bot's VM billed before its name contract, say), so the funding then has no cost and no time left.
 */
final class FundingReader {
    private static final long SECONDS_PER_HOUR = 3600;
    /** The longest time left told, in hours (more than a million years). */
    private static final long MAX_HOURS = 10_000_000_000L;

    private final TfchainClient chain;
    private final GridProxyClient proxy;

    FundingReader(TfchainClient chain, GridProxyClient proxy) {
        this.chain = chain;
        this.proxy = proxy;
    }

    Funding funding(String address, long twinId) {
        BigInteger spendable = chain.account(address).spendable();
        List<GridContract> live = proxy.contracts(ContractFilter.liveOfTwin(twinId), PageRequest.first(100)).items();
        Map<GridContract, List<ContractBill>> billsOf = new LinkedHashMap<>();
        for (GridContract contract : live) {
            billsOf.put(contract, proxy.bills(contract.contractId(), PageRequest.first(2)).items());
        }
        Optional<List<HourlyCost>> costs = hourlyCosts(billsOf);
        if (costs.isEmpty()) {
            return new Funding(spendable, Optional.empty(), Optional.empty());
        }
        BigInteger hourly = costs.get().stream().map(HourlyCost::billed).reduce(BigInteger.ZERO, BigInteger::add);
        long hours = DiscountedBilling.hoursPaid(spendable, costs.get().stream().map(HourlyCost::undiscounted)
                .toList());
        Optional<Duration> left = hourly.signum() == 0 ? Optional.empty()
                : Optional.of(Duration.ofHours(Math.min(hours, MAX_HOURS)));
        return new Funding(spendable, Optional.of(hourly), left);
    }

    /** What a contract's newest bill says it costs an hour: as billed, and before the bill's discount. */
    private record HourlyCost(BigInteger billed, BigDecimal undiscounted) {
    }

    /** The contracts' costs an hour; empty while none is billed or one's cost is not known yet. */
    private static Optional<List<HourlyCost>> hourlyCosts(Map<GridContract, List<ContractBill>> billsOf) {
        Optional<Instant> newestBill = billsOf.values().stream().flatMap(List::stream).map(ContractBill::timestamp)
                .max(Instant::compareTo);
        Optional<Duration> period = billsOf.values().stream().filter(bills -> bills.size() > 1)
                .map(bills -> Duration.between(bills.get(1).timestamp(), bills.get(0).timestamp()))
                .max(Duration::compareTo);
        List<HourlyCost> costs = new ArrayList<>();
        for (Map.Entry<GridContract, List<ContractBill>> entry : billsOf.entrySet()) {
            Optional<HourlyCost> cost = hourlyCost(entry.getKey(), entry.getValue());
            if (cost.isPresent()) {
                costs.add(cost.get());
            } else if (period.isEmpty() || newestBill.isEmpty()
                    || entry.getKey().createdAt().plus(period.get()).isAfter(newestBill.get())) {
                return Optional.empty();
            }
        }
        return costs.isEmpty() ? Optional.empty() : Optional.of(costs);
    }

    private static Optional<HourlyCost> hourlyCost(GridContract contract, List<ContractBill> bills) {
        if (bills.isEmpty()) {
            return Optional.empty();
        }
        ContractBill newest = bills.get(0);
        long since = bills.size() > 1 ? bills.get(1).timestamp().getEpochSecond()
                : contract.createdAt().getEpochSecond();
        long seconds = newest.timestamp().getEpochSecond() - since;
        if (seconds <= 0) {
            return Optional.empty();
        }
        BigInteger amount = BigInteger.valueOf(newest.amountBilled());
        // a level it does not name is read as the largest discount: the cost behind the bill is then the highest
        DiscountLevel level = DiscountLevel.named(newest.discountReceived()).orElse(DiscountLevel.GOLD);
        return Optional.of(new HourlyCost(amount.multiply(BigInteger.valueOf(SECONDS_PER_HOUR))
                .divide(BigInteger.valueOf(seconds)), level.undiscounted(amount)
                .multiply(BigDecimal.valueOf(SECONDS_PER_HOUR)).divide(BigDecimal.valueOf(seconds),
                        MathContext.DECIMAL128)));
    }
}
