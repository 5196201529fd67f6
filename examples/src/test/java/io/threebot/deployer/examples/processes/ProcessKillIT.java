package io.threebot.deployer.examples.processes;

import static io.threebot.deployer.examples.processes.ProcessCluster.settle;
import static io.threebot.deployer.examples.processes.ProcessCluster.startDeploy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.examples.processes.ProcessCluster.Host;
import io.threebot.deployer.testing.ChatDriver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real processes: a grid server in one JVM, host app instances in others, all on one PostgreSQL cluster of the
 * test's own. Instances are killed with SIGKILL in the middle of deployments; another instance takes their work
 * over once their leases ran out, and every deployment ends deployed exactly once, paid once, with nothing left
 * behind on the grid.
 */
class ProcessKillIT {
    private static final Set<String> GONE = Set.of("DELETE", "DELETED");
    private static ProcessCluster cluster;
    private static ProcessCluster.Database database;

    @BeforeAll
    static void startGridAndDatabase() throws Exception {
        cluster = ProcessCluster.start("process-kill");
        database = cluster.database("processes");
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Host host(String name) throws Exception {
        return cluster.host(name, database);
    }

    /** Two instances, started at once. */
    private static List<Host> twoHosts(String first, String second) throws Exception {
        return cluster.hostsAtOnce(database, Map.of(), first, second);
    }

    @Test
    void instancesKilledInTheMiddleOfDeploymentsLeaveEveryDeploymentDeployedOncePaidOnceWithNothingBehind()
            throws Exception {
        Map<String, String> sessions = new TreeMap<>();
        Set<Integer> killedAtJournalSizes = new TreeSet<>();
        int paidBefore = cluster.simulation().state().path("operatorPayments").size();
        // the first victim starts with the survivor; each later one once the one before was killed, so that none
        // starts while another deploys
        List<Host> firstTwo = twoHosts("survivor", "victim-0");
        Host survivor = firstTwo.get(0);
        try {
            for (int round = 0; round < 3; round++) {
                Host victim = round == 0 ? firstTwo.get(1) : host("victim-" + round);
                Map<String, String> started = new TreeMap<>();
                for (int i = 0; i < 6; i++) {
                    String user = "r" + round + "u" + i;
                    started.put(user, startDeploy(victim.client(), user, "bot" + round + i));
                    Thread.sleep(150 + 60L * round);
                }
                Thread.sleep(200L * round);
                victim.process().kill();
                database.journalSizes().forEach((owner, size) -> {
                    if (started.containsKey(owner)) {
                        killedAtJournalSizes.add(size);
                    }
                });
                sessions.putAll(started);
            }
            for (Map.Entry<String, String> s : sessions.entrySet()) {
                HostClient.Reply end = settle(survivor.client(), s.getKey(), s.getValue());
                assertThat(end.category()).as("%s: %s", s.getKey(), end.body()).isEqualTo("download_file");
            }
        } finally {
            firstTwo.get(1).process().close();
            survivor.process().close();
        }

        JsonNode state = cluster.simulation().state();
        JsonNode payments = state.path("operatorPayments");
        assertThat(payments.size() - paidBefore).as("one pool payment per deployment").isEqualTo(sessions.size());
        for (JsonNode payment : payments) {
            assertThat(payment.path("refunded").asBoolean()).isFalse();
        }
        for (String user : sessions.keySet()) {
            String name = "bot" + user.charAt(1) + user.charAt(3);
            JsonNode workloads = state.path("users").path(user + "_" + name).path("workloads");
            Map<String, Integer> live = new HashMap<>();
            Set<String> networkNodes = new TreeSet<>();
            for (JsonNode w : workloads) {
                if (!GONE.contains(w.path("nextAction").asText())) {
                    live.merge(w.path("type").asText(), 1, Integer::sum);
                    if (w.path("type").asText().equals("NETWORK_RESOURCE")) {
                        assertThat(networkNodes.add(w.path("nodeId").asText()))
                                .as("%s: one live network workload per node, no orphaned generation", user).isTrue();
                    }
                }
            }
            assertThat(live).as(user).containsEntry("CONTAINER", 1).containsEntry("SUBDOMAIN", 1)
                    .containsEntry("REVERSE_PROXY", 1);
        }
        System.out.println("deployments killed with these numbers of journal entries: " + killedAtJournalSizes);
        assertThat(killedAtJournalSizes).as("killed at these journal sizes").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void ofTwoAnswersGivenAtOnceThroughTwoProcessesExactlyOneIsTaken() throws Exception {
        List<Host> hosts = twoHosts("answers-a", "answers-b");
        Host a = hosts.get(0);
        Host b = hosts.get(1);
        try {
            for (int round = 0; round < 4; round++) {
                String user = "twice" + round;
                HostClient.Reply first = a.client().post(user, "/chats/deploy", null);
                String session = first.session();
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<HostClient.Reply> viaA = CompletableFuture.supplyAsync(() -> answerAt(together,
                        a.client(), user, session, "alpha" + user));
                CompletableFuture<HostClient.Reply> viaB = CompletableFuture.supplyAsync(() -> answerAt(together,
                        b.client(), user, session, "bravo" + user));
                List<HostClient.Reply> replies = List.of(viaA.get(), viaB.get());
                long taken = replies.stream().filter(r -> r.status() == 200 && r.error().isEmpty()).count();
                assertThat(taken).as("%s", replies).isEqualTo(1);
                assertThat(replies).allSatisfy(r -> assertThat(r.status()).isIn(200, 409));
                assertThat(b.client().get(user, "/chats/" + session).key()).isEqualTo("flavor");
            }
        } finally {
            a.process().close();
            b.process().close();
        }
    }

    @Test
    void aThirdInstanceTakesAKilledInstancesDeployOverOnlyOnceItsLeaseRanOut() throws Exception {
        List<Host> hosts = twoHosts("lease-victim", "lease-third");
        Host victim = hosts.get(0);
        Host third = hosts.get(1);
        try {
            String session = startDeploy(victim.client(), "leaseu", "leasebot");
            String firstHolder = awaitLeaseHolder(session, h -> !h.isEmpty());
            victim.process().kill();
            long killed = System.nanoTime();
            String nextHolder = awaitLeaseHolder(session, h -> !h.isEmpty() && !h.equals(firstHolder));
            long tookOverAfter = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("the third instance took the deploy over " + tookOverAfter + " ms after the kill");
            // renewed at most a third of the 2 s lease before the kill, so it ran out 1.33 s after it at the soonest
            assertThat(tookOverAfter).as("not before the lease ran out").isGreaterThanOrEqualTo(1_300);
            assertThat(nextHolder).isNotEqualTo(firstHolder);
            assertThat(settle(third.client(), "leaseu", session).category()).isEqualTo("download_file");
        } finally {
            victim.process().close();
            third.process().close();
        }
    }

    @Test
    void aStopRacingADestroyThroughAnotherProcessNeverBringsTheDestroyed3BotBackAndGuessesCountForBoth()
            throws Exception {
        List<Host> hosts = twoHosts("ops-a", "ops-b");
        Host a = hosts.get(0);
        Host b = hosts.get(1);
        try {
            String password = ChatDriver.DEFAULTS.get("password");
            for (String name : List.of("guarded", "raced")) {
                String session = startDeploy(a.client(), "opsu", name);
                assertThat(settle(a.client(), "opsu", session).category()).isEqualTo("download_file");
            }
            Map<String, String> uuids = new HashMap<>();
            for (JsonNode bot : a.client().get("opsu", "/threebots").body()) {
                uuids.put(bot.path("name").asText(), bot.path("uuid").asText());
            }

            String guarded = "/threebots/" + uuids.get("guarded") + "/stop";
            for (int i = 0; i < 5; i++) {
                HostClient through = i % 2 == 0 ? a.client() : b.client();
                assertThat(through.post("opsu", guarded, Map.of("password", "wrong guess " + i)).status())
                        .isEqualTo(403);
            }
            assertThat(b.client().post("opsu", guarded, Map.of("password", password)).status())
                    .as("five wrong through two processes").isEqualTo(429);

            String raced = "/threebots/" + uuids.get("raced");
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<HostClient.Reply> stop = CompletableFuture.supplyAsync(() -> postAt(together,
                    a.client(), raced + "/stop", password));
            CompletableFuture<HostClient.Reply> destroy = CompletableFuture.supplyAsync(() -> postAt(together,
                    b.client(), raced + "/destroy", password));
            HostClient.Reply stopped = stop.get();
            HostClient.Reply destroyed = destroy.get();
            if (destroyed.status() == 409) {
                destroyed = b.client().post("opsu", raced + "/destroy", Map.of("password", password));
            }
            assertThat(destroyed.status()).as("%s", destroyed.body()).isEqualTo(200);
            assertThat(stopped.status()).as("%s", stopped.body()).isIn(200, 409);
            for (HostClient through : List.of(a.client(), b.client())) {
                assertThat(through.get("opsu", "/threebots").body()).filteredOn(t -> t.path("name").asText()
                        .equals("raced")).extracting(t -> t.path("state").asText()).containsExactly("DELETED");
            }
            assertThat(a.client().post("opsu", raced + "/stop", Map.of("password", password)).status())
                    .as("a DELETED 3Bot cannot be stopped").isEqualTo(409);
        } finally {
            a.process().close();
            b.process().close();
        }
    }

    private static HostClient.Reply postAt(CyclicBarrier together, HostClient client, String path, String password) {
        try {
            together.await();
            return client.post("opsu", path, Map.of("password", password));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 20 s) until the holder of the session's lease, as the database says, is one the test wants. */
    private static String awaitLeaseHolder(String session, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String holder = database.sessionLeaseHolder(session);
            if (wanted.test(holder)) {
                return holder;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the lease of session " + session + " never changed as expected");
    }

    private static HostClient.Reply answerAt(CyclicBarrier together, HostClient client, String user, String session,
                                             String value) {
        try {
            together.await();
            return client.answer(user, session, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
