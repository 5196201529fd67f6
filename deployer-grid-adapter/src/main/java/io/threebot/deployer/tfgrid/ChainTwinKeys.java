package io.threebot.deployer.tfgrid;

import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.chain.Twin;
import io.threebot.deployer.tfgrid.keys.Ss58;
import io.threebot.deployer.tfgrid.rmb.E2eKey;
import io.threebot.deployer.tfgrid.rmb.TwinKey;
import io.threebot.deployer.tfgrid.rmb.TwinKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer twins' keys as tfchain holds them, for an {@link io.threebot.deployer.tfgrid.rmb.RmbClient}: the twin's
 * account key (which signs its envelopes) and its end-to-end key ({@code pk}). A twin read is kept for a while
 * ({@code ttl}) so a deployment's many calls to one node read its twin once; a twin that does not exist is not kept,
 * so one created meanwhile is found on the next call. Reads run on the caller's thread with the chain client's
 * deadline, and no lock is held while they run (two callers may read the same twin at once; both answers are the
 * same).
 *
 * <p>One instance may serve every RMB client of a process: it keeps at most {@value #MAX_TWINS} twins (when full,
 * those read longer than the ttl ago are dropped, and a twin that still finds no room is read again next time), so
 * twin ids a peer makes up cannot grow it without bound.
 *
 * <p>A {@code pk} that is not a secp256k1 public key (set by some other tool) counts as no e2e key: bodies to that
 * twin go plain, as they must, since it could not open them either way.
 */
public final class ChainTwinKeys implements TwinKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ChainTwinKeys.class);

    private record Cached(Optional<TwinKey> key, Instant readAt) {
    }

    /** The most twins kept. */
    public static final int MAX_TWINS = 10_000;

    private final LongFunction<Optional<Twin>> twins;
    private final Duration ttl;
    private final Clock clock;
    private final int maxTwins;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    /**
     * Reads twins through {@code chain}, keeping each for {@code ttl}.
     *
     * @param chain the connected chain client
     * @param ttl   how long a twin read is trusted (a twin rarely changes its keys; a few minutes is usual)
     */
    public ChainTwinKeys(TfchainClient chain, Duration ttl) {
        this(Objects.requireNonNull(chain, "chain")::twin, ttl, Clock.systemUTC());
    }

    ChainTwinKeys(LongFunction<Optional<Twin>> twins, Duration ttl, Clock clock) {
        this(twins, ttl, clock, MAX_TWINS);
    }

    ChainTwinKeys(LongFunction<Optional<Twin>> twins, Duration ttl, Clock clock, int maxTwins) {
        this.maxTwins = maxTwins;
        this.twins = Objects.requireNonNull(twins, "twins");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl is not negative");
        }
    }

    /**
     * The twin's keys from the chain, or from a read younger than the ttl.
     *
     * @throws io.threebot.deployer.tfgrid.chain.ChainException when the chain cannot be read now
     */
    @Override
    public Optional<TwinKey> find(long twin) {
        Instant now = clock.instant();
        Cached cached = cache.get(twin);
        if (cached != null && now.isBefore(cached.readAt().plus(ttl))) {
            return cached.key();
        }
        Optional<TwinKey> key = twins.apply(twin).map(ChainTwinKeys::keyOf);
        if (key.isPresent()) {
            if (cache.size() >= maxTwins && !cache.containsKey(twin)) {
                cache.values().removeIf(c -> !now.isBefore(c.readAt().plus(ttl)));
            }
            if (cache.size() < maxTwins || cache.containsKey(twin)) {
                cache.put(twin, new Cached(key, now));
            }
        } else {
            cache.remove(twin);
        }
        return key;
    }

    /** How many twins it keeps now. */
    int size() {
        return cache.size();
    }

    /** Forgets what was read of {@code twin}, so the next call reads it again (after the twin changed its keys). */
    public void forget(long twin) {
        cache.remove(twin);
    }

    static TwinKey keyOf(Twin twin) {
        byte[] account = Ss58.decode(twin.account());
        Optional<byte[]> e2e = twin.publicKey().flatMap(ChainTwinKeys::e2eKey);
        if (twin.publicKey().isPresent() && e2e.isEmpty()) {
            LOG.debug("twin {} has a pk that is not a secp256k1 key; it is sent plain bodies", twin.id());
        }
        return new TwinKey(account, e2e);
    }

    private static Optional<byte[]> e2eKey(String hex) {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        byte[] bytes = HexFormat.of().parseHex(digits);
        return E2eKey.isPublicKey(bytes) ? Optional.of(bytes) : Optional.empty();
    }
}
