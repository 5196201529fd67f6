package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.proxy.ContractBill;
import io.threebot.deployer.tfgrid.proxy.ContractFilter;
import io.threebot.deployer.tfgrid.proxy.ContractState;
import io.threebot.deployer.tfgrid.proxy.GridContract;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A twin's {@link Funding}: its spendable balance from the chain, and the hourly cost of its live contracts from
 * their bills in gridproxy (the newest bill's amount over the time since the bill before it, or since the contract
 * was created). A contract not billed yet (new, or costing nothing, as a network does) counts as nothing.
 */
final class FundingReader {
    private static final long SECONDS_PER_HOUR = 3600;

    private final TfchainClient chain;
    private final GridProxyClient proxy;

    FundingReader(TfchainClient chain, GridProxyClient proxy) {
        this.chain = chain;
        this.proxy = proxy;
    }

    Funding funding(String address, long twinId) {
        BigInteger spendable = chain.account(address).spendable();
        List<GridContract> live = proxy.contracts(ContractFilter.builder().twinId(twinId)
                .state(ContractState.CREATED, ContractState.GRACE_PERIOD).build(), PageRequest.first(100)).items();
        BigInteger hourly = BigInteger.ZERO;
        boolean billed = false;
        for (GridContract contract : live) {
            Optional<BigInteger> cost = hourlyCost(contract);
            if (cost.isPresent()) {
                hourly = hourly.add(cost.get());
                billed = true;
            }
        }
        if (!billed) {
            return new Funding(spendable, Optional.empty(), Optional.empty());
        }
        Optional<Duration> left = hourly.signum() == 0 ? Optional.empty()
                : Optional.of(Duration.ofSeconds(spendable.multiply(BigInteger.valueOf(SECONDS_PER_HOUR))
                        .divide(hourly).min(BigInteger.valueOf(Long.MAX_VALUE / 1_000_000_000L)).longValue()));
        return new Funding(spendable, Optional.of(hourly), left);
    }

    private Optional<BigInteger> hourlyCost(GridContract contract) {
        List<ContractBill> bills = proxy.bills(contract.contractId(), PageRequest.first(2)).items();
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
        return Optional.of(BigInteger.valueOf(newest.amountBilled()).multiply(BigInteger.valueOf(SECONDS_PER_HOUR))
                .divide(BigInteger.valueOf(seconds)));
    }
}
