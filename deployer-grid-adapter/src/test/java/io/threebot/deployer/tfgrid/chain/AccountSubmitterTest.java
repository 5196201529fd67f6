package io.threebot.deployer.tfgrid.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One account's submitter against a fake node that checks nonces as a Substrate pool does (a used nonce is
 * "outdated", one ahead of the count "will be valid in the future", unless the fake holds it as future): nonces in
 * order from many threads at once, the count read again once for all when another signer used nonces, a refusal
 * that leaves no gap, an extrinsic that never made it, one held as future behind a missing nonce, and deadlines that
 * pass before or while an extrinsic is handed over.
 */
class AccountSubmitterTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final String ACCOUNT = KEY.address();

    private final FakeNode node = new FakeNode();
    private final AccountSubmitters<String> submitters = new AccountSubmitters<>(node, Duration.ofMinutes(10));
    private final ExecutorService callers = Executors.newFixedThreadPool(32);

    @AfterEach
    void stop() {
        callers.shutdownNow();
        submitters.close();
    }

    /** A fake node: the account's count, what it took in order, and what it should do with the next submissions. */
    static final class FakeNode implements AccountSubmitter.Node<String> {
        /** The account's next nonce as the node counts it (on chain and in the pool). */
        long count;
        /** Nonces the node holds as future instead of refusing them. */
        boolean futureQueue;
        final List<String> taken = new CopyOnWriteArrayList<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger refusals = new AtomicInteger();
        volatile Function<AccountSubmitter.Signed, RuntimeException> refuse = s -> null;
        volatile CountDownLatch hold = new CountDownLatch(0);
        /** Counted down as an extrinsic reaches the node. */
        final CountDownLatch entered = new CountDownLatch(1);
        volatile boolean slow;

        @Override
        public synchronized long nextNonce(String account) {
            reads.incrementAndGet();
            return count;
        }

        @Override
        public AccountSubmitter.Signed sign(Call call, Ed25519KeyPair signer, long nonce) {
            String name = call.name() + "@" + nonce;
            return new AccountSubmitter.Signed(name, "0x" + name, nonce);
        }

        @Override
        public String submit(AccountSubmitter.Signed signed, long deadline) {
            entered.countDown();
            try {
                if (!hold.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("held too long");
                }
                if (slow) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            synchronized (this) {
                RuntimeException refused = refuse.apply(signed);
                if (refused == null && signed.nonce() < count) {
                    refused = new AccountSubmitter.NonceRefusedException(rejection("Transaction is outdated"), false);
                } else if (refused == null && signed.nonce() > count && !futureQueue) {
                    refused = new AccountSubmitter.NonceRefusedException(
                            rejection("Transaction will be valid in the future"), true);
                }
                if (refused != null) {
                    refusals.incrementAndGet();
                    throw refused;
                }
                if (signed.nonce() == count) {
                    count++;
                }
                taken.add(signed.hex());
                return signed.hex();
            }
        }

        @Override
        public void release(String submitted) {
            released.add(submitted);
        }

        @Override
        public Call filler() {
            return new Call("System", "remark", 0, 0, new byte[] {0, 0});
        }

        synchronized void count(long value) {
            count = value;
        }

        static ExtrinsicRejectedException rejection(String why) {
            return new ExtrinsicRejectedException(ExtrinsicRejectedException.Status.REFUSED, "0x", why);
        }
    }

    private static Call call(String name) {
        return new Call("Balances", name, 4, 0, new byte[] {4, 0});
    }

    private AccountSubmitter.Sent<String> submit(String name) {
        return submitter(name, Duration.ofSeconds(20));
    }

    private AccountSubmitter.Sent<String> submitter(String name, Duration deadline) {
        return submitters.submit(call(name), KEY, System.nanoTime() + deadline.toNanos());
    }

    /** Submits calls t0..t(n-1) from the caller threads at once; what each got. */
    private List<Future<AccountSubmitter.Sent<String>>> submitAtOnce(int n) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AccountSubmitter.Sent<String>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "t" + i;
            sent.add(callers.submit(() -> {
                start.await();
                return submit(name);
            }));
        }
        start.countDown();
        return sent;
    }

    private static List<String> names(List<String> taken) {
        return taken.stream().map(t -> t.substring(0, t.indexOf('@'))).toList();
    }

    private static List<Long> nonces(List<String> taken) {
        return taken.stream().map(t -> Long.parseLong(t.substring(t.indexOf('@') + 1))).toList();
    }

    @Test
    void extrinsicsSubmittedFromManyThreadsAtOnceTakeSuccessiveNoncesAndReachTheNodeInNonceOrder() throws Exception {
        node.count(7);
        node.slow = true;
        List<Future<AccountSubmitter.Sent<String>>> sent = submitAtOnce(200);
        List<Long> gotNonces = new ArrayList<>();
        for (Future<AccountSubmitter.Sent<String>> each : sent) {
            gotNonces.add(each.get(60, TimeUnit.SECONDS).signed().nonce());
        }

        assertThat(nonces(node.taken)).as("in nonce order, no gap, none twice")
                .isEqualTo(java.util.stream.LongStream.range(7, 207).boxed().toList());
        assertThat(new HashSet<>(names(node.taken))).as("every call taken once").hasSize(200);
        assertThat(gotNonces).doesNotHaveDuplicates();
        assertThat(node.refusals).hasValue(0);
        assertThat(node.reads).as("the count is read once, when the submitter starts").hasValue(1);
    }

    @Test
    void aNonceUsedByAnotherSignerMakesTheSubmitterReadTheCountOnceForAllThatWait() throws Exception {
        node.count(5);
        submit("first");
        node.count(9); // another process signed nonces 6 to 8 for the same account
        CountDownLatch held = new CountDownLatch(1);
        node.hold = held;
        List<Future<AccountSubmitter.Sent<String>>> sent = submitAtOnce(50);
        Thread.sleep(200); // all 50 wait behind the first, held at the node
        held.countDown();
        for (Future<AccountSubmitter.Sent<String>> each : sent) {
            each.get(60, TimeUnit.SECONDS);
        }

        assertThat(node.refusals).as("one refusal, at nonce 6").hasValue(1);
        assertThat(node.reads).as("read on start, then once after the refusal").hasValue(2);
        assertThat(nonces(node.taken)).isEqualTo(java.util.stream.Stream.concat(java.util.stream.Stream.of(5L),
                java.util.stream.LongStream.range(9, 59).boxed()).toList());
        assertThat(new HashSet<>(names(node.taken))).hasSize(51);
    }

    @Test
    void anExtrinsicRefusedForAnotherReasonLeavesNoGapAndIsNotSentAgain() {
        node.refuse = s -> s.hex().startsWith("poor@") ? new NotEnoughFundsException("cannot pay", null, null) : null;
        submit("a");
        NotEnoughFundsException poor = catchThrowableOfType(NotEnoughFundsException.class, () -> submit("poor"));
        submit("b");

        assertThat(poor).hasMessageContaining("cannot pay");
        assertThat(node.taken).containsExactly("a@0", "b@1");
        assertThat(node.refusals).hasValue(1);
        assertThat(node.reads).as("a refusal that is not about the nonce needs no new count").hasValue(1);
    }

    @Test
    void aNonceAheadOfTheCountIsSignedAgainWithTheCountAndFillsTheGap() {
        submit("a");
        submit("b");
        node.count(1); // b, at nonce 1, vanished from the pool without a word
        AccountSubmitter.Sent<String> c = submit("c");

        assertThat(c.signed().nonce()).isEqualTo(1);
        assertThat(node.taken).containsExactly("a@0", "b@1", "c@1");
        assertThat(node.refusals).as("c was refused once at 2, as ahead").hasValue(1);
        assertThat(node.reads).hasValue(2);
    }

    @Test
    void anExtrinsicThatNeverMadeItHasTheCountReadBeforeTheNextNonce() {
        submit("a");
        submit("b");
        node.count(1); // b was dropped from the pool, and its caller was told so
        submitters.lost(ACCOUNT);
        AccountSubmitter.Sent<String> c = submit("c");

        assertThat(c.signed().nonce()).isEqualTo(1);
        assertThat(node.refusals).as("no refusal: the count was read first").hasValue(0);
        assertThat(node.reads).hasValue(2);
    }

    @Test
    void anExtrinsicHeldAsFutureHasTheNoncesMissingBelowItFilledWithRemarks() throws Exception {
        node.futureQueue = true;
        submit("a");
        submit("b");
        submit("c");
        node.count(1); // b vanished; c, at 2, waits in the node's future queue
        submitters.waitingAt(ACCOUNT, 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.taken.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        AccountSubmitter.Sent<String> d = submit("d");

        assertThat(node.taken).containsExactly("a@0", "b@1", "c@2", "remark@1", "d@3");
        assertThat(node.released).as("nobody follows the filler").contains("remark@1");
        assertThat(d.signed().nonce()).isEqualTo(3);
    }

    @Test
    void aCallerWhoseTurnDoesNotComeBeforeItsDeadlineIsToldItWasNotSent() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        node.hold = held;
        Future<AccountSubmitter.Sent<String>> first = callers.submit(() -> submit("first"));
        assertThat(node.entered.await(10, TimeUnit.SECONDS)).as("the first one reached the node").isTrue();
        long start = System.nanoTime();
        ChainTimeoutException late = catchThrowableOfType(ChainTimeoutException.class,
                () -> submitter("late", Duration.ofMillis(300)));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 10_000L);
        held.countDown();
        first.get(10, TimeUnit.SECONDS);
        AccountSubmitter.Sent<String> next = submit("next");

        assertThat(late).hasMessageContaining("it was not sent");
        assertThat(names(node.taken)).containsExactly("first", "next");
        assertThat(next.signed().nonce()).as("the late one took no nonce").isEqualTo(1);
    }

    @Test
    void aCallerWhoseDeadlinePassesWhileItsExtrinsicIsHandedOverHearsItsOutcomeIsUnknown() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        node.hold = held;
        // long enough for the submitter's thread to hand it over on a loaded machine; the node holds it past that
        ExtrinsicOutcomeUnknownException unknown = catchThrowableOfType(ExtrinsicOutcomeUnknownException.class,
                () -> submitter("slow", Duration.ofSeconds(2)));
        held.countDown();
        AccountSubmitter.Sent<String> next = submit("next");

        assertThat(unknown.extrinsicHash()).isEqualTo("0xslow@0");
        assertThat(unknown).hasMessageContaining("not submitted again");
        assertThat(node.taken).as("handed over once, and not again").containsExactly("slow@0", "next@1");
        assertThat(node.released).as("the node's taking of it is not followed").containsExactly("slow@0");
        assertThat(next.signed().nonce()).isEqualTo(1);
    }

    @Test
    void aSubmissionWhoseFateIsLostHasTheCountReadAgain() {
        node.refuse = s -> s.hex().startsWith("lost@") ? new ExtrinsicOutcomeUnknownException(s.hash(), null,
                "the connection closed", null) : null;
        submit("a");
        catchThrowableOfType(ExtrinsicOutcomeUnknownException.class, () -> submit("lost"));
        node.count(2); // it was taken after all
        AccountSubmitter.Sent<String> b = submit("b");

        assertThat(b.signed().nonce()).isEqualTo(2);
        assertThat(node.refusals).as("only the lost one").hasValue(1);
        assertThat(node.reads).hasValue(2);
    }

    @Test
    void submittersIdleForLongerThanAllowedAreRetiredAndTheirAccountsStartAgainFromTheCount() {
        try (AccountSubmitters<String> quick = new AccountSubmitters<>(node, Duration.ofNanos(1))) {
            List<Ed25519KeyPair> keys = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                byte[] seed = new byte[32];
                seed[0] = (byte) (i + 1);
                keys.add(Ed25519KeyPair.fromSeed(seed));
            }
            node.futureQueue = true; // one count for all the fake's accounts: let each account's nonce be taken
            for (Ed25519KeyPair key : keys) {
                quick.submit(call("x"), key, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            }
            int readsBefore = node.reads.get();

            quick.submit(call("again"), keys.get(0), System.nanoTime() + TimeUnit.SECONDS.toNanos(10));

            assertThat(node.reads.get() - readsBefore).as("the retired account's new submitter read the count")
                    .isEqualTo(1);
            assertThat(quick.existing(keys.get(1).address())).as("idle ones were retired").isEmpty();
        }
    }
}
