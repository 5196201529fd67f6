package io.threebot.deployer.examples.processes;

import static io.threebot.deployer.examples.processes.ProcessCluster.awaitTrue;
import static io.threebot.deployer.examples.processes.ProcessCluster.deployed;
import static io.threebot.deployer.examples.processes.ProcessCluster.entry;
import static io.threebot.deployer.examples.processes.ProcessCluster.identityName;
import static io.threebot.deployer.examples.processes.ProcessCluster.liveWorkloads;
import static io.threebot.deployer.examples.processes.ProcessCluster.operatorPayments;
import static io.threebot.deployer.examples.processes.ProcessCluster.postInBackground;
import static io.threebot.deployer.examples.processes.ProcessCluster.requestPayment;
import static io.threebot.deployer.examples.processes.ProcessCluster.threebot;
import static io.threebot.deployer.examples.processes.ProcessCluster.userRefunds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.examples.processes.ProcessCluster.Database;
import io.threebot.deployer.examples.processes.ProcessCluster.Host;
import io.threebot.deployer.testing.ChatDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paid lifecycle operations in real processes: a 3Bot's owner pays for a resize, a move or an extension through the
 * host's payment request and asks instance A for it; A is killed with SIGKILL once the operation's journal reached a
 * position past the operator's payment to the grid; instance B takes the operation up on its take-over schedule and
 * runs it to its end. The operation is done once, the user's payment settled and never refunded, the grid paid once
 * for it, nothing left live on the grid that the 3Bot does not name, and the paid operation's record gone.
 */
class ProcessPaidOperationKillIT {
    private static final String PASSWORD = ChatDriver.DEFAULTS.get("password");
    private static final Map<String, String> INFO_LOG = Map.of("JAVA_TOOL_OPTIONS",
            "-Dorg.slf4j.simpleLogger.log.io.threebot=info");
    private static final Duration TO_THE_END = Duration.ofSeconds(60);
    private static ProcessCluster cluster;
    private static Database database;
    private static Host b;

    @BeforeAll
    static void startGridDatabaseAndTheInstanceThatTakesOver() throws Exception {
        cluster = ProcessCluster.start("process-paid-kill");
        database = cluster.database("paid_operations");
        b = cluster.host("paid-b", database, INFO_LOG);
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (b != null) {
                b.process().close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** A journal entry under {@code key} with one of the statuses. */
    private static Predicate<JsonNode> at(String key, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        return journal -> entry(journal, key).map(e -> wanted.contains(e.path("status").asText())).orElse(false);
    }

    private static final Predicate<JsonNode> AT_THE_NEW_CONTAINER = at("pay:pool", "DONE")
            .and(at("wl:container-1", "PENDING", "DONE"));

    @Test
    void aResizeWhoseInstanceIsKilledAtItsNewContainerIsFinishedOnceByTheOther() throws Exception {
        Killed killed = killDuring("resize", Map.of("operation", "resize", "days", 1, "size", "Gold"),
                before -> Map.of("password", PASSWORD, "size", "Gold"), AT_THE_NEW_CONTAINER);
        assertDoneOnce(killed);
        assertThat(killed.after().path("flavor").asText()).as("the 3Bot's size").isEqualTo("GOLD");
    }

    @Test
    void aMoveWhoseInstanceIsKilledAtItsNewContainerIsFinishedOnceByTheOther() throws Exception {
        Killed killed = killDuring("move", Map.of("operation", "move", "days", 1),
                before -> Map.of("password", PASSWORD, "location", "farm:" + moveTarget(before)), AT_THE_NEW_CONTAINER);
        assertDoneOnce(killed);
        String target = moveTarget(killed.before());
        assertThat(killed.before().path("farmName").asText()).as("it moves somewhere else").isNotEqualTo(target);
        assertThat(killed.after().path("farmName").asText()).as("the 3Bot's farm").isEqualTo(target);
    }

    @Test
    void anExtensionWhoseInstanceIsKilledOnceThePoolWasPaidIsFinishedOnceByTheOther() throws Exception {
        int days = 3;
        Killed killed = killDuring("extend", Map.of("operation", "extend", "days", days),
                before -> Map.of("password", PASSWORD), at("pay:pool", "DONE"));
        assertDoneOnce(killed);
        Instant before = Instant.parse(killed.before().path("expiresAt").asText());
        Instant after = Instant.parse(killed.after().path("expiresAt").asText());
        assertThat(Duration.between(before, after)).as("the expiry moved by the days bought (%s to %s)", before,
                after).isBetween(Duration.ofDays(days).minusMinutes(10), Duration.ofDays(days).plusMinutes(10));
    }

    /**
     * What came of an operation whose instance was killed: the 3Bot before and after, the operation's journal and its
     * payment at the end, and the grid's state before the operation and at the end.
     */
    private record Killed(String operation, String owner, String name, String paymentId, JsonNode before,
                          JsonNode after, List<JsonNode> listing, JsonNode journal, JsonNode killedAt,
                          JsonNode payment, JsonNode gridBefore, JsonNode gridAfter, Set<Long> named) {
    }

    /** A farm of the sample grid other than the 3Bot's, with an access node of its own. */
    private static String moveTarget(JsonNode threebot) {
        return threebot.path("farmName").asText().equals("tokyo-hub") ? "greenedge" : "tokyo-hub";
    }

    /**
     * Deploys a 3Bot through B, pays for the operation through B's payment request, asks A (started meanwhile) for
     * it, kills A once the operation's journal is {@code reached}, and waits until B ended it.
     */
    private static Killed killDuring(String operation, Map<String, Object> purchase,
                                     Function<JsonNode, Map<String, Object>> request, Predicate<JsonNode> reached)
            throws Exception {
        long began = System.nanoTime();
        String owner = "paid" + operation;
        String name = operation + "bot";
        CompletableFuture<Host> startingA = cluster.hostInBackground("paid-a-" + operation, database, INFO_LOG);
        Host a = null;
        try {
            String uuid = deployed(b.client(), owner, name);
            a = startingA.join();
            JsonNode before = threebot(b.client(), owner, name);
            String deployment = single(database.journals(owner)).path("id").asText();
            JsonNode gridBefore = cluster.simulation().state();
            String paymentId = requestPayment(b.client(), owner, uuid, purchase).path("payment_id").asText();
            awaitTrue("the payment " + paymentId + " is paid", Duration.ofSeconds(30),
                    () -> database.userPayment(owner, paymentId).path("status").asText().equals("PAID"));

            Map<String, Object> body = new HashMap<>(request.apply(before));
            body.put("payment", paymentId);
            CompletableFuture<HostClient.Reply> call = postInBackground(a.client(), owner,
                    "/threebots/" + uuid + "/" + operation, body);
            JsonNode killedAt = database.awaitJournal(owner, j -> !j.path("id").asText().equals(deployment)
                    && reached.test(j), TO_THE_END);
            a.process().kill();
            int logged = b.process().output().length();
            String answered = call.handle((reply, failure) -> failure == null ? reply.status() + " " + reply.body()
                    : "no answer: " + failure.getMessage()).join();

            awaitTrue("the paid operation of " + paymentId + " ended; it is " + database.paidOperations(), TO_THE_END,
                    () -> database.paidOperations().stream().noneMatch(p -> p.path("paymentId").asText()
                            .equals(paymentId)));
            JsonNode payment = database.userPayment(owner, paymentId);
            JsonNode journal = database.record("deployments", payment.path("operationId").asText());
            // the listing probes the 3Bot: a container that just came up answers once it has booted
            List<JsonNode> bots = new ArrayList<>();
            try {
                awaitTrue("the owner's one 3Bot answers", Duration.ofSeconds(30), () -> {
                    bots.clear();
                    b.client().get(owner, "/threebots").body().forEach(bots::add);
                    return bots.size() == 1 && bots.get(0).path("state").asText().equals("RUNNING");
                });
            } catch (AssertionError notRunning) {
                System.out.println(notRunning.getMessage() + ": " + bots);
            }
            JsonNode after = threebot(b.client(), owner, name);
            JsonNode record = database.record("threebots", after.path("uuid").asText());
            System.out.printf("%s killed at %s (A answered: %s); B logged:%n%s%n%s took %d ms%n", operation,
                    keys(killedAt), answered, takingUp(b.process().output().substring(logged)), operation,
                    (System.nanoTime() - began) / 1_000_000);
            return new Killed(operation, owner, name, paymentId, before, after, bots, journal, killedAt, payment,
                    gridBefore, cluster.simulation().state(), database.namedWorkloads(record));
        } finally {
            if (a != null) {
                a.process().close();
            } else {
                startingA.thenAccept(h -> {
                    try {
                        h.process().close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
    }

    private static void assertDoneOnce(Killed k) {
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(k.killedAt().path("id").asText()).as("the killed journal is the payment's operation")
                    .isEqualTo(k.payment().path("operationId").asText());
            softly.assertThat(k.journal().path("outcome").asText()).as("the operation's journal: %s",
                    keys(k.journal())).isEqualTo("SUCCEEDED");
            softly.assertThat(k.listing()).as("the owner's 3Bots").hasSize(1);
            softly.assertThat(k.listing()).extracting(t -> t.path("state").asText()).as("the owner's 3Bots")
                    .containsExactly("RUNNING");

            softly.assertThat(k.payment().path("status").asText()).as("the user's payment").isEqualTo("SETTLED");
            softly.assertThat(k.payment().path("refunds")).as("refunds of the user's payment").isEmpty();
            softly.assertThat(userRefunds(k.gridAfter(), k.payment().path("memo").asText()))
                    .as("refunds the users' wallet sent for it").isEmpty();

            List<JsonNode> paid = operatorPayments(k.gridAfter());
            List<JsonNode> paidForIt = paid.subList(operatorPayments(k.gridBefore()).size(), paid.size());
            softly.assertThat(paidForIt).as("the grid was paid once for the operation").hasSize(1);
            softly.assertThat(paid).extracting(p -> p.path("refunded").asBoolean()).as("operator refunds")
                    .doesNotContain(true);

            Set<Long> named = k.named();
            Set<Long> live = new TreeSet<>();
            Map<Long, String> types = new HashMap<>();
            for (JsonNode w : liveWorkloads(k.gridAfter(), identityName(k.owner(), k.name()))) {
                live.add(w.path("id").asLong());
                types.put(w.path("id").asLong(), w.path("type").asText());
            }
            softly.assertThat(live).as("live workloads %s of the 3Bot's identity, which its record names as %s",
                    types, named).isSubsetOf(named);
            softly.assertThat(types.values().stream().filter(t -> t.equals("CONTAINER")).count())
                    .as("live containers %s", types).isEqualTo(1);
        });
    }

    private static JsonNode single(List<JsonNode> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static String keys(JsonNode journal) {
        List<String> keys = new ArrayList<>();
        journal.path("entries").fields().forEachRemaining(e -> keys.add(e.getKey() + "="
                + e.getValue().path("status").asText()));
        return journal.path("outcome").asText() + " " + keys;
    }

    /** The lines where an instance took up a paid operation. */
    private static String takingUp(String log) {
        return String.join("\n", log.lines().filter(l -> l.contains("Taking up") || l.contains("could not run again")
                || l.contains("Stranded")).toList());
    }
}
