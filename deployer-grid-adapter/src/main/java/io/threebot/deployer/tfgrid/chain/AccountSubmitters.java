package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link AccountSubmitter} of each signing account of one client, and the few threads that drain their queues.
 * A submitter idle for a while is retired (its account's next extrinsic starts a new one, which reads the node's
 * count first), so a client that signs for many accounts over time does not keep one for each.
 *
 * @param <S> what the node gives for a submission it took
 */
final class AccountSubmitters<S> implements AutoCloseable {
    /** Threads draining submitters' queues at once; each drains one account's queue at a time. */
    static final int THREADS = 8;
    /** Submitters are looked over for retirement once there are more than this many. */
    private static final int PRUNE_ABOVE = 64;

    private final AccountSubmitter.Node<S> node;
    private final ExecutorService executor;
    private final long idleNanos;
    private final ConcurrentHashMap<String, AccountSubmitter<S>> submitters = new ConcurrentHashMap<>();

    /**
     * @param idle how long a submitter may have nothing to do before it is retired
     */
    AccountSubmitters(AccountSubmitter.Node<S> node, Duration idle) {
        this.node = node;
        this.idleNanos = idle.toNanos();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "tfchain-submitter-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /**
     * Hands the call, signed by the signer, to the node through the signer's account's submitter, and returns once
     * the node took it (or refused it for good).
     *
     * @param deadline {@link System#nanoTime()} by which the node must have taken it
     * @throws ChainException as {@link AccountSubmitter.Node#submit}, or {@link ChainTimeoutException} when it was
     *                        not sent before the deadline
     */
    AccountSubmitter.Sent<S> submit(Call call, Ed25519KeyPair signer, long deadline) {
        while (true) {
            Optional<AccountSubmitter.Sent<S>> sent = of(signer.address()).submit(call, signer, deadline);
            if (sent.isPresent()) {
                return sent.get();
            }
        }
    }

    /** Says a taken extrinsic of the account waits in the node's {@code future} queue at this nonce. */
    void waitingAt(String account, long nonce) {
        while (!of(account).waitingAt(nonce)) {
            Thread.onSpinWait();
        }
    }

    /** Says a taken extrinsic of the account never made it, or its fate is lost. */
    void lost(String account) {
        AccountSubmitter<S> submitter = submitters.get(account);
        if (submitter != null) {
            submitter.lost();
        }
    }

    /** The account's submitter now (tests). */
    Optional<AccountSubmitter<S>> existing(String account) {
        return Optional.ofNullable(submitters.get(account));
    }

    private AccountSubmitter<S> of(String account) {
        AccountSubmitter<S> existing = submitters.get(account);
        if (existing != null) {
            return existing;
        }
        if (submitters.size() > PRUNE_ABOVE) {
            long idleSince = System.nanoTime() - idleNanos;
            submitters.forEach((key, submitter) -> {
                if (submitter.retireIfIdle(idleSince)) {
                    submitters.remove(key, submitter);
                }
            });
        }
        return submitters.computeIfAbsent(account, a -> new AccountSubmitter<>(a, node, executor));
    }

    /** Stops the threads; extrinsics still queued fail without being sent. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
