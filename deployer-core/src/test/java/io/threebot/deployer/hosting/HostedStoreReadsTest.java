package io.threebot.deployer.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.store.IndexBackfill;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.InMemoryHosting;
import io.threebot.deployer.testing.CountingStore;
import io.threebot.deployer.testing.CountingStore.Call;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How often "My 3Bots" and an owner's operations on a hosted 3Bot (TFGrid v3) go to the store: a listing reads the
 * owner's hosted records together, however many there are, and writes one back only when its grid's state changed;
 * an operation reads the 3Bot once; records written before they named their owner are listed all the same.
 */
class HostedStoreReadsTest {
    private static final Secret PASSWORD = Secret.of("correct horse");

    private final InMemoryHosting hosting = new InMemoryHosting();
    private final CountingStore store = new CountingStore(new InMemoryStateStore());
    private final TestWorld world = TestWorld.sampleOn(store);

    private ThreebotDeployer deployer() {
        return world.builder(TestWorld.fastSettings().build()).hosting(hosting).reachability(hosting.probe())
                .build().start();
    }

    private static void deploy(ThreebotDeployer deployer, String owner, String name) {
        ChatMessage last = ChatDriver.start(deployer, owner).runToEnd(Map.of("days", "3", "name", name));
        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
    }

    /** The store calls of one sort on one kind that {@code work} makes. */
    private int calls(String kind, Call call, Runnable work) {
        int before = store.calls(kind, call);
        work.run();
        return store.calls(kind, call) - before;
    }

    @Test
    void aListingReadsTheOwnersHostedRecordsTogetherAndWritesOnlyAStateThatChanged() {
        try (ThreebotDeployer deployer = deployer()) {
            deploy(deployer, "olga", "first");
            OwnerDeployer olga = deployer.forOwner("olga");
            olga.threebots(); // the first listing notes each grid's state
            int oneBot = calls(HostedRecords.KIND, Call.SCAN, olga::threebots);
            deploy(deployer, "olga", "second");
            deploy(deployer, "olga", "third");
            olga.threebots();

            int[] gets = new int[1];
            int[] writes = new int[1];
            int scans = calls(HostedRecords.KIND, Call.SCAN, () -> gets[0] = calls(HostedRecords.KIND, Call.GET,
                    () -> writes[0] = calls(HostedRecords.KIND, Call.WRITE, () -> {
                        List<ThreebotView> views = olga.threebots();
                        assertThat(views).hasSize(3).allSatisfy(v -> {
                            assertThat(v.state()).isEqualTo(ThreebotState.RUNNING);
                            assertThat(v.poolTimeLeft()).as("read from the hosting grid")
                                    .hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofDays(2)));
                        });
                    })));
            // no record by id: the owner's index and its damaged records, two look-ups for three 3Bots as for one
            assertThat(gets).containsExactly(0);
            assertThat(scans).isEqualTo(2).isEqualTo(oneBot);
            assertThat(writes).as("no grid's state changed").containsExactly(0);

            hosting.force(hosting.contracts().get(0).account(), HostingStatus.State.GRACE_PERIOD);
            int[] paused = new int[1];
            int read = calls(HostedRecords.KIND, Call.GET, () -> paused[0] = calls(HostedRecords.KIND, Call.WRITE,
                    () -> assertThat(olga.threebots()).extracting(ThreebotView::state)
                            .containsOnlyOnce(ThreebotState.ERROR)));
            assertThat(paused).as("the paused 3Bot's state is written back at the version read").containsExactly(1);
            assertThat(read).isZero();
        }
    }

    @Test
    void aHostedOperationReadsThe3BotOnceBesideTheReadsItsOwnWritesMake() {
        try (ThreebotDeployer deployer = deployer()) {
            deploy(deployer, "pia", "mybot");
            OwnerDeployer pia = deployer.forOwner("pia");
            String uuid = pia.threebots().get(0).uuid();

            assertThat(extraReads(() -> pia.stop(uuid, PASSWORD))).isEqualTo(1);
            assertThat(extraReads(() -> pia.restart(uuid, PASSWORD, Optional.empty(), m -> { }))).isEqualTo(1);
            String move = pia.requestPayment(uuid, io.threebot.deployer.billing.Purchase.changeLocation(1)).id();
            assertThat(extraReads(() -> assertThat(pia.changeLocation(uuid, PASSWORD,
                    LocationPolicy.farm("torontofarm"), Optional.of(move), m -> { }).farmName())
                    .isEqualTo("torontofarm"))).isEqualTo(1);
        }
    }

    /**
     * The reads of the 3Bot's record an operation makes beside those of its own read-modify-writes (each write of
     * the record reads it first): the one that checks the password and the state.
     */
    private int extraReads(Runnable operation) {
        int[] writes = new int[1];
        int gets = calls(ThreebotRepository.KIND, Call.GET, () -> writes[0] = calls(ThreebotRepository.KIND,
                Call.WRITE, operation));
        return gets - writes[0];
    }

    @Test
    void aHostedRecordWrittenBeforeItNamedItsOwnerIsIndexedOnceAndListed() {
        String uuid;
        try (ThreebotDeployer deployer = deployer()) {
            deploy(deployer, "quinn", "mybot");
            uuid = deployer.forOwner("quinn").threebots().get(0).uuid();
        }
        // the record as it was kept before: no owner; and the store not yet indexed for it
        Versioned<JsonNode> stored = store.get(HostedRecords.KIND, uuid, JsonNode.class).orElseThrow();
        store.put(HostedRecords.KIND, uuid, ((ObjectNode) stored.value().deepCopy()).without("owner"),
                stored.version());
        store.get(IndexBackfill.KIND, HostedRecords.KIND, JsonNode.class)
                .ifPresent(marker -> store.delete(IndexBackfill.KIND, HostedRecords.KIND, marker.version()));

        try (ThreebotDeployer deployer = deployer()) {
            ThreebotView view = deployer.forOwner("quinn").threebots().get(0);
            assertThat(view.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(view.poolTimeLeft()).as("read from the hosting grid")
                    .hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofDays(2)));
            assertThat(store.get(HostedRecords.KIND, uuid, JsonNode.class).orElseThrow().value().path("owner")
                    .asText()).isEqualTo("quinn");
            int scans = calls(HostedRecords.KIND, Call.SCAN, () -> deployer.forOwner("quinn").threebots());
            assertThat(scans).as("indexed once: the next listing scans nothing whole").isEqualTo(2);
        }
    }

    @Test
    void aHosted3BotWhoseRecordCannotBeReadIsListedAsStoredAndNotAsOneOfTheExplorerGrid() {
        try (ThreebotDeployer deployer = deployer()) {
            deploy(deployer, "rosa", "mybot");
            OwnerDeployer rosa = deployer.forOwner("rosa");
            String uuid = rosa.threebots().get(0).uuid();
            Versioned<JsonNode> stored = store.get(HostedRecords.KIND, uuid, JsonNode.class).orElseThrow();
            store.put(HostedRecords.KIND, uuid, ((ObjectNode) stored.value().deepCopy()).put("sealed", "not sealed"),
                    stored.version());
            hosting.force(hosting.contracts().get(0).account(), HostingStatus.State.GRACE_PERIOD);

            ThreebotView view = rosa.threebots().get(0);
            assertThat(view.state()).as("as stored: the grid was not read").isEqualTo(ThreebotState.RUNNING);
            assertThat(view.poolTimeLeft()).isEmpty();
            assertThat(view.workloadIds()).isEmpty();
            assertThat(io.threebot.deployer.Internals.storedThreebots(deployer, "rosa").get(0).state())
                    .as("not stored as stopped").isEqualTo(ThreebotState.RUNNING);
        }
    }
}
