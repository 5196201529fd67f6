package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.internal.chat.AesGcmSecretSealer;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.DeploymentJournal.Outcome;
import io.threebot.deployer.internal.deploy.JournalSweep;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.store.IndexBackfill;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.PasswordHash;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.testing.ScanRefusingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Sessions, 3Bots and journals of every kind the sweeps tell apart, written straight into a store, and what the
 * session and journal sweeps must leave of them: run by the store contract on every store.
 */
final class SweepScenario {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));
    private static final Instant RECENT = NOW.minus(Duration.ofHours(1));
    private static final String OWNER = "ann";

    /** A name reservation as {@code NameReservations} stores it. */
    record Reservation(String identityName, String deploymentId, Instant at) {
    }

    private SweepScenario() {
    }

    static void fill(StateStore store) {
        session(store, "ended-old", SessionStatus.FINISHED, OLD);
        session(store, "failed-old", SessionStatus.FAILED, OLD);
        session(store, "idle-old", SessionStatus.WAITING_FOR_ANSWER, OLD);
        session(store, "busy-old", SessionStatus.BUSY, OLD);
        session(store, "ended-recent", SessionStatus.FINISHED, RECENT);
        session(store, "waiting-recent", SessionStatus.WAITING_FOR_ANSWER, RECENT);

        threebot(store, "t-live", "live", ThreebotState.RUNNING, "d-live");
        threebot(store, "t-stopped", "stopped", ThreebotState.STOPPED, "d-stopped");
        threebot(store, "t-error", "broken", ThreebotState.ERROR, "d-error");
        threebot(store, "t-gone", "gone", ThreebotState.DELETED, "d-gone");
        threebot(store, "t-legacy", "legacy", ThreebotState.RUNNING, "");
        // redeployed: its first deployment holds its name, its second made the record it has now
        threebot(store, "t-moved", "moved", ThreebotState.RUNNING, "d-moved-again");
        store.put("threebot-names", IdentityNames.of(OWNER, "moved"),
                new Reservation(IdentityNames.of(OWNER, "moved"), "d-moved-first", OLD), StateStore.NEW);

        journal(store, "d-live", "live", Outcome.SUCCEEDED, OLD);
        journal(store, "d-stopped", "stopped", Outcome.SUCCEEDED, OLD);
        journal(store, "d-error", "broken", Outcome.SUCCEEDED, OLD);
        journal(store, "t-legacy", "legacy", Outcome.SUCCEEDED, OLD);
        journal(store, "d-moved-first", "moved", Outcome.SUCCEEDED, OLD);
        journal(store, "d-moved-again", "moved", Outcome.SUCCEEDED, OLD);
        journal(store, "d-running", "fresh", Outcome.IN_PROGRESS, OLD);
        journal(store, "d-undone-recent", "late", Outcome.COMPENSATED, RECENT);
        journal(store, "d-gone-recent", "gone", Outcome.SUCCEEDED, RECENT);
        // of no more use: undone, destroyed 3Bot, 3Bot replaced by a redeploy (record gone), pool extension
        journal(store, "d-undone", "undone", Outcome.COMPENSATED, OLD);
        journal(store, "d-gone", "gone", Outcome.SUCCEEDED, OLD);
        journal(store, "d-replaced", "live", Outcome.SUCCEEDED, OLD);
        journal(store, "extend-1", "stopped", Outcome.SUCCEEDED, OLD);
    }

    /** Runs both sweeps with a retention of 30 days and checks what each removed, reading no kind whole. */
    static void sweepAndCheck(StateStore plain) {
        // what the first sweep and expiry check on a store do once, reading these kinds whole
        new IndexBackfill(plain, DeploymentJournal.KIND, DeploymentJournal.class).once();
        new IndexBackfill(plain, ThreebotRepository.KIND, Threebot.class).once();
        ScanRefusingStore store = new ScanRefusingStore(plain, Set.of(ChatEngine.SESSIONS, DeploymentJournal.KIND,
                ThreebotRepository.KIND));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (ChatEngine engine = new ChatEngine(List.of(), store, AesGcmSecretSealer.ephemeral(), clock,
                Executors.newSingleThreadExecutor(), new ChatEngine.Limits(5, Duration.ofHours(24)))) {
            assertThat(engine.openSessions()).as("busy, and waiting within the idle timeout").isEqualTo(2);
            assertThat(engine.sweep()).isEqualTo(3);
        }
        assertThat(ids(plain, ChatEngine.SESSIONS)).containsExactly("busy-old", "ended-recent", "waiting-recent");

        assertThat(new JournalSweep(store, clock, Duration.ofDays(30)).sweep()).isEqualTo(4);
        assertThat(ids(plain, DeploymentJournal.KIND)).containsExactly("d-error", "d-gone-recent", "d-live",
                "d-moved-again", "d-moved-first", "d-running", "d-stopped", "d-undone-recent", "t-legacy");
        assertThat(ids(plain, ThreebotRepository.KIND)).as("3Bot records are left alone").hasSize(6);
        assertThat(new JournalSweep(store, clock, Duration.ofDays(30)).sweep()).as("nothing more").isZero();
    }

    /** A journal and two 3Bots as deployers wrote them before journals and 3Bots carried their status. */
    static void fillLegacy(StateStore store) {
        journal(store, "d-old", "old", Outcome.COMPENSATED, OLD);
        threebot(store, "t-old", "old", ThreebotState.RUNNING, "d-old");
        threebot(store, "t-gone", "gone", ThreebotState.DELETED, "d-gone");
        for (String kind : List.of(DeploymentJournal.KIND, ThreebotRepository.KIND)) {
            for (Versioned<ObjectNode> record : store.list(kind, ObjectNode.class)) {
                store.put(kind, record.id(), record.value().without("status"), record.version());
            }
        }
    }

    /** The first sweep and listing index the older records, reading their kinds whole once, and never again. */
    static void backfillAndCheck(StateStore plain) {
        assertThat(plain.find(DeploymentJournal.KIND, "status", "COMPENSATED", Object.class)).isEmpty();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThat(new JournalSweep(plain, clock, Duration.ofDays(30)).sweep()).isEqualTo(1);
        assertThat(new ThreebotRepository(plain).listIn(Set.of(ThreebotState.RUNNING, ThreebotState.STOPPED)))
                .extracting(Threebot::uuid).containsExactly("t-old");

        ScanRefusingStore guarded = new ScanRefusingStore(plain, Set.of(DeploymentJournal.KIND,
                ThreebotRepository.KIND));
        journal(plain, "d-later", "old", Outcome.COMPENSATED, OLD);
        assertThat(new JournalSweep(guarded, clock, Duration.ofDays(30)).sweep()).isEqualTo(1);
        assertThat(new ThreebotRepository(guarded).listIn(Set.of(ThreebotState.DELETED)))
                .extracting(Threebot::uuid).containsExactly("t-gone");
    }

    private static List<String> ids(StateStore store, String kind) {
        return store.list(kind, Object.class).stream().map(Versioned::id).sorted().toList();
    }

    private static void session(StateStore store, String id, SessionStatus status, Instant at) {
        store.put(ChatEngine.SESSIONS, id, new ChatSession(id, "deploy", OWNER, 0, 0, status, Map.of(), Map.of(),
                Map.of(), null, at, at), StateStore.NEW);
    }

    private static void threebot(StateStore store, String uuid, String name, ThreebotState state,
                                 String deploymentId) {
        store.put(ThreebotRepository.KIND, uuid, new Threebot(uuid, name, OWNER, IdentityNames.of(OWNER, name), 7,
                Flavor.SILVER, 1, "farm", "Europe", "node-1", 9, name + ".3bot.example", "10.0.0.2", state,
                List.of(1L, 2L, 3L), new PasswordHash("pbkdf2", 1, "c2FsdA==", "aGFzaA=="), OLD, Optional.empty(),
                deploymentId, ""), StateStore.NEW);
    }

    private static void journal(StateStore store, String id, String name, Outcome outcome, Instant at) {
        store.put(DeploymentJournal.KIND, id, new DeploymentJournal(id, OWNER, name, Map.of(), outcome, "", OLD, at),
                StateStore.NEW);
    }
}
