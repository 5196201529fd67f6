package io.threebot.deployer.internal.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Puts {@link FenceScope#verify()} before the calls of a service that change something outside the store (a grid
 * call that deploys or removes, a payment, a refund, a backup account): a runner that lost its lease to another
 * instance learns so before it makes one, and makes none. Calls that only read go straight through.
 */
public final class SideEffectGuard {
    private SideEffectGuard() {
    }

    /**
     * {@code service} behind a guard on the methods named in {@code sideEffects}.
     *
     * @throws IllegalArgumentException when a name is not a method of {@code type} (a guard that guards nothing)
     */
    public static <T> T guard(Class<T> type, T service, Set<String> sideEffects) {
        for (String name : sideEffects) {
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
            try {
                return method.invoke(service, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }
}
