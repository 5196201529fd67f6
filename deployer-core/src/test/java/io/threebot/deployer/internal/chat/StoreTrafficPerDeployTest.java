package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CountingStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one deploy through the whole chat costs the store, counted by record kind through a store that wraps the
 * in-memory one, on a grid whose workloads take a second to come up (so the long steps wait a while).
 */
class StoreTrafficPerDeployTest {
    @Test
    void aDeployReadsItsSessionOnceAStepRunAndAnswerWritesItsLeasesOnlyToTakeRenewAfterACallAndLetGoAndItsJournalOnceASideEffectOrTwo() {
        CountingStore store = new CountingStore(new InMemoryStateStore());
        TestWorld world = TestWorld.sampleOn(store);
        world.grid.deployDelay(Duration.ofSeconds(1));
        ChatMessage end;
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().leaseDuration(Duration.ofSeconds(30))
                .build()).build().start()) {
            store.reset();
            end = ChatDriver.start(deployer, "dora").runToEnd(Map.of());
        }
        assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
        String counts = "reads " + store.readsByKind() + ", writes " + store.writesByKind();
        // 9 answers read it once each, 7 step runs once each, and a client awaiting a step reads it when it starts
        // waiting and when a step ends; it used to be read every 200 ms and at every progress message of a step
        // (51 reads with workloads up after 0.6 s, more the longer the steps wait)
        assertThat(store.reads(SessionRecords.KIND)).as(counts).isBetween(16, 32);
        // taken and let go by each step run, and renewed after each call that creates something on the grid; a
        // check before a side effect writes nothing while the lease is young (21 writes before it did not)
        assertThat(store.writes(Leases.KIND)).as(counts).isBetween(1, 14);
        // the journal is written 17 times (it was 34): created; the user's payment taken; the farm, node, gateway
        // and the proxy's secret with the pool's intent; the pool's reservation with its payment's intent; the
        // payment made (money: on its own); the network's keys with its workload's intent; the workload's id; the
        // address and the placement at the end of the set-up; beside it the gateway's free pool (intent, then its
        // reservation before the wait), the subdomain's intent, its id with the proxy's intent, the proxy's id;
        // then the backup token with the container's intent, the container's id, the 3Bot, and the end. Choices
        // made without a side effect no longer write an intent and a result of their own (12 writes), nor does the
        // outcome of a call followed at once by another (the reservation before its payment, the subdomain before
        // the proxy) or an address taken (2 and 3)
        DeploymentJournal journal = store.list(DeploymentJournal.KIND, DeploymentJournal.class).get(0).value();
        assertThat(store.get(DeploymentJournal.KIND, journal.id(), DeploymentJournal.class).orElseThrow().version())
                .as("journal writes made, " + journal.entries().keySet()).isEqualTo(17);
        // the gateway's branch and the pool's write the journal at once, and one of two writes at the same moment
        // is made again (a compare-and-set): attempts, not writes, are counted here
        assertThat(store.writes(DeploymentJournal.KIND)).as(counts).isBetween(17, 23);
    }
}
