package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one submitter of a signing account on one client: extrinsics of the account wait in a queue that one task at a
 * time drains, so nonces are given in order from one counter and the node receives them in nonce order, each only
 * once the node took the one before. No lock is held: the counter belongs to the draining task, and waiting callers
 * wait on their own future, each until its deadline.
 *
 * <ul>
 *   <li>The counter starts from the node's {@code system_accountNextIndex} and goes up by one for each extrinsic the
 *   node takes; one it refuses leaves the counter where it was, so a refusal leaves no gap.</li>
 *   <li>A nonce the node refuses as used (another signer of the account, elsewhere) or as ahead of its count (an
 *   extrinsic taken earlier vanished) makes the task read the count again, once, for every extrinsic still waiting;
 *   the refused extrinsic, which never entered the pool, is signed again with the new nonce.</li>
 *   <li>A taken extrinsic that never made it (dropped, invalid, usurped, or its fate lost) has the count read again
 *   before the next nonce is given, which then fills its place; a taken extrinsic the node holds as {@code future}
 *   (a nonce below it is missing) has the missing nonces filled with {@code System.remark}s, so it is not left
 *   waiting for an extrinsic that will not come.</li>
 *   <li>An extrinsic is handed to the node once at most per signing: when the caller's deadline passes before it
 *   was handed over, it is not sent at all ({@link ChainTimeoutException}); while it was being handed over, its fate
 *   is unknown ({@link ExtrinsicOutcomeUnknownException}) and it is not sent again.</li>
 * </ul>
 *
 * @param <S> what the node gives for a submission it took (the subscription that follows it)
 */
final class AccountSubmitter<S> {
    private static final Logger LOG = LoggerFactory.getLogger(AccountSubmitter.class);
    /** How often an extrinsic refused for its nonce is signed again with a new one. */
    static final int NONCE_ATTEMPTS = 10;
    /** At most this many missing nonces below a waiting extrinsic are filled at once. */
    static final int MAX_FILLERS = 16;
    /** How long the node may take to take a filler. */
    private static final Duration FILLER_DEADLINE = Duration.ofSeconds(30);

    /** What the submitter needs from the node. */
    interface Node<S> {
        /** The account's next nonce as the node counts it ({@code system_accountNextIndex}). */
        long nextNonce(String account);

        /** The call signed with this nonce. */
        Signed sign(Call call, Ed25519KeyPair signer, long nonce);

        /**
         * Hands the extrinsic to the node once, and returns when the node took it.
         *
         * @throws NonceRefusedException            when the node refused it for its nonce (it is not in the pool)
         * @throws ExtrinsicOutcomeUnknownException when the node may have taken it without saying so
         * @throws ChainException                   when it was refused, or could not be sent (not in the pool)
         */
        S submit(Signed signed, long deadline);

        /** Stops following a submission nobody waits for any more. */
        void release(S submitted);

        /** A call that does nothing but take a nonce ({@code System.remark}). */
        Call filler();
    }

    /** A signed extrinsic: its {@code 0x} hex, its hash and its nonce. */
    record Signed(String hex, String hash, long nonce) {
    }

    /** An extrinsic the node took: what it gave for it, and the extrinsic. */
    record Sent<S>(S submitted, Signed signed) {
    }

    /** The node refused an extrinsic on submission for its nonce alone: it never entered the pool. */
    static final class NonceRefusedException extends RuntimeException {
        private final ExtrinsicRejectedException rejection;
        private final boolean ahead;

        NonceRefusedException(ExtrinsicRejectedException rejection, boolean ahead) {
            super(rejection.getMessage(), rejection, false, false);
            this.rejection = rejection;
            this.ahead = ahead;
        }

        /** Whether the nonce was ahead of the account's count rather than used already. */
        boolean ahead() {
            return ahead;
        }

        ExtrinsicRejectedException rejection() {
            return rejection;
        }
    }

    private static final int QUEUED = 0;
    private static final int SIGNING = 1;
    private static final int SENDING = 2;
    private static final int ABANDONED = 3;

    /** One extrinsic waiting for its turn, and its caller's deadline. */
    private static final class Ticket<S> {
        final Call call;
        final Ed25519KeyPair signer;
        final long deadline;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        final CompletableFuture<Sent<S>> result = new CompletableFuture<>();
        volatile String hash;

        Ticket(Call call, Ed25519KeyPair signer, long deadline) {
            this.call = call;
            this.signer = signer;
            this.deadline = deadline;
        }
    }

    private final String account;
    private final Node<S> node;
    private final Executor executor;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    /** Work queued and not yet done; -1 once retired (a new submitter takes the account's work). */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger resyncs = new AtomicInteger();
    private volatile boolean resync = true;
    private volatile long lastActive = System.nanoTime();
    // the draining task's own
    private long next = -1;
    private Ed25519KeyPair lastSigner;

    AccountSubmitter(String account, Node<S> node, Executor executor) {
        this.account = account;
        this.node = node;
        this.executor = executor;
    }

    /**
     * Queues the call and waits, until the deadline ({@link System#nanoTime()}), for the node to take it.
     *
     * @return what the node gave for it, or empty when this submitter was retired (ask the registry again)
     * @throws ChainException as {@link Node#submit}; {@link ChainTimeoutException} when its turn did not come in time
     */
    Optional<Sent<S>> submit(Call call, Ed25519KeyPair signer, long deadline) {
        Ticket<S> ticket = new Ticket<>(call, signer, deadline);
        if (!enqueue(ticket)) {
            return Optional.empty();
        }
        return Optional.of(await(ticket));
    }

    /**
     * Says a taken extrinsic waits in the node's {@code future} queue at this nonce: a nonce below it is missing.
     *
     * @return false when this submitter was retired
     */
    boolean waitingAt(long nonce) {
        return enqueue(nonce);
    }

    /** Says a taken extrinsic never made it, or its fate is lost: the count is read again before the next nonce. */
    void lost() {
        resync = true;
    }

    /** How often the node's count was read. */
    int resyncs() {
        return resyncs.get();
    }

    /** Retires this submitter when it has had nothing to do since {@code idleSince}; whether it did. */
    boolean retireIfIdle(long idleSince) {
        return lastActive - idleSince < 0 && !draining.get() && queued.compareAndSet(0, -1);
    }

    private boolean enqueue(Object work) {
        if (queued.getAndUpdate(n -> n < 0 ? n : n + 1) < 0) {
            return false;
        }
        lastActive = System.nanoTime();
        queue.add(work);
        schedule();
        return true;
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                ChainConnectionException closed = new ChainConnectionException("the tfchain client is closed");
                for (Object work; (work = queue.poll()) != null; queued.decrementAndGet()) {
                    if (work instanceof Ticket<?> ticket && ticket.state.compareAndSet(QUEUED, ABANDONED)) {
                        ticket.result.completeExceptionally(closed);
                    }
                }
            }
        }
    }

    private void drain() {
        try {
            for (Object work; (work = queue.poll()) != null; queued.decrementAndGet()) {
                try {
                    if (work instanceof Ticket<?> ticket) {
                        @SuppressWarnings("unchecked")
                        Ticket<S> mine = (Ticket<S>) ticket;
                        send(mine);
                    } else {
                        fill((Long) work);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("the submitter of {} failed on its work", account, e);
                }
            }
        } finally {
            lastActive = System.nanoTime();
            draining.set(false);
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    /** Gives the ticket its nonce, signs and hands it over; signs again when the node refuses the nonce. */
    private void send(Ticket<S> ticket) {
        if (!ticket.state.compareAndSet(QUEUED, SIGNING)) {
            return; // its caller gave up before its turn
        }
        lastSigner = ticket.signer;
        long floor = -1;
        ExtrinsicRejectedException refusal = null;
        for (int attempt = 1; attempt <= NONCE_ATTEMPTS; attempt++) {
            if (ticket.result.isDone()) {
                return;
            }
            Signed signed;
            try {
                signed = node.sign(ticket.call, ticket.signer, nonce(floor));
            } catch (RuntimeException e) {
                ticket.result.completeExceptionally(e);
                return;
            }
            ticket.hash = signed.hash();
            if (!ticket.state.compareAndSet(SIGNING, SENDING)) {
                return; // its caller gave up before it was sent: nothing was, the nonce stays free
            }
            try {
                S submitted = node.submit(signed, ticket.deadline);
                next = signed.nonce() + 1;
                if (!ticket.result.complete(new Sent<>(submitted, signed))) {
                    node.release(submitted);
                }
                return;
            } catch (NonceRefusedException e) {
                // never in the pool: signed again once the count is read again (once for all that wait behind it)
                resync = true;
                floor = e.ahead() ? -1 : signed.nonce() + 1;
                refusal = e.rejection();
                LOG.debug("{}'s extrinsic {} was refused for its nonce {} ({}); reading the count again", account,
                        signed.hash(), signed.nonce(), e.ahead() ? "ahead" : "used");
                if (!ticket.state.compareAndSet(SENDING, SIGNING)) {
                    return;
                }
            } catch (ExtrinsicOutcomeUnknownException e) {
                resync = true;
                ticket.result.completeExceptionally(e);
                return;
            } catch (RuntimeException e) {
                ticket.result.completeExceptionally(e); // refused, or never sent: the nonce is the next one's
                return;
            }
        }
        ticket.result.completeExceptionally(refusal);
    }

    /** The next nonce: the counter, or the node's count (at least {@code floor}) when it must be read again. */
    private long nonce(long floor) {
        if (resync || next < 0) {
            resync = false;
            long count;
            try {
                count = node.nextNonce(account);
            } catch (RuntimeException e) {
                resync = true;
                throw e;
            }
            resyncs.incrementAndGet();
            next = Math.max(count, floor);
        }
        return next;
    }

    /** Fills the nonces missing below a taken extrinsic the node holds as {@code future}, with remarks. */
    private void fill(long waiting) {
        if (lastSigner == null) {
            return; // a new submitter: nothing of its own waits
        }
        long count = node.nextNonce(account);
        resyncs.incrementAndGet();
        long end = Math.min(waiting, count + MAX_FILLERS);
        if (count < waiting) {
            LOG.info("{}'s extrinsic with nonce {} waits for nonces {} to {}, which never made it: filling them with "
                    + "remarks", account, waiting, count, waiting - 1);
        }
        for (long nonce = count; nonce < end; nonce++) {
            Signed signed = node.sign(node.filler(), lastSigner, nonce);
            try {
                node.release(node.submit(signed, System.nanoTime() + FILLER_DEADLINE.toNanos()));
            } catch (RuntimeException e) {
                LOG.info("the filler of {}'s nonce {} was not taken: {}", account, nonce, e.getMessage());
                resync = true;
                return;
            }
        }
        next = Math.max(next, end);
    }

    /** Waits for the ticket until its deadline. */
    private Sent<S> await(Ticket<S> ticket) {
        boolean interrupted = false;
        try {
            long left = ticket.deadline - System.nanoTime();
            try {
                return ticket.result.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | InterruptedException e) {
                interrupted = e instanceof InterruptedException;
                String why = interrupted ? "interrupted" : "the deadline passed";
                if (ticket.state.compareAndSet(QUEUED, ABANDONED) || ticket.state.compareAndSet(SIGNING, ABANDONED)) {
                    ChainException notSent = interrupted
                            ? new ChainConnectionException(why + " before the extrinsic was sent; it was not sent")
                            : new ChainTimeoutException("the extrinsic of " + account + " waited for its turn until "
                            + why + "; it was not sent");
                    ticket.result.completeExceptionally(notSent);
                } else {
                    ticket.result.completeExceptionally(new ExtrinsicOutcomeUnknownException(ticket.hash, null,
                            why + " while the extrinsic " + ticket.hash + " was being handed to the node; it is not "
                            + "submitted again", null));
                }
                return ticket.result.join();
            }
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new ChainProtocolException("the submission failed: " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
