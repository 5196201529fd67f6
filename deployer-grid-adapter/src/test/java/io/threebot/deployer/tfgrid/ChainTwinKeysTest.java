package io.threebot.deployer.tfgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.chain.Twin;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.rmb.E2eKey;
import io.threebot.deployer.tfgrid.rmb.TwinKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChainTwinKeysTest {
    private static final Ed25519KeyPair ALICE = Ed25519KeyPair.fromHexSeed("0x" + "11".repeat(32));
    private static final Ed25519KeyPair BOB = Ed25519KeyPair.fromHexSeed("0x" + "22".repeat(32));

    private final Map<Long, Twin> chain = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private Instant now = Instant.parse("2026-12-07T00:00:00Z");

    private ChainTwinKeys keys(Duration ttl) {
        return keys(ttl, ChainTwinKeys.MAX_TWINS);
    }

    private ChainTwinKeys keys(Duration ttl, int maxTwins) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new ChainTwinKeys(id -> {
            reads.incrementAndGet();
            return Optional.ofNullable(chain.get(id));
        }, ttl, clock, maxTwins);
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    @Test
    void aTwinsAccountAndE2eKeysComeFromItsChainRecord() {
        byte[] e2e = E2eKey.of(ALICE).publicKey();
        chain.put(7L, new Twin(7, io.threebot.deployer.tfgrid.keys.Ss58.encode(ALICE.publicKey()),
                Optional.of("relay.grid.tf"), Optional.of(hex(e2e))));
        chain.put(8L, new Twin(8, io.threebot.deployer.tfgrid.keys.Ss58.encode(BOB.publicKey()),
                Optional.of("relay.grid.tf"), Optional.empty()));

        ChainTwinKeys keys = keys(Duration.ofMinutes(5));

        assertThat(keys.find(7)).contains(TwinKey.of(ALICE.publicKey(), e2e));
        assertThat(keys.find(8)).contains(TwinKey.of(BOB.publicKey()));
        assertThat(keys.find(9)).isEmpty();
    }

    @Test
    void aPkThatIsNoSecp256k1KeyMeansPlainBodiesNotAnError() {
        chain.put(7L, new Twin(7, io.threebot.deployer.tfgrid.keys.Ss58.encode(ALICE.publicKey()), Optional.empty(),
                Optional.of("0x010203")));
        chain.put(8L, new Twin(8, io.threebot.deployer.tfgrid.keys.Ss58.encode(BOB.publicKey()), Optional.empty(),
                Optional.of("not hex")));

        ChainTwinKeys keys = keys(Duration.ofMinutes(5));

        assertThat(keys.find(7)).contains(TwinKey.of(ALICE.publicKey()));
        assertThat(keys.find(8)).contains(TwinKey.of(BOB.publicKey()));
    }

    @Test
    void aTwinIsReadOnceWithinTheTtlAndAgainAfterItOrWhenForgotten() {
        chain.put(7L, new Twin(7, io.threebot.deployer.tfgrid.keys.Ss58.encode(ALICE.publicKey()), Optional.empty(),
                Optional.empty()));
        ChainTwinKeys keys = keys(Duration.ofMinutes(5));

        keys.find(7);
        keys.find(7);
        assertThat(reads).hasValue(1);

        byte[] e2e = E2eKey.of(ALICE).publicKey();
        chain.put(7L, new Twin(7, io.threebot.deployer.tfgrid.keys.Ss58.encode(ALICE.publicKey()), Optional.empty(),
                Optional.of(hex(e2e))));
        assertThat(keys.find(7)).contains(TwinKey.of(ALICE.publicKey()));
        now = now.plus(Duration.ofMinutes(5));
        assertThat(keys.find(7)).contains(TwinKey.of(ALICE.publicKey(), e2e));
        assertThat(reads).hasValue(2);

        keys.forget(7);
        keys.find(7);
        assertThat(reads).hasValue(3);
    }

    @Test
    void itKeepsNoMoreTwinsThanItsBoundDroppingStaleOnesFirst() {
        for (long id = 1; id <= 4; id++) {
            chain.put(id, new Twin(id, io.threebot.deployer.tfgrid.keys.Ss58.encode(ALICE.publicKey()),
                    Optional.empty(), Optional.empty()));
        }
        ChainTwinKeys keys = keys(Duration.ofMinutes(5), 2);
        keys.find(1);
        keys.find(2);

        assertThat(keys.find(3)).as("found, though not kept").isPresent();
        assertThat(keys.size()).isEqualTo(2);
        keys.find(3);
        assertThat(reads).as("twin 3 is read each time while twins 1 and 2 are fresh").hasValue(4);

        now = now.plus(Duration.ofMinutes(6));
        keys.find(4);
        keys.find(4);
        assertThat(keys.size()).as("the stale twins made room").isEqualTo(1);
        assertThat(reads).hasValue(5);
    }

    @Test
    void aMissingTwinIsNotKeptSoOneCreatedMeanwhileIsFound() {
        ChainTwinKeys keys = keys(Duration.ofMinutes(5));
        assertThat(keys.find(7)).isEmpty();

        chain.put(7L, new Twin(7, io.threebot.deployer.tfgrid.keys.Ss58.encode(ALICE.publicKey()), Optional.empty(),
                Optional.empty()));

        assertThat(keys.find(7)).contains(TwinKey.of(ALICE.publicKey()));
    }

    @Test
    void aChainThatCannotBeReadIsTheReadersTypedErrorAndNothingIsKept() {
        AtomicInteger calls = new AtomicInteger();
        ChainTwinKeys keys = new ChainTwinKeys(id -> {
            if (calls.incrementAndGet() == 1) {
                throw new InvalidInputException("twin", "chain down for twin " + id);
            }
            return Optional.of(new Twin(id, io.threebot.deployer.tfgrid.keys.Ss58.encode(ALICE.publicKey()),
                    Optional.empty(), Optional.empty()));
        }, Duration.ofMinutes(5), Clock.systemUTC());

        assertThatThrownBy(() -> keys.find(7)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("chain down for twin 7");
        assertThat(keys.find(7)).contains(TwinKey.of(ALICE.publicKey()));
        assertThat(calls).hasValue(2);
    }
}
