package io.threebot.deployer.examples.processes;

import static io.threebot.deployer.examples.processes.ProcessCluster.entry;
import static io.threebot.deployer.examples.processes.ProcessCluster.identityName;
import static io.threebot.deployer.examples.processes.ProcessCluster.liveWorkloads;
import static io.threebot.deployer.examples.processes.ProcessCluster.settle;
import static io.threebot.deployer.examples.processes.ProcessCluster.startDeploy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.examples.processes.ProcessCluster.Database;
import io.threebot.deployer.examples.processes.ProcessCluster.Host;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.testing.ChatDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fencing in real processes: host app instances on one PostgreSQL database and one grid server, each in a JVM of its
 * own. An instance paused with SIGSTOP past its lease at each position of a deploy, while another takes the deploy
 * over and finishes it, writes nothing and moves no money once woken (records and money compared before and after
 * waking; that it sends nothing to the grid is the disabled test's claim, see its reason). A resize paused past its
 * lease while the 3Bot is destroyed through another instance changes nothing once woken, and the 3Bot stays
 * destroyed. An instance killed with SIGKILL while it undoes a failed deployment leaves the undoing to the one that
 * resumes it, which finishes it: the user and the operator are refunded once, and no 3Bot comes of it.
 */
class ProcessFencingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grid methods that change something; the others only read. */
    private static final Set<String> GRID_CHANGES = Set.of("registerUser", "reservePool", "deployWorkload",
            "decommission");
    /**
     * How long a woken instance is given to do whatever it would still do: a few leases, and long enough for a runner
     * whose send did not answer to look for what it may have made (7.5 s, StrayWorkloads) and take it back.
     */
    private static final Duration AFTER_WAKING = Duration.ofSeconds(9);
    private static final String PASSWORD = ChatDriver.DEFAULTS.get("password");
    /**
     * How long a request sent to an instance that is paused meanwhile waits for its answer: the pause lasts the other
     * instance's whole take-over, which a loaded machine stretches well past a minute.
     */
    private static final Duration PAUSED_ANSWER = Duration.ofMinutes(4);
    /** The deployer's own log lines from INFO on, so a test can show what a woken instance did. */
    private static final Map<String, String> INFO_LOG = Map.of("JAVA_TOOL_OPTIONS",
            "-Dorg.slf4j.simpleLogger.log.io.threebot=info");
    private static ProcessCluster cluster;

    @BeforeAll
    static void startGridAndDatabase() throws Exception {
        cluster = ProcessCluster.start("process-fencing");
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * A point of a deployment's journal: the first moment it holds an entry under that key, usually the side effect
     * journaled as about to be made (PENDING) while the instance makes it.
     */
    private record Position(String name, Predicate<JsonNode> reached) {
        static Position at(String name, String keyPrefix) {
            return new Position(name, journal -> {
                for (Iterator<String> keys = journal.path("entries").fieldNames(); keys.hasNext(); ) {
                    if (keys.next().startsWith(keyPrefix)) {
                        return true;
                    }
                }
                return false;
            });
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Position> DEPLOY_POSITIONS = List.of(
            Position.at("pool payment", "pay:pool"),
            Position.at("network", "wl:network-"),
            Position.at("subdomain", "wl:subdomain-1"),
            Position.at("proxy", "wl:proxy-1"),
            Position.at("container", "wl:container-1"),
            Position.at("3Bot record", "threebot"));

    /**
     * What an instance paused at a position showed once woken: everything before and after, the 3Bot, and what the
     * woken instance and the other one logged meanwhile.
     */
    private record Woken(Position position, Snapshot before, Snapshot after, long running, String wokenLog,
                         String otherLog) {
    }

    @Test
    void anInstancePausedPastItsLeaseAtEachPositionOfADeployWritesNothingAndMovesNoMoneyOnceWoken() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Woken woken : pauseAtEachPositionOfADeploy("paused")) {
            String at = "woken at " + woken.position();
            List<String> found = new ArrayList<>();
            found.addAll(differences(at + ", the records", woken.before().records(), woken.after().records()));
            found.addAll(differences(at + ", the money", woken.before().money(), woken.after().money()));
            found.addAll(newlyLive(at, woken.before().live(), woken.after().live()));
            if (woken.running() != 1) {
                found.add(at + ": " + woken.running() + " 3Bots RUNNING, not one");
            }
            if (!found.isEmpty()) {
                System.out.printf("%s the woken instance logged:%n%s%nthe others logged meanwhile:%n%s%n", at,
                        woken.wokenLog(), woken.otherLog());
            }
            failures.addAll(found);
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Workloads live after waking that were not before: what a woken instance sent (it may still send the grid call
     * it was paused inside, after its check of the lease) must not stay live; it takes it back at once.
     */
    private static List<String> newlyLive(String at, Map<String, String> before, Map<String, String> after) {
        return after.entrySet().stream().filter(w -> !before.containsKey(w.getKey()))
                .map(w -> at + ": a workload left live after waking, " + w.getKey() + " (" + w.getValue() + ")")
                .toList();
    }

    /**
     * For each position: instance A deploys until its journal reaches it, is paused (SIGSTOP) there, instance B takes
     * the deployment over once A's lease ran out and finishes it; then everything is taken down, A is woken, given a
     * few leases' time, and everything taken down again. A is killed at the end. A new A starts while B works. An A
     * that ran the deployment's last long step to its end in the moment before it stopped left nothing to take over:
     * the position is tried again with another A and another user, up to three times.
     */
    private static List<Woken> pauseAtEachPositionOfADeploy(String databaseName) throws Exception {
        Database database = cluster.database(databaseName);
        Host b = cluster.host(databaseName + "-b", database, INFO_LOG);
        int started = 0;
        CompletableFuture<Host> nextA = startHost(databaseName + "-a-" + started++, database);
        List<Woken> woken = new ArrayList<>();
        try {
            for (int i = 0, attempt = 0; i < DEPLOY_POSITIONS.size(); attempt++) {
                Position position = DEPLOY_POSITIONS.get(i);
                long began = System.nanoTime();
                Host a = nextA.join();
                nextA = null;
                try {
                    String user = databaseName.replace("_", "") + i + "x" + attempt;
                    String name = "pbot" + i;
                    String session = startDeploy(a.client(), user, name);
                    JsonNode journal = database.awaitJournal(user, position.reached(), Duration.ofSeconds(60));
                    a.process().pause();
                    if (!database.record("chat-sessions", session).path("status").asText().equals("BUSY")) {
                        // it ran its last long step to the end in the moment before it stopped: nothing to take over
                        assertThat(attempt).as("%s: the deploy always ended before the pause", position)
                                .isLessThan(3);
                        System.out.printf("at %s the deploy ended before the pause; again%n", position);
                        nextA = startHost(databaseName + "-a-" + started++, database);
                        continue;
                    }
                    String step = awaitTakeOver(database, session, b);
                    if (i + 1 < DEPLOY_POSITIONS.size()) {
                        nextA = startHost(databaseName + "-a-" + started++, database);
                    }
                    HostClient.Reply end = settle(b.client(), user, session);
                    assertThat(end.category()).as("%s: %s", position, end.body()).isEqualTo("download_file");
                    if (nextA != null) {
                        nextA.join(); // what a starting instance writes is written before the comparison
                    }

                    Snapshot before = Snapshot.of(database);
                    int logged = a.process().output().length();
                    int otherLogged = b.process().output().length();
                    Host idle = nextA == null ? null : nextA.join();
                    int idleLogged = idle == null ? 0 : idle.process().output().length();
                    a.process().wake();
                    Thread.sleep(AFTER_WAKING.toMillis());
                    Snapshot after = Snapshot.of(database);
                    String wokenLog = a.process().output().substring(logged);
                    String othersLog = b.process().output().substring(otherLogged) + (idle == null ? ""
                            : "\n(the next instance, idle:)\n" + idle.process().output().substring(idleLogged));
                    woken.add(new Woken(position, before, after, runningNamed(b.client(), user, name), wokenLog,
                            othersLog));
                    System.out.printf("paused at %s (journal: %s), taken over at step '%s'; after waking it logged:"
                            + "%n%s%n", position, keys(journal), step, tail(wokenLog));
                    System.out.printf("position %s took %d ms%n", position, (System.nanoTime() - began) / 1_000_000);
                    i++;
                    attempt = -1;
                } finally {
                    a.process().close();
                }
            }
        } finally {
            if (nextA != null) {
                nextA.join().process().close();
            }
            b.process().close();
        }
        return woken;
    }

    /** Where a failing deployment is killed while it undoes itself, and which wallet's refund it is then waiting on. */
    private record RefundPosition(String name, String heldWallet, Predicate<JsonNode> reached) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void aFailedDeploymentKilledWhileItRefundsIsUndoneOnceByTheInstanceThatResumesIt() throws Exception {
        Database database = cluster.database("refunds");
        RemoteSimulation sim = cluster.simulation();
        Predicate<JsonNode> compensating = j -> j.path("outcome").asText().equals("COMPENSATING");
        List<RefundPosition> positions = List.of(
                new RefundPosition("compensating, before the pool refund", "operator", compensating.and(
                        j -> entry(j, "pay:pool").map(e -> e.path("status").asText()).orElse("").equals("DONE"))),
                new RefundPosition("pool payment compensated, before the user's refund", "users", compensating.and(
                        j -> entry(j, "pay:pool").map(e -> e.path("status").asText()).orElse("")
                                .equals("COMPENSATED"))));
        Host b = cluster.host("refunds-b", database, INFO_LOG);
        try {
            for (int i = 0; i < positions.size(); i++) {
                RefundPosition position = positions.get(i);
                long began = System.nanoTime();
                String user = "undone" + i;
                String name = "ubot" + i;
                JsonNode gridBefore = sim.state();
                Host a = cluster.host("refunds-a-" + i, database, INFO_LOG);
                try {
                    sim.failNextWorkloads(WorkloadType.CONTAINER, 100);
                    // the refund the instance is killed waiting for never goes through
                    sim.holdNextRefunds(position.heldWallet(), 1, Duration.ofSeconds(8));
                    String session = startDeploy(a.client(), user, name);
                    JsonNode journal = database.awaitJournal(user, position.reached(), Duration.ofSeconds(90));
                    a.process().kill();
                    sim.clearFaults();
                    JsonNode killedAt = sim.state();
                    JsonNode poolPayment = entry(journal, "pay:pool").orElseThrow().path("value");
                    String userMemo = single(database.userPayments(user)).path("memo").asText();
                    System.out.printf("killed at %s (journal: %s)%n", position, keys(journal));
                    assertThat(refundsOf(killedAt, "r-" + userMemo)).as("%s: the user is not refunded yet", position)
                            .isEmpty();
                    if (position.heldWallet().equals("operator")) {
                        assertThat(receipt(killedAt, poolPayment.path("memo").asText()).path("refunded").asBoolean())
                                .as("%s: the pool payment is not refunded yet", position).isFalse();
                    }

                    HostClient.Reply end = settle(b.client(), user, session);
                    assertThat(end.category()).as("%s: %s", position, end.body()).isEqualTo("error");
                    assertThat(end.body().path("payload").path("msg").asText()).as(position.name())
                            .contains("refunded");

                    JsonNode grid = sim.state();
                    JsonNode payment = single(database.userPayments(user));
                    List<JsonNode> refunds = refundsOf(grid, "r-" + userMemo);
                    assertThat(refunds).as("%s: the user is refunded once", position).hasSize(1);
                    assertThat(refunds.get(0).path("amountStroops").asLong()).as(position.name())
                            .isEqualTo(received(payment));
                    assertThat(payment.path("status").asText()).as(position.name()).isEqualTo("REFUNDED");
                    assertThat(grid.path("autoPayerNetStroops").asLong()).as("%s: the user paid nothing in the end",
                            position).isEqualTo(gridBefore.path("autoPayerNetStroops").asLong());
                    assertThat(receipt(grid, poolPayment.path("memo").asText()).path("refunded").asBoolean())
                            .as("%s: the pool payment is refunded", position).isTrue();
                    assertThat(grid.path("operatorBalanceStroops").asLong())
                            .as("%s: the operator got the pool payment back, once", position)
                            .isEqualTo(gridBefore.path("operatorBalanceStroops").asLong());
                    assertThat(grid.path("walletCalls").path("operator/pay").asLong()
                            - gridBefore.path("walletCalls").path("operator/pay").asLong())
                            .as("%s: one pool payment", position).isEqualTo(1);
                    assertThat(liveWorkloads(grid, identityName(user, name)))
                            .as("%s: nothing live on the grid", position).isEmpty();
                    assertThat(runningNamed(b.client(), user, name)).as("%s: no 3Bot", position).isZero();
                    assertThat(single(database.journals(user)).path("outcome").asText()).as(position.name())
                            .isEqualTo("COMPENSATED");
                } finally {
                    sim.clearFaults();
                    a.process().close();
                }
                System.out.printf("refund position %s took %d ms%n", position,
                        (System.nanoTime() - began) / 1_000_000);
            }
        } finally {
            b.process().close();
        }
    }

    /** A resize paused past its lease while the 3Bot was destroyed through another instance, then woken. */
    private record RacedResize(String owner, String name, Snapshot before, Snapshot after, HostClient.Reply resized,
                               JsonNode listing, JsonNode grid, List<JsonNode> payments, String resizePayment) {
    }

    @Test
    void aDestroyRacingAResizePausedPastItsLeaseStaysDestroyedAndTheWokenInstanceChangesNothing() throws Exception {
        RacedResize race = destroyWhileAResizeIsPaused("resize");
        List<String> failures = new ArrayList<>();
        failures.addAll(differences("the records", race.before().records(), race.after().records()));
        failures.addAll(differences("the money", race.before().money(), race.after().money()));
        failures.addAll(differences("the grid and the wallets", race.before().sent(), race.after().sent()));
        assertThat(failures).as("what the woken instance changed").isEmpty();
        assertThat(race.resized().status()).as("the woken resize: %s", race.resized().body()).isNotEqualTo(200);
        assertThat(race.listing()).filteredOn(t -> t.path("name").asText().equals(race.name()))
                .as("the destroyed 3Bot, and nothing running under its name")
                .extracting(t -> t.path("state").asText()).containsExactly("DELETED");
    }

    /**
     * What the paused resize made is undone by the payment sweep of the instance that did not pause (the paid
     * operation's record outlives its runner), and the user is refunded for the resize.
     */
    @Test
    void aDestroyRacingAResizePausedPastItsLeaseLeavesNothingLiveAndTheResizeRefunded() throws Exception {
        RacedResize race = destroyWhileAResizeIsPaused("resize_left");
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(liveWorkloads(race.grid(), identityName(race.owner(), race.name())))
                    .as("live workloads of the destroyed 3Bot's identity").isEmpty();
            // undone and refunded when the destroy came first; finished and paid when the take-over did
            softly.assertThat(race.payments()).filteredOn(p -> p.path("id").asText().equals(race.resizePayment()))
                    .as("the resize's payment").extracting(p -> p.path("status").asText())
                    .singleElement().isIn("REFUNDED", "SETTLED");
        });
    }

    /**
     * A 3Bot deployed through B; its owner pays for a resize to Gold and asks A for it; A is paused (SIGSTOP) once
     * the resize journaled its new container as sent, while it waits for it; the owner destroys the 3Bot through B
     * once A's lease on it ran out; then everything is taken down, A is woken, given a few leases' time, and
     * everything taken down again.
     */
    private static RacedResize destroyWhileAResizeIsPaused(String databaseName) throws Exception {
        Database database = cluster.database(databaseName);
        String owner = databaseName.replace("_", "") + "u";
        String name = "rbot";
        // both or neither: an instance left running by a failed start would outlive the test
        List<Host> started = cluster.hostsAtOnce(database, INFO_LOG, databaseName + "-a", databaseName + "-b");
        Host a = started.get(0);
        Host b = started.get(1);
        try {
            String session = startDeploy(b.client(), owner, name);
            assertThat(settle(b.client(), owner, session).category()).isEqualTo("download_file");
            String uuid = single(toList(b.client().get(owner, "/threebots").body())).path("uuid").asText();
            String deployment = single(database.journals(owner)).path("id").asText();
            HostClient.Reply requested = b.client().post(owner, "/threebots/" + uuid + "/payments",
                    Map.of("operation", "resize", "days", 1, "size", "Gold"));
            assertThat(requested.status()).as("%s", requested.body()).isEqualTo(201);
            String payment = requested.body().path("payment_id").asText();

            CompletableFuture<HostClient.Reply> resize = CompletableFuture.supplyAsync(() -> {
                try {
                    // A is paused while this waits: for its lease to run out, the destroy, the refund and more
                    return a.client().post(owner, "/threebots/" + uuid + "/resize", Map.of("password", PASSWORD,
                            "size", "Gold", "payment", payment), PAUSED_ANSWER);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode journal = database.awaitJournal(owner, j -> !j.path("id").asText().equals(deployment)
                    && entry(j, "wl:container-1").map(e -> e.path("status").asText()).orElse("").equals("DONE"),
                    Duration.ofSeconds(60));
            a.process().pause();
            HostClient.Reply destroyed = b.client().post(owner, "/threebots/" + uuid + "/destroy",
                    Map.of("password", PASSWORD));
            String target = uuid;
            for (long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                 (destroyed.status() == 409 || destroyed.status() == 404) && System.nanoTime() < deadline; ) {
                Thread.sleep(100); // A's lease on the 3Bot has not run out yet
                if (destroyed.status() == 404) {
                    // B's take-over finished the paused resize first: the 3Bot runs under a new id now
                    target = single(toList(b.client().get(owner, "/threebots").body())).path("uuid").asText();
                }
                destroyed = b.client().post(owner, "/threebots/" + target + "/destroy", Map.of("password", PASSWORD));
            }
            assertThat(destroyed.status()).as("the destroy: %s", destroyed.body()).isEqualTo(200);
            // the resize's runner is paused past its lease: the other instance takes the paid operation up, finds
            // its 3Bot destroyed, undoes what it made and refunds it
            for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                 !(Set.of("REFUNDED", "SETTLED").contains(paymentStatus(database, owner, payment))
                         && database.paidOperations().isEmpty())
                         && System.nanoTime() < deadline; ) {
                Thread.sleep(200); // until the paid operation ended: refunded, its journal ended, its record gone
            }

            Snapshot before = Snapshot.of(database);
            int logged = a.process().output().length();
            a.process().wake();
            Thread.sleep(AFTER_WAKING.toMillis());
            Snapshot after = Snapshot.of(database);
            HostClient.Reply resized = resize.get(PAUSED_ANSWER.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            System.out.printf("resize paused at %s; destroyed through the other instance; the woken resize answered "
                    + "%d %s; after waking it logged:%n%s%n", keys(journal), resized.status(), resized.body(),
                    tail(a.process().output().substring(logged)));
            return new RacedResize(owner, name, before, after, resized, b.client().get(owner, "/threebots").body(),
                    cluster.simulation().state(), database.userPayments(owner), payment);
        } finally {
            a.process().close();
            b.process().close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static CompletableFuture<Host> startHost(String name, Database database) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return cluster.host(name, database, INFO_LOG);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Waits (up to 20 s) until {@code taker} took the session's long step over, as its log says (its step may end
     * before the lease could be seen held); returns the step it resumed at.
     */
    private static String awaitTakeOver(Database database, String session, Host taker) throws Exception {
        Pattern resumed = Pattern.compile("Resuming session " + Pattern.quote(session) + " at step '([^']*)'");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = resumed.matcher(taker.process().output());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
        JsonNode stored = database.record("chat-sessions", session);
        throw new AssertionError("session " + session + " was not taken over by the other instance; its lease is "
                + database.record("lease", "session-" + session) + ", it is " + stored.path("status") + " at step "
                + stored.path("step") + " slide " + stored.path("slide"));
    }

    /** How many of the owner's 3Bots with that name are RUNNING. */
    private static long runningNamed(HostClient client, String owner, String name) throws Exception {
        HostClient.Reply listing = client.get(owner, "/threebots");
        assertThat(listing.status()).as("%s", listing.body()).isEqualTo(200);
        long running = 0;
        for (JsonNode bot : listing.body()) {
            if (bot.path("name").asText().equals(name) && bot.path("state").asText().equals("RUNNING")) {
                running++;
            }
        }
        return running;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return values;
    }

    private static JsonNode single(List<JsonNode> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static List<JsonNode> refundsOf(JsonNode gridState, String memo) {
        List<JsonNode> refunds = new ArrayList<>();
        gridState.path("userRefunds").forEach(r -> {
            if (r.path("memo").asText().equals(memo)) {
                refunds.add(r);
            }
        });
        return refunds;
    }

    private static JsonNode receipt(JsonNode gridState, String memo) {
        for (JsonNode receipt : gridState.path("operatorPayments")) {
            if (receipt.path("memo").asText().equals(memo)) {
                return receipt;
            }
        }
        throw new AssertionError("the operator never paid " + memo);
    }

    private static long received(JsonNode userPayment) {
        long received = 0;
        for (JsonNode transfer : userPayment.path("transfers")) {
            received += transfer.path("transfer").path("amountStroops").asLong();
        }
        return received;
    }

    private static String keys(JsonNode journal) {
        List<String> keys = new ArrayList<>();
        journal.path("entries").fields().forEachRemaining(e -> keys.add(e.getKey() + "="
                + e.getValue().path("status").asText()));
        return journal.path("outcome").asText() + " " + keys;
    }

    private static String tail(String log) {
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    }

    /**
     * What an instance could change, in three parts: what was sent (every user's workloads and pools, how many times
     * the grid was asked to change something and each wallet call was made), the money (the operator's balance and
     * pool payments, the users' refunds, what the paying users' wallet holds) and every record but the leases. A
     * pool's remaining units and when it runs dry are left out: they go down by themselves.
     */
    /**
     * @param live the workloads the grid runs (next action DEPLOY), as {@code user/id}, each with its type, reference
     *             and node
     */
    private record Snapshot(Map<String, String> sent, Map<String, String> money, Map<String, String> records,
                            Map<String, String> live) {
        /**
         * Payment requests watched for late transfers: compared by whether they are there. Each instance's payment
         * sweep (instance-wide, under no lease, and run at once when a paused instance wakes) notes once when a
         * closed request stops being watched, which no lease fences and no deployment depends on.
         */
        private static final String WATCHES = "user-payments-watch/";
        private static final Set<String> MONEY = Set.of("operatorBalanceStroops", "operatorPayments", "userRefunds",
                "autoPayerNetStroops");

        static Snapshot of(Database database) throws Exception {
            ObjectNode state = (ObjectNode) cluster.simulation().state();
            for (JsonNode user : state.path("users")) {
                for (JsonNode pool : user.path("pools")) {
                    ((ObjectNode) pool).remove(List.of("cus", "sus", "emptyAt"));
                }
            }
            for (JsonNode user : state.path("users")) {
                for (JsonNode workload : user.path("workloads")) {
                    if (workload.path("nextAction").asText().equals("DELETED")) {
                        // the grid finishing a removal asked for before, in its own time
                        ((ObjectNode) workload).put("nextAction", "DELETE");
                    }
                }
            }
            Map<String, String> live = new TreeMap<>();
            state.path("users").fields().forEachRemaining(user -> user.getValue().path("workloads").forEach(w -> {
                if (w.path("nextAction").asText().equals("DEPLOY")) {
                    live.put(user.getKey() + "/" + w.path("id").asText(), w.path("type").asText() + " "
                            + w.path("reference").asText() + " on " + w.path("nodeId").asText());
                }
            }));
            ObjectNode changes = JSON.createObjectNode();
            state.path("gridCalls").fields().forEachRemaining(e -> {
                if (GRID_CHANGES.contains(e.getKey())) {
                    changes.set(e.getKey(), e.getValue());
                }
            });
            state.set("gridCalls", changes);
            Map<String, String> sent = new TreeMap<>();
            Map<String, String> money = new TreeMap<>();
            state.fields().forEachRemaining(e -> flatten("/" + e.getKey(), e.getValue(),
                    MONEY.contains(e.getKey()) ? money : sent));
            Map<String, String> records = database.records();
            records.replaceAll((key, row) -> key.startsWith(WATCHES) ? "watched" : row);
            return new Snapshot(sent, money, records, live);
        }

        private static void flatten(String path, JsonNode node, Map<String, String> into) {
            if (node.isObject()) {
                node.fields().forEachRemaining(e -> flatten(path + "/" + e.getKey(), e.getValue(), into));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    flatten(path + "/" + i, node.get(i), into);
                }
            } else {
                into.put(path, node.asText());
            }
        }
    }

    private static String paymentStatus(Database database, String owner, String payment) throws Exception {
        for (JsonNode p : database.userPayments(owner)) {
            if (p.path("id").asText().equals(payment)) {
                return p.path("status").asText();
            }
        }
        return "";
    }

    /** What changed from {@code before} to {@code after}, each line saying where and how. */
    private static List<String> differences(String what, Map<String, String> before, Map<String, String> after) {
        List<String> differences = new ArrayList<>();
        before.forEach((key, value) -> {
            String now = after.get(key);
            if (now == null) {
                differences.add(what + ": gone " + key + " = " + value);
            } else if (!now.equals(value)) {
                differences.add(what + ": changed " + key + " from " + value + " to " + now);
            }
        });
        after.forEach((key, value) -> {
            if (!before.containsKey(key)) {
                differences.add(what + ": new " + key + " = " + value);
            }
        });
        return differences;
    }
}
