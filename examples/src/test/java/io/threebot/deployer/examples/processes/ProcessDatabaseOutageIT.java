package io.threebot.deployer.examples.processes;

import static io.threebot.deployer.examples.processes.ProcessCluster.awaitTrue;
import static io.threebot.deployer.examples.processes.ProcessCluster.entry;
import static io.threebot.deployer.examples.processes.ProcessCluster.operatorPayments;
import static io.threebot.deployer.examples.processes.ProcessCluster.postInBackground;
import static io.threebot.deployer.examples.processes.ProcessCluster.requestPayment;
import static io.threebot.deployer.examples.processes.ProcessCluster.settle;
import static io.threebot.deployer.examples.processes.ProcessCluster.startDeploy;
import static io.threebot.deployer.examples.processes.ProcessCluster.threebot;
import static io.threebot.deployer.examples.processes.ProcessCluster.userRefunds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.examples.processes.ProcessCluster.Database;
import io.threebot.deployer.examples.processes.ProcessCluster.Host;
import io.threebot.deployer.testing.ChatDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 30 s under a host app instance in its own process while its work stands at different
 * step kinds: a deploy waiting for its user's payment (paid while the database is down), one in its set-up, one
 * deploying its container or waiting for it to answer, and a paid resize (the database stops once the resize and the
 * last deploy began their set-up; where exactly each stands then varies with timing, and is printed). Meanwhile the
 * host answers at once, with a
 * 503 and Retry-After where it needs the database. Once the database is back, every deploy ends with its 3Bot
 * running, paid once, nothing refunded or undone, no chat failed and nothing left live on the grid that no record
 * names; the resize ends done and paid.
 */
class ProcessDatabaseOutageIT {
    private static final String PASSWORD = ChatDriver.DEFAULTS.get("password");
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** How long the host may take to answer while the database is down: never the outage's length. */
    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Map<String, String> INFO_LOG = Map.of("JAVA_TOOL_OPTIONS",
            "-Dorg.slf4j.simpleLogger.log.io.threebot=info");
    private static ProcessCluster cluster;

    @BeforeAll
    static void startGridAndDatabase() throws Exception {
        cluster = ProcessCluster.start("process-outage", false);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void workAtEveryStepKindWaitsOutA30sDatabaseOutageAndEndsDoneOncePaidOnce() throws Exception {
        Database database = cluster.database("outage");
        Host host = cluster.host("outage", database, INFO_LOG);
        try {
            // a running 3Bot to resize
            String sizedOwner = "outsized";
            String sizedSession = startDeploy(host.client(), sizedOwner, "sizedbot");
            payAwaiting(database, sizedOwner);
            assertThat(settle(host.client(), sizedOwner, sizedSession).category()).isEqualTo("download_file");
            String sizedUuid = threebot(host.client(), sizedOwner, "sizedbot").path("uuid").asText();
            int paidBefore = operatorPayments(cluster.simulation().state()).size();
            String sizedDeployment = database.journals(sizedOwner).get(0).path("id").asText();

            // owners: one waiting for its payment, one in set-up, one at its container
            Map<String, String> sessions = new LinkedHashMap<>();
            for (String owner : List.of("outcontainer", "outsetup", "outpayment")) {
                sessions.put(owner, startDeploy(host.client(), owner, owner.substring(3) + "bot"));
            }
            // the deploy at its container first (it waits for its container to answer), then the resize and the
            // deploy in set-up: the database stops once both began
            JsonNode resizePayment = requestPayment(host.client(), sizedOwner, sizedUuid,
                    Map.of("operation", "resize", "days", 1, "size", "Gold"));
            String resizeId = resizePayment.path("payment_id").asText();
            cluster.pay(database.userPayment(sizedOwner, resizeId));
            awaitTrue("the resize's payment arrived", Duration.ofSeconds(30), () -> database.userPayment(sizedOwner,
                    resizeId).path("status").asText().equals("PAID"));
            payAwaiting(database, "outcontainer");
            database.awaitJournal("outcontainer", j -> entry(j, "wl:container-1").isPresent(),
                    Duration.ofSeconds(60));
            Map<String, Object> resizeBody = Map.of("password", PASSWORD, "size", "Gold", "payment", resizeId);
            CompletableFuture<HostClient.Reply> resize = postInBackground(host.client(), sizedOwner,
                    "/threebots/" + sizedUuid + "/resize", resizeBody);
            payAwaiting(database, "outsetup");
            database.awaitJournal(sizedOwner, j -> !j.path("id").asText().equals(sizedDeployment)
                    && entry(j, "farm").isPresent(), Duration.ofSeconds(60));
            database.awaitJournal("outsetup", j -> entry(j, "farm").isPresent(), Duration.ofSeconds(30));

            Map<String, String> positions = new LinkedHashMap<>();
            for (String owner : List.of("outcontainer", "outsetup", sizedOwner)) {
                database.journals(owner).forEach(j -> positions.merge(owner, keys(j), (x, y) -> x + " | " + y));
            }
            positions.put("outpayment", database.userPayments("outpayment").get(0).path("status").asText());
            JsonNode awaitingPayment = database.userPayments("outpayment").get(0);

            long stopped = System.nanoTime();
            cluster.postgres().stop();
            List<String> slow = new ArrayList<>();
            List<String> during = new ArrayList<>();
            try {
                boolean paid = false;
                while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
                    if (!paid && System.nanoTime() - stopped > OUTAGE.toNanos() / 3) {
                        cluster.pay(awaitingPayment); // the user pays while the database is down
                        paid = true;
                    }
                    for (String[] call : List.of(new String[] {"GET", "/threebots"},
                            new String[] {"GET", "/chats/" + sessions.get("outsetup")},
                            new String[] {"POST", "/threebots/" + sizedUuid + "/stop"})) {
                        long began = System.nanoTime();
                        HostClient.Reply reply = call[0].equals("GET") ? host.client().get(sizedOwner, call[1])
                                : host.client().post(sizedOwner, call[1], Map.of("password", PASSWORD));
                        long took = (System.nanoTime() - began) / 1_000_000;
                        String seen = call[0] + " " + call[1] + " -> " + reply.status() + " Retry-After '"
                                + reply.retryAfter() + "' in " + took + " ms";
                        during.add(seen);
                        if (took > QUICK.toMillis()) {
                            slow.add(seen);
                        }
                    }
                    Thread.sleep(1_000);
                }
            } finally {
                cluster.postgres().restart();
            }
            System.out.printf("the database stopped with the work at %s; during the outage the host answered:%n%s%n",
                    positions, String.join("\n", during.subList(0, Math.min(6, during.size()))));
            assertThat(slow).as("answers held longer than %s during the outage", QUICK).isEmpty();
            assertThat(during).as("lifecycle calls during the outage are refused as unavailable, with Retry-After")
                    .anyMatch(d -> d.startsWith("POST") && d.contains("-> 503 Retry-After '")
                            && !d.contains("Retry-After ''"));

            Map<String, String> ends = new LinkedHashMap<>();
            for (Map.Entry<String, String> s : sessions.entrySet()) {
                HostClient.Reply end = settle(host.client(), s.getKey(), s.getValue());
                ends.put(s.getKey(), end.category() + " " + end.body().path("payload").path("msg").asText());
            }
            HostClient.Reply resized = resize.handle((r, failure) -> r).join();
            List<String> resizeAnswers = new ArrayList<>();
            resizeAnswers.add(resized == null ? "nothing" : resized.status() + " " + resized.body());
            for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                 resized != null && resized.status() == 503 && System.nanoTime() < deadline; ) {
                // refused while the database was down, nothing undone: the user asks again, as told
                Thread.sleep(Math.min(5, Long.parseLong(resized.retryAfter().isEmpty() ? "1" : resized.retryAfter()))
                        * 1_000L);
                resized = host.client().post(sizedOwner, "/threebots/" + sizedUuid + "/resize", resizeBody);
                resizeAnswers.add(resized.status() + " " + resized.body());
            }
            awaitTrue("the resize ended; paid operations " + database.paidOperations(), Duration.ofSeconds(60),
                    () -> database.paidOperations().isEmpty());
            awaitTrue("the resized 3Bot answers", Duration.ofSeconds(30), () -> threebot(host.client(), sizedOwner,
                    "sizedbot").path("state").asText().equals("RUNNING"));
            System.out.printf("after the outage: chats %s; the resize answered %s%n", ends, resizeAnswers);

            JsonNode grid = cluster.simulation().state();
            List<String> owners = new ArrayList<>(sessions.keySet());
            owners.add(sizedOwner);
            SoftAssertions.assertSoftly(softly -> {
                sessions.forEach((owner, session) -> softly.assertThat(ends.get(owner)).as("the chat of %s", owner)
                        .startsWith("download_file"));
                List<JsonNode> paid = operatorPayments(grid);
                softly.assertThat(paid.size() - paidBefore).as("the grid paid once per deploy and once for the resize")
                        .isEqualTo(sessions.size() + 1);
                softly.assertThat(paid).extracting(p -> p.path("refunded").asBoolean()).as("operator refunds")
                        .doesNotContain(true);
                try {
                    for (String owner : owners) {
                        HostClient.Reply listing = host.client().get(owner, "/threebots");
                        List<String> states = new ArrayList<>();
                        listing.body().forEach(t -> states.add(t.path("state").asText()));
                        softly.assertThat(states).as("the 3Bots of %s", owner).containsExactly("RUNNING");
                        for (JsonNode payment : database.userPayments(owner)) {
                            softly.assertThat(payment.path("status").asText()).as("a payment of %s", owner)
                                    .isEqualTo("SETTLED");
                            softly.assertThat(payment.path("refunds")).as("refunds of a payment of %s", owner)
                                    .isEmpty();
                            softly.assertThat(userRefunds(grid, payment.path("memo").asText()))
                                    .as("refunds sent to %s", owner).isEmpty();
                        }
                        for (JsonNode journal : database.journals(owner)) {
                            softly.assertThat(keys(journal)).as("a journal of %s", owner).startsWith("SUCCEEDED");
                            journal.path("entries").fields().forEachRemaining(e -> {
                                // the one thing taken back: the network of the container a resize replaced
                                if (!(owner.equals(sizedOwner) && e.getKey().startsWith("wl:network-"))) {
                                    softly.assertThat(e.getValue().path("status").asText())
                                            .as("%s of a journal of %s", e.getKey(), owner).isNotEqualTo("COMPENSATED");
                                }
                            });
                        }
                        String name = owner.equals(sizedOwner) ? "sizedbot" : owner.substring(3) + "bot";
                        softly.assertThat(database.unnamedLive(grid, owner, name))
                                .as("live workloads of %s that no record names", owner).isEmpty();
                    }
                    softly.assertThat(threebot(host.client(), sizedOwner, "sizedbot").path("flavor").asText())
                            .as("the resized 3Bot").isEqualTo("GOLD");
                    for (String session : sessions.values()) {
                        softly.assertThat(database.record("chat-sessions", session).path("status").asText())
                                .as("chat %s", session).isNotEqualTo("FAILED");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            host.process().close();
        }
    }

    /** Waits (up to 30 s) for the owner's payment request that awaits payment, and pays it. */
    private static void payAwaiting(Database database, String owner) throws Exception {
        JsonNode[] awaiting = new JsonNode[1];
        awaitTrue(owner + " has a payment request to pay", Duration.ofSeconds(30), () -> {
            for (JsonNode p : database.userPayments(owner)) {
                if (p.path("status").asText().equals("AWAITING")) {
                    awaiting[0] = p;
                    return true;
                }
            }
            return false;
        });
        cluster.pay(awaiting[0]);
    }

    private static String keys(JsonNode journal) {
        List<String> keys = new ArrayList<>();
        journal.path("entries").fields().forEachRemaining(e -> keys.add(e.getKey() + "="
                + e.getValue().path("status").asText()));
        return journal.path("outcome").asText() + " " + keys;
    }
}
