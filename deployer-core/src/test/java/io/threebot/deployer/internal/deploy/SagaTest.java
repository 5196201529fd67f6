package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.CountingStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a saga writes when: a choice and the outcome of a side effect followed by another ride on the journal's next
 * write, always before the call that depends on them; a run cut short before that write chooses again, or finds its
 * side effect again, and never makes it twice.
 */
class SagaTest {
    private final CountingStore store = new CountingStore(new InMemoryStateStore());

    private Saga open() {
        return Saga.open(store, "dep-1", "ann", "annbot", Clock.systemUTC());
    }

    private int journalWrites() {
        return store.writes(DeploymentJournal.KIND);
    }

    /** The entry as stored, without what a saga keeps for its next write. */
    private Optional<JournalEntry> stored(String key) {
        return store.get(DeploymentJournal.KIND, "dep-1", DeploymentJournal.class)
                .map(v -> v.value().entries().get(key));
    }

    @Test
    void choicesAreWrittenWithTheIntentOfTheNextSideEffectBeforeItsCall() {
        Saga saga = open();
        store.reset();
        String farm = saga.choose("farm", String.class, () -> "farm-7");
        String node = saga.choose("node", String.class, () -> "node-3");
        assertThat(journalWrites()).as("a choice writes nothing of its own").isZero();
        assertThat(saga.done("farm", String.class)).as("the saga sees its own choice").contains(farm);
        assertThat(stored("farm")).isEmpty();

        long sent = saga.step("wl:container-1", Long.class, Optional::empty, () -> {
            assertThat(stored("farm")).as("the farm, before the call that uses it").get()
                    .extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.DONE);
            assertThat(stored("node")).get().extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.DONE);
            assertThat(stored("wl:container-1")).get().extracting(JournalEntry::status)
                    .isEqualTo(JournalEntry.Status.PENDING);
            return 41L;
        });
        assertThat(journalWrites()).as("the intent with both choices, then the outcome").isEqualTo(2);
        assertThat(stored("wl:container-1")).get().extracting(e -> e.value().asLong()).isEqualTo(sent);
        assertThat(saga.choose("node", String.class, () -> "another")).as("chosen once").isEqualTo(node);
    }

    @Test
    void aRunCutShortBeforeItsChoicesWereWrittenChoosesAgainAndAfterwardsKeepsTheWrittenOne() {
        open().choose("gateway-1", String.class, () -> "first.example");
        Saga resumed = open();
        assertThat(resumed.done("gateway-1", String.class)).as("lost with the run").isEmpty();
        assertThat(resumed.choose("gateway-1", String.class, () -> "second.example")).isEqualTo("second.example");
        resumed.flush();

        assertThat(open().choose("gateway-1", String.class, () -> "third.example")).isEqualTo("second.example");
    }

    @Test
    void theOutcomeOfASideEffectFollowedByAnotherIsWrittenWithTheNextIntentBeforeTheNextCall() {
        Saga saga = open();
        store.reset();
        long subdomain = saga.stepWithNext("wl:subdomain-1", Long.class, Optional::empty, () -> 10L);
        assertThat(journalWrites()).as("only the intent so far").isEqualTo(1);
        assertThat(stored("wl:subdomain-1")).get().extracting(JournalEntry::status)
                .isEqualTo(JournalEntry.Status.PENDING);

        saga.step("wl:proxy-1", Long.class, Optional::empty, () -> {
            assertThat(stored("wl:subdomain-1")).as("the subdomain's id, before the proxy goes out").get()
                    .extracting(e -> e.value().asLong()).isEqualTo(subdomain);
            return 11L;
        });
        assertThat(journalWrites()).as("subdomain intent, its id with the proxy's intent, the proxy's id")
                .isEqualTo(3);
    }

    @Test
    void aRunCutShortBeforeTheOutcomeWasWrittenFindsItsSideEffectAgainInsteadOfMakingItTwice() {
        AtomicInteger sends = new AtomicInteger();
        open().stepWithNext("wl:subdomain-1", Long.class, Optional::empty, () -> 10L + sends.incrementAndGet());

        Saga resumed = open();
        long found = resumed.stepWithNext("wl:subdomain-1", Long.class, () -> Optional.of(11L),
                () -> 10L + sends.incrementAndGet());
        assertThat(found).isEqualTo(11L);
        assertThat(sends).as("sent once").hasValue(1);
        assertThat(stored("wl:subdomain-1")).as("what was found is written at once").get()
                .extracting(e -> e.value().asLong()).isEqualTo(11L);
    }

    @Test
    void aFlushWritesWhatIsKeptOnceAndNothingWhenNothingIsKept() {
        Saga saga = open();
        store.reset();
        saga.flush();
        assertThat(journalWrites()).isZero();
        saga.note("ip", "10.100.1.2");
        saga.note("ip", "10.100.1.3");
        saga.flush();
        saga.flush();
        assertThat(journalWrites()).isEqualTo(1);
        assertThat(stored("ip")).get().extracting(e -> e.value().asText()).isEqualTo("10.100.1.3");
    }

    @Test
    void aWriteOnAnotherThreadCarriesWhatThisOneKeptAndTheUndoingSeesAKeptOutcome() throws Exception {
        Saga saga = open();
        saga.choose("trc-secret", String.class, () -> "sealed");
        // a branch of the deployment (the gateway's) writes first: its intent carries the choice made before it
        CompletableFuture.runAsync(() -> saga.step("gateway-pool-1", Long.class, Optional::empty, () -> {
            assertThat(stored("trc-secret")).isPresent();
            return 5L;
        })).get();
        assertThat(stored("trc-secret")).isPresent();

        saga.stepWithNext("wl:subdomain-1", Long.class, Optional::empty, () -> 12L);
        assertThat(saga.beginUndoing("the proxy failed")).isTrue();
        assertThat(stored("wl:subdomain-1")).as("the undoing journaled the subdomain it has to remove").get()
                .extracting(e -> e.value().asLong()).isEqualTo(12L);
        assertThatThrownBy(() -> saga.step("wl:proxy-1", Long.class, Optional::empty, () -> 13L))
                .as("no new side effect once the deployment is being undone")
                .isInstanceOf(DeploymentUndoneException.class);
    }
}
