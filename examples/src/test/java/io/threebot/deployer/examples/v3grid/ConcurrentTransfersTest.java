package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.tfgrid.chain.ExtrinsicResult;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.chain.TfchainClient.Inclusion;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many transfers signed by one account at once, from many threads, through one {@link TfchainClient} on a local
 * tfchain over its RPC server (which, like a node that refuses nonces ahead of the count at once, refuses any
 * extrinsic not submitted in nonce order): every one lands exactly once, and the balances add up; transfers signed
 * meanwhile by another client of the same account (another process) make the client's nonces stale, and it recovers.
 */
class ConcurrentTransfersTest {
    private static final Ed25519KeyPair OPERATOR = SampleChainTopology.key("foundation");
    private static final int TRANSFERS = 200;

    private LocalTfchain chain;
    private TfchainRpcServer rpc;
    private final ExecutorService callers = Executors.newFixedThreadPool(64);

    @BeforeEach
    void start() throws InterruptedException {
        chain = LocalTfchain.start(LocalTfchainConfig.builder().blockInterval(Duration.ofMillis(100)).build());
        rpc = TfchainRpcServer.start(chain, 0);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (rpc != null) {
            rpc.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    private TfchainClient client() {
        return TfchainClient.builder(rpc.url().toString()).submitTimeout(Duration.ofMinutes(2)).signer(OPERATOR)
                .connect();
    }

    private static String newAddress() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return Ed25519KeyPair.fromSeed(seed).address();
    }

    private static BigInteger amount(int i) {
        return BigInteger.valueOf(TfchainRuntime.ONE_TFT + i);
    }

    /** Sends transfer i to address i, from {@code from} on, from the caller threads, all let go at once. */
    private List<ExtrinsicResult> transferAtOnce(TfchainClient client, List<String> to, int from)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ExtrinsicResult>> sent = new ArrayList<>();
        for (int i = from; i < to.size(); i++) {
            int n = i;
            sent.add(callers.submit(() -> {
                go.await();
                return client.submit(client.calls().transfer(to.get(n), amount(n)), Inclusion.IN_BLOCK);
            }));
        }
        go.countDown();
        List<ExtrinsicResult> results = new ArrayList<>();
        for (Future<ExtrinsicResult> each : sent) {
            results.add(each.get(3, TimeUnit.MINUTES));
        }
        return results;
    }

    private void assertEachLandedOnce(List<String> to) {
        for (int i = 0; i < to.size(); i++) {
            assertThat(chain.balance(to.get(i)).free()).as("transfer " + i).isEqualTo(amount(i));
        }
    }

    @Test
    void twoHundredTransfersFromOneAccountAtOnceEachLandExactlyOnce() throws Exception {
        List<String> to = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            to.add(newAddress());
        }
        Account before = chain.balance(OPERATOR.address());
        try (TfchainClient client = client()) {
            List<ExtrinsicResult> results = transferAtOnce(client, to, 0);

            assertThat(results).extracting(ExtrinsicResult::extrinsicHash).doesNotHaveDuplicates().hasSize(TRANSFERS);
        }
        chain.awaitBlock(chain.head().number() + 1, Duration.ofSeconds(10));
        Account after = chain.balance(OPERATOR.address());
        assertThat(after.nonce() - before.nonce()).as("one nonce for each transfer, none refused for good")
                .isEqualTo(TRANSFERS);
        assertEachLandedOnce(to);
        BigInteger sent = java.util.stream.IntStream.range(0, TRANSFERS)
                .mapToObj(ConcurrentTransfersTest::amount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger fees = before.free().subtract(after.free()).subtract(sent);
        assertThat(fees).as("the operator paid the transfers and their fees, nothing more")
                .isPositive().isLessThan(BigInteger.valueOf(TRANSFERS).multiply(BigInteger.valueOf(TfchainRuntime
                        .ONE_TFT / 10)));
    }

    @Test
    void noncesUsedMeanwhileByAnotherClientOfTheSameAccountAreRecoveredFrom() throws Exception {
        List<String> to = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            to.add(newAddress());
        }
        String elsewhere = newAddress();
        Account before = chain.balance(OPERATOR.address());
        try (TfchainClient client = client(); TfchainClient other = client()) {
            client.submit(client.calls().transfer(to.get(0), amount(0)), Inclusion.IN_BLOCK);
            // the other process takes the next nonces the first client counts as its own
            for (int i = 0; i < 3; i++) {
                other.submit(other.calls().transfer(elsewhere, amount(1000)), Inclusion.IN_BLOCK);
            }
            transferAtOnce(client, to, 1);
        }
        chain.awaitBlock(chain.head().number() + 1, Duration.ofSeconds(10));
        assertThat(chain.balance(OPERATOR.address()).nonce() - before.nonce()).isEqualTo(50 + 3);
        assertEachLandedOnce(to);
        assertThat(chain.balance(elsewhere).free()).isEqualTo(amount(1000).multiply(BigInteger.valueOf(3)));
    }
}
