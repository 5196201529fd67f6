package io.threebot.deployer.internal.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@link FenceScope#verify()} before the calls of a service that change something outside the store (a grid
 * call that deploys or removes, a payment, a refund, a backup account): a runner that lost its lease to another
 * instance learns so before it makes one, and makes none. Calls that only read go straight through.
 *
 * <p>A runner can still lose its lease between that check and the call (paused in between, say, past its lease,
 * while another instance made the same call): a call that creates something ({@link Undo}) is checked again once
 * it returned, and what it created is undone at once when the lease was lost meanwhile, so that nothing made by a
 * runner that no longer holds the work is left behind.
 */
public final class SideEffectGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SideEffectGuard.class);
    /** How many times a take-back cut short by an interrupt is made again. */
    private static final int UNDO_ATTEMPTS = 3;
    private SideEffectGuard() {
    }

    /**
     * {@code service} behind a guard on the methods named in {@code sideEffects}.
     *
     * @throws IllegalArgumentException when a name is not a method of {@code type} (a guard that guards nothing)
     */
    public static <T> T guard(Class<T> type, T service, Set<String> sideEffects) {
        return guard(type, service, sideEffects, java.util.Map.of());
    }

    /** How to take back what a call created, given its arguments and its result (null when the call failed). */
    @FunctionalInterface
    public interface Undo {
        void undo(Object[] arguments, Object result);
    }

    /**
     * Like {@link #guard(Class, Object, Set)}; the calls named in {@code undo} are checked again after they returned,
     * and what they made is undone when the lease was lost meanwhile.
     */
    public static <T> T guard(Class<T> type, T service, Set<String> sideEffects, java.util.Map<String, Undo> undo) {
        java.util.Set<String> named = new java.util.HashSet<>(sideEffects);
        named.addAll(undo.keySet());
        for (String name : named) {
            boolean known = false;
            for (var method : type.getMethods()) {
                known |= method.getName().equals(name);
            }
            if (!known) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no method " + name);
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "guarded " + service;
                };
            }
            if (sideEffects.contains(method.getName())) {
                FenceScope.verify();
            }
            Object result = null;
            Throwable failure = null;
            try {
                result = method.invoke(service, args);
            } catch (InvocationTargetException e) {
                failure = e.getCause(); // it may have been made all the same (an interrupted request, say)
            }
            Undo takeBack = undo.get(method.getName());
            if (takeBack != null) {
                // an interrupt is how a runner hears it lost its lease; the check and the undo must still be made
                boolean interrupted = Thread.interrupted();
                try {
                    if (!FenceScope.stillHeld()) {
                        LOG.info("A {} call was made by a runner that lost its lease meanwhile ({}); taking back what "
                                + "it made", method.getName(), failure == null ? "it answered" : failure.toString());
                        try {
                            interrupted |= undoThroughInterrupts(takeBack, args, result);
                        } catch (RuntimeException e) {
                            LOG.warn("A {} call was sent by a runner that had lost its lease; taking back what it "
                                    + "made failed: {}", method.getName(), e.toString());
                            throw new io.threebot.deployer.errors.LeaseLostException("The work was taken over by "
                                    + "another deployer instance while this one sent a call; taking back what it "
                                    + "sent failed.", e);
                        }
                        throw new io.threebot.deployer.errors.LeaseLostException("The work was taken over by "
                                + "another deployer instance while this one sent a call; what it sent was taken "
                                + "back.");
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        });
        return type.cast(proxy);
    }

    /**
     * Takes back what a call made by a runner that lost its lease (made by a runner that no longer holds the work).
     * The runner hears of the loss by an interrupt, which may come while the take-back is under way and cut its
     * request short (the check above can see the loss first): such an attempt is made again, the interrupt kept
     * aside. Returns whether an interrupt came meanwhile.
     */
    private static boolean undoThroughInterrupts(Undo takeBack, Object[] args, Object result) {
        boolean interrupted = false;
        for (int attempt = 1; ; attempt++) {
            try {
                takeBack.undo(args, result);
                return interrupted;
            } catch (RuntimeException e) {
                boolean cutShort = Thread.interrupted();
                interrupted |= cutShort;
                if (!cutShort || attempt >= UNDO_ATTEMPTS) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw e;
                }
            }
        }
    }
}
