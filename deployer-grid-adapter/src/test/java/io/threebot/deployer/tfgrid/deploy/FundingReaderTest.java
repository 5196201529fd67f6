package io.threebot.deployer.tfgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.threebot.deployer.tfgrid.chain.AccountBalance;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.proxy.ContractBill;
import io.threebot.deployer.tfgrid.proxy.ContractState;
import io.threebot.deployer.tfgrid.proxy.ContractType;
import io.threebot.deployer.tfgrid.proxy.GridContract;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.NameContractDetails;
import io.threebot.deployer.tfgrid.proxy.NodeContractDetails;
import io.threebot.deployer.tfgrid.proxy.Page;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How long a twin's balance lasts, from its contracts' bills: only once every contract that costs has been billed,
 * never from part of them.
 */
class FundingReaderTest {
    private static final String ADDRESS = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    private static final long TWIN = 7;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    /** 72 hours of a VM at 5,150,000 and a name at 500,000 an hour. */
    private static final BigInteger BALANCE = BigInteger.valueOf(72L * 5_650_000);

    private final List<GridContract> contracts = new ArrayList<>();
    private final Map<Long, List<ContractBill>> bills = new HashMap<>();
    private FundingReader reader;
    private TfchainClient chain;

    @BeforeEach
    void mocks() {
        chain = mock(TfchainClient.class);
        when(chain.account(ADDRESS)).thenReturn(new AccountBalance(0, BALANCE, BigInteger.ZERO, BigInteger.ZERO));
        GridProxyClient proxy = mock(GridProxyClient.class);
        when(proxy.contracts(any(), any())).thenAnswer(call -> new Page<>(List.copyOf(contracts),
                PageRequest.first(100), Optional.empty()));
        when(proxy.bills(anyLong(), eq(PageRequest.first(2)))).thenAnswer(call -> new Page<>(
                bills.getOrDefault(call.<Long>getArgument(0), List.of()).stream()
                        .sorted((a, b) -> b.timestamp().compareTo(a.timestamp())).limit(2).toList(),
                PageRequest.first(2), Optional.empty()));
        reader = new FundingReader(chain, proxy);
    }

    private void contract(long id, ContractType type, Instant createdAt) {
        contracts.add(new GridContract(id, TWIN, type, ContractState.CREATED, createdAt,
                type == ContractType.NAME ? new NameContractDetails("bot")
                        : new NodeContractDetails(11, "{}", "hash", 0, "farm", 1)));
    }

    private void bill(long id, long amount, Instant at) {
        bill(id, amount, "None", at);
    }

    private void bill(long id, long amount, String discount, Instant at) {
        bills.computeIfAbsent(id, k -> new ArrayList<>()).add(new ContractBill(amount, discount, at));
    }

    /** The VM (1), the gateway's node contract (2, which costs nothing) and the name (3), a few seconds apart. */
    private void aDeployed3Bot() {
        contract(1, ContractType.NODE, T0);
        contract(2, ContractType.NODE, T0.plusSeconds(4));
        contract(3, ContractType.NAME, T0.plusSeconds(6));
    }

    @Test
    void nothingBilledYetGivesNoCostAndNoTimeLeft() {
        aDeployed3Bot();

        Funding funding = reader.funding(ADDRESS, TWIN);

        assertThat(funding.spendable()).isEqualTo(BALANCE);
        assertThat(funding.hourlyCost()).isEmpty();
        assertThat(funding.timeLeft()).isEmpty();
    }

    @Test
    void theVmBilledBeforeTheNameGivesNoTimeLeftRatherThanOneThatLastsLonger() {
        aDeployed3Bot();
        bill(1, 5_150_000, T0.plus(HOUR));

        Funding funding = reader.funding(ADDRESS, TWIN);

        // the VM alone would have made 72 hours seem to be 79
        assertThat(funding.hourlyCost()).isEmpty();
        assertThat(funding.timeLeft()).isEmpty();
    }

    @Test
    void theVmAndTheNameBilledGiveTheirSumOnceAPeriodShowsTheGatewayContractCostsNothing() {
        aDeployed3Bot();
        bill(1, 5_150_000, T0.plus(HOUR));
        bill(3, 500_000, T0.plus(HOUR).plusSeconds(6));
        assertThat(reader.funding(ADDRESS, TWIN).timeLeft()).as("the gateway's contract may be billed yet")
                .isEmpty();

        bill(1, 5_150_000, T0.plus(HOUR.multipliedBy(2)));
        bill(3, 500_000, T0.plus(HOUR.multipliedBy(2)).plusSeconds(6));
        Funding funding = reader.funding(ADDRESS, TWIN);

        assertThat(funding.hourlyCost()).contains(BigInteger.valueOf(5_650_000));
        assertThat(funding.timeLeft()).contains(Duration.ofHours(72));
    }

    @Test
    void aSingleBillCountsTheTimeSinceTheContractWasCreated() {
        contract(1, ContractType.NODE, T0);
        bill(1, 2_575_000, T0.plus(Duration.ofMinutes(30)));

        Funding funding = reader.funding(ADDRESS, TWIN);

        assertThat(funding.hourlyCost()).contains(BigInteger.valueOf(5_150_000));
        // whole bills: the 79th would not be paid in full
        assertThat(funding.timeLeft()).contains(Duration.ofHours(BALANCE.longValueExact() / 5_150_000));
    }

    @Test
    void aBillOfALevelItDoesNotKnowIsReadAsTheLargestDiscount() {
        contract(1, ContractType.NODE, T0);
        bill(1, 5_150_000, "Platinum", T0.plus(HOUR));

        Funding funding = reader.funding(ADDRESS, TWIN);

        // 5,150,000 billed at 60% off is a VM of 12,875,000 an hour: the balance pays 31 hours of it, not 78
        assertThat(funding.timeLeft()).contains(Duration.ofHours(BALANCE.longValueExact() / 12_875_000));
    }

    @Test
    void aDiscountedBillCountsTheFullPriceOnceTheBalanceNoLongerEarnsTheDiscount() {
        when(chain.account(ADDRESS)).thenReturn(new AccountBalance(0, BigInteger.valueOf(1_440_000),
                BigInteger.ZERO, BigInteger.ZERO));
        contract(1, ContractType.NODE, T0);
        bill(1, 800, "Default", T0.plus(HOUR));

        Funding funding = reader.funding(ADDRESS, TWIN);

        // two months of 1,000 an hour: 314 bills at 20% off while the balance less an hour at the full price holds
        // a tenth over 1.5 months of cost, then 1,188 at the full price; not the 1,800 hours the price billed now
        // would buy
        assertThat(funding.hourlyCost()).contains(BigInteger.valueOf(800));
        assertThat(funding.timeLeft()).contains(Duration.ofHours(314 + 1_188));
    }
}
