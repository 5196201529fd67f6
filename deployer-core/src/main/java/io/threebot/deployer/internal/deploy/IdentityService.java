package io.threebot.deployer.internal.deploy;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.grid.GridNotFoundException;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Each 3Bot has a grid identity of its own, {@code <owner>_<name>}, whose key comes from its recovery password. */
public final class IdentityService {
    /**
     * How long a derivation is kept: long enough that one deployment (the chat's identity check, its set-up, its
     * reservation) derives its keys once instead of at every step, short enough that they do not linger.
     */
    private static final Duration KEPT = Duration.ofMinutes(10);

    private final GridClient grid;
    private final KeyDerivation derivation;
    private final Cache<String, String> secrets = CacheBuilder.newBuilder().expireAfterWrite(KEPT)
            .maximumSize(10_000).build();
    private final Cache<String, byte[]> seeds = CacheBuilder.newBuilder().expireAfterWrite(KEPT)
            .maximumSize(10_000).build();

    public IdentityService(GridClient grid, KeyDerivation derivation) {
        this.grid = grid;
        this.derivation = derivation;
    }

    /** Identity and password, the password by its SHA-256 only. */
    private static String cacheKey(String identityName, String password) {
        return identityName + ":" + HexFormat.of().formatHex(Hashing.sha256()
                .hashString(password, StandardCharsets.UTF_8).asBytes());
    }


    /**
     * The secret the 3Bot's container is given instead of the recovery password; it derives the identity's key
     * from it as the stock container does.
     */
    public String containerSecret(String identityName, String password) {
        return derived(secrets, identityName, password, () -> derivation.containerSecret(identityName, password));
    }

    public IdentityKeys keys(String identityName, String password) {
        return IdentityKeys.fromSeed(derived(seeds, identityName, password,
                () -> derivation.seed(identityName, password)).clone());
    }

    /** A derivation made once per identity and password while {@link #KEPT}: the hashes are deliberately slow. */
    private static <T> T derived(Cache<String, T> cache, String identityName, String password, Supplier<T> derive) {
        try {
            return cache.get(cacheKey(identityName, password), derive::get);
        } catch (ExecutionException | UncheckedExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    public Optional<GridUser> existing(String identityName) {
        return grid.findUser(identityName);
    }

    /** True when the password derives the key the grid has for this user (compared in constant time). */
    public boolean passwordMatches(GridUser user, String password) {
        return sameKey(user, keys(user.name(), password));
    }

    /**
     * The registered identity the password opens.
     *
     * @throws GridNotFoundException when it is not registered
     * @throws GridConflictException when the password derives another key
     */
    public GridIdentity registered(String identityName, String password) {
        GridUser user = grid.findUser(identityName).orElseThrow(
                () -> new GridNotFoundException("identity " + identityName
                        + " is not on the grid"));
        IdentityKeys keys = keys(identityName, password);
        if (!sameKey(user, keys)) {
            throw new GridConflictException("the password does not open identity " + identityName);
        }
        return new GridIdentity(user.id(), identityName, keys);
    }

    /**
     * Registers the identity, or reuses it when it exists with the same key.
     *
     * @throws GridConflictException when the name exists with another key
     */
    public GridIdentity ensureRegistered(String identityName, String password) {
        IdentityKeys keys = keys(identityName, password);
        GridUser user = grid.findUser(identityName).orElseGet(
                () -> grid.registerUser(identityName, IdentityNames.email(identityName), keys.publicKeyHex()));
        if (!sameKey(user, keys)) {
            throw new GridConflictException("identity " + identityName + " exists with another key");
        }
        return new GridIdentity(user.id(), identityName, keys);
    }

    /** True when the grid has these keys for the user (compared in constant time). */
    private static boolean sameKey(GridUser user, IdentityKeys keys) {
        return MessageDigest.isEqual(keys.publicKeyHex().getBytes(StandardCharsets.US_ASCII),
                user.pubkeyHex().getBytes(StandardCharsets.US_ASCII));
    }
}
