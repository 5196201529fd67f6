package io.threebot.deployer.examples.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.examples.TfgridOption;
import io.threebot.deployer.examples.gridserver.GridServer;
import io.threebot.deployer.examples.v3grid.V3GridServer;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.examples.host.HostApp;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.LocalPostgres;
import io.threebot.deployer.testkit.LoopbackServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the process tests run on: a grid server in a JVM of its own and a PostgreSQL cluster of the tests' own, on
 * which host app instances, each in its own JVM, share a database; and the ways those tests drive the hosts and read
 * the database and the grid.
 */
final class ProcessCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fast polls and short leases; over-provisioning, since dozens of test 3Bots share the sample grid's nodes. */
    static final Map<String, String> FAST = Map.of("POLL_INTERVAL", "PT0.1S", "LEASE_DURATION", "PT2S",
            "OVER_PROVISIONING", "true");
    /** How long a lease lasts with {@link #FAST}. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private final LocalPostgres postgres;
    private final Path work;
    private final JvmProcess gridServer;
    private final URI grid;
    /** How hosts are told where the grid is: {@code --grid URL}, or {@code --tfgrid ENDPOINTS} on a v3 grid. */
    private final List<String> gridArguments;

    private ProcessCluster(LocalPostgres postgres, Path work, JvmProcess gridServer, URI grid,
                           List<String> gridArguments) {
        this.postgres = postgres;
        this.work = work;
        this.gridServer = gridServer;
        this.grid = grid;
        this.gridArguments = gridArguments;
    }

    /** Starts PostgreSQL and a grid server whose simulated users pay every payment request at once. */
    static ProcessCluster start(String name) throws Exception {
        return start(name, true);
    }

    /**
     * Starts PostgreSQL and a grid server; unless {@code usersPayAtOnce}, a payment request stays unpaid until the
     * test pays it ({@link #pay}).
     */
    static ProcessCluster start(String name, boolean usersPayAtOnce) throws Exception {
        LocalPostgres postgres = LocalPostgres.start();
        try {
            Path work = Files.createTempDirectory(name + "-");
            JvmProcess gridServer = JvmProcess.start(GridServer.class, usersPayAtOnce
                    ? List.of("0", "--users-pay-at-once") : List.of("0"), Map.of(), work.resolve("grid.log"));
            URI grid = URI.create(gridServer.await(Pattern.compile("^grid (http://\\S+)"), Duration.ofSeconds(60)));
            return new ProcessCluster(postgres, work, gridServer, grid, List.of("--grid", grid.toString()));
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Starts PostgreSQL and a local TFGrid v3 server ({@code V3GridServer}), on which hosts deploy with
     * {@code --tfgrid} and its printed endpoints; {@link #grid()} is then its activation service (its {@code /state}).
     */
    static ProcessCluster startV3(String name) throws Exception {
        LocalPostgres postgres = LocalPostgres.start();
        JvmProcess server = null;
        try {
            Path work = Files.createTempDirectory(name + "-");
            server = JvmProcess.start(V3GridServer.class, List.of("--block-ms", "200", "--workload-ms", "100"),
                    Map.of(), work.resolve("v3grid.log"));
            Map<String, String> printed = new TreeMap<>();
            for (String service : List.of("substrate", "relay", "gridproxy", "gateway", "activation")) {
                printed.put(service, server.await(Pattern.compile("^" + service + " (\\S+)", Pattern.MULTILINE),
                        Duration.ofSeconds(60)));
            }
            TfgridOption.Server endpoints = new TfgridOption.Server(URI.create(printed.get("substrate")),
                    URI.create(printed.get("relay")), URI.create(printed.get("gridproxy")),
                    URI.create(printed.get("gateway")));
            return new ProcessCluster(postgres, work, server, URI.create(printed.get("activation")),
                    List.of("--tfgrid", endpoints.argument()));
        } catch (Exception | Error e) {
            if (server != null) {
                server.close();
            }
            postgres.close();
            throw e;
        }
    }

    /** The grid server's URL: a GridServer's root, or a V3GridServer's activation service. */
    URI grid() {
        return grid;
    }

    /** A database of its own, for the hosts of one test: what another test left behind (blocked nodes) stays there. */
    Database database(String name) {
        return new Database(postgres.createDatabase(name));
    }

    /** The grid server, as the tests see it: its state dump and its faults. */
    RemoteSimulation simulation() {
        return RemoteSimulation.connect(grid);
    }

    /** The PostgreSQL cluster the databases are on, to stop and start it again. */
    LocalPostgres postgres() {
        return postgres;
    }

    /** Pays a payment request (its user payment record, as stored) as its user would: its amount, with its memo. */
    void pay(JsonNode userPayment) {
        simulation().payAsUser("GTESTPAYER", userPayment.path("amountStroops").asLong(),
                userPayment.path("memo").asText());
    }

    /** A host app instance: its process and a client that logs users in through it. */
    record Host(JvmProcess process, HostClient client) {
    }

    /** Starts a host app instance on the database and the grid, with {@link #FAST} settings; its log is kept. */
    Host host(String name, Database database) throws Exception {
        return host(name, database, Map.of());
    }

    /** Starts a host app instance with {@link #FAST} settings and more {@code environment}. */
    Host host(String name, Database database, Map<String, String> environment) throws Exception {
        int port = LoopbackServers.freePort();
        Map<String, String> settings = new TreeMap<>(FAST);
        settings.putAll(environment);
        List<String> arguments = new ArrayList<>(List.of(String.valueOf(port)));
        arguments.addAll(gridArguments);
        arguments.addAll(List.of("--jdbc", database.jdbc(), "--keys", work.resolve("keys").toString()));
        JvmProcess process = JvmProcess.start(HostApp.class, arguments, settings, work.resolve(name + ".log"));
        try {
            process.await(Pattern.compile("^Threebot Deployer host app on (http://\\S+)"), Duration.ofSeconds(60));
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
        return new Host(process, new HostClient(port));
    }

    /** Starts a host app instance in the background, so that several start at once. */
    CompletableFuture<Host> hostInBackground(String name, Database database, Map<String, String> environment) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return host(name, database, environment);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Starts host app instances at once, each as {@link #host(String, Database, Map)} does, and returns them in the
     * order of their names once all started; when one fails to start, the others are closed.
     */
    List<Host> hostsAtOnce(Database database, Map<String, String> environment, String... names) throws Exception {
        List<CompletableFuture<Host>> starting = new ArrayList<>();
        for (String name : names) {
            starting.add(hostInBackground(name, database, environment));
        }
        List<Host> started = new ArrayList<>();
        Exception failed = null;
        for (CompletableFuture<Host> host : starting) {
            try {
                started.add(host.join());
            } catch (CompletionException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            for (Host host : started) {
                host.process().close();
            }
            throw failed;
        }
        return started;
    }

    @Override
    public void close() throws Exception {
        try {
            gridServer.close();
        } finally {
            postgres.close();
        }
    }

    /** Answers a deploy chat up to its payment and past it, so that the deployment runs; returns the session. */
    static String startDeploy(HostClient client, String user, String name) throws Exception {
        return startDeploy(client, user, name, false);
    }

    /**
     * Answers a deploy chat up to its payment and past it, the payment made with the host's demo wallet when
     * {@code payWithDemoWallet} (a host whose users pay into a simulated ledger of its own); returns the session.
     */
    static String startDeploy(HostClient client, String user, String name, boolean payWithDemoWallet)
            throws Exception {
        HostClient.Reply reply = client.post(user, "/chats/deploy", null);
        String session = reply.session();
        for (int guard = 0; guard < 30; guard++) {
            if (reply.busy()) {
                reply = client.get(user, "/chats/" + session + "/next");
                continue;
            }
            String key = reply.key();
            String value = key.equals("name") ? name : ChatDriver.DEFAULTS.getOrDefault(key, "");
            if (key.equals("payment") && payWithDemoWallet) {
                String payment = reply.body().path("payload").path("kwargs").path("payment_id").asText();
                HostClient.Reply paid = client.post(user, "/payments/" + payment + "/demo-pay", null);
                assertThat(paid.status()).as("the demo wallet pays %s: %s", payment, paid.body()).isEqualTo(200);
            }
            reply = client.answer(user, session, value);
            assertThat(reply.error()).as("%s: %s", key, reply.body()).isEmpty();
            if (key.equals("payment")) {
                return session;
            }
        }
        throw new AssertionError("the chat never asked for the payment: " + reply.body());
    }

    /**
     * Waits (up to 90 s) while the chat runs a long step, and returns where it stands then. A 503 (the database the
     * host just got back is not reachable for it yet) is asked again after a moment, as its Retry-After says to.
     */
    static HostClient.Reply settle(HostClient client, String user, String session) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HostClient.Reply reply = client.get(user, "/chats/" + session);
        while ((reply.busy() || reply.status() == 503) && System.nanoTime() < deadline) {
            if (reply.status() == 503) {
                Thread.sleep(250);
                reply = client.get(user, "/chats/" + session);
            } else {
                reply = client.get(user, "/chats/" + session + "/next");
            }
        }
        return reply;
    }

    /** Deploys a 3Bot through the host to its end and returns its uuid. */
    static String deployed(HostClient client, String owner, String name) throws Exception {
        String session = startDeploy(client, owner, name);
        HostClient.Reply end = settle(client, owner, session);
        assertThat(end.category()).as("the deploy of %s: %s", name, end.body()).isEqualTo("download_file");
        return threebot(client, owner, name).path("uuid").asText();
    }

    /** The owner's 3Bot of that name as the host lists it (the one not destroyed, if any). */
    static JsonNode threebot(HostClient client, String owner, String name) throws Exception {
        HostClient.Reply listing = client.get(owner, "/threebots");
        assertThat(listing.status()).as("%s", listing.body()).isEqualTo(200);
        JsonNode found = JSON.missingNode();
        for (JsonNode bot : listing.body()) {
            if (bot.path("name").asText().equals(name) && (found.isMissingNode()
                    || !bot.path("state").asText().equals("DELETED"))) {
                found = bot;
            }
        }
        assertThat(found.isMissingNode()).as("%s has no 3Bot %s: %s", owner, name, listing.body()).isFalse();
        return found;
    }

    /**
     * Asks the host for a payment request for an operation on a 3Bot ({@code purchase}: operation, days, size) and
     * returns it as the host answered (its {@code payment_id}, amount and memo).
     */
    static JsonNode requestPayment(HostClient client, String owner, String uuid, Map<String, Object> purchase)
            throws Exception {
        HostClient.Reply requested = client.post(owner, "/threebots/" + uuid + "/payments", purchase);
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(201);
        return requested.body();
    }

    /** Sends a POST in the background; its reply, or the failure of a host that died meanwhile. */
    static CompletableFuture<HostClient.Reply> postInBackground(HostClient client, String user, String path,
                                                                Object body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.post(user, path, body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits, reading every 100 ms up to {@code timeout}, until {@code done} holds; fails saying {@code what}. */
    static void awaitTrue(String what, Duration timeout, Check done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A condition a test waits for, which may read the database or the hosts. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    /** The operator's payments to the grid, as the grid server's state dump shows them. */
    static List<JsonNode> operatorPayments(JsonNode gridState) {
        List<JsonNode> payments = new ArrayList<>();
        gridState.path("operatorPayments").forEach(payments::add);
        return payments;
    }

    /** The refunds the users' wallet sent for a payment request's memo. */
    static List<JsonNode> userRefunds(JsonNode gridState, String requestMemo) {
        List<JsonNode> refunds = new ArrayList<>();
        gridState.path("userRefunds").forEach(r -> {
            if (r.path("memo").asText().equals("r-" + requestMemo)) {
                refunds.add(r);
            }
        });
        return refunds;
    }

    /** The identity a 3Bot deploys its workloads under on the grid: its owner's and its name. */
    static String identityName(String owner, String threebotName) {
        return owner + "_" + threebotName;
    }

    /** The live workloads (not being removed) of an identity on the grid, as the state dump shows them. */
    static List<JsonNode> liveWorkloads(JsonNode gridState, String identity) {
        List<JsonNode> live = new ArrayList<>();
        for (JsonNode w : gridState.path("users").path(identity).path("workloads")) {
            String next = w.path("nextAction").asText();
            if (!next.equals("DELETE") && !next.equals("DELETED")) {
                live.add(w);
            }
        }
        return live;
    }

    /** One database of the cluster, read directly: the records the instances on it share. */
    record Database(String jdbc) {
        /** The value of every deployment journal of the owner, as stored (the journal of each operation). */
        List<JsonNode> journals(String owner) throws Exception {
            return values("SELECT value FROM deployer_records WHERE kind = 'deployments' AND owner = ?", owner);
        }

        /** How many entries each owner's deployment journal holds now. */
        Map<String, Integer> journalSizes() throws Exception {
            Map<String, Integer> sizes = new TreeMap<>();
            for (JsonNode journal : values("SELECT value FROM deployer_records WHERE kind = 'deployments'")) {
                sizes.put(journal.path("owner").asText(), journal.path("entries").size());
            }
            return sizes;
        }

        /**
         * Waits (up to {@code timeout}, reading every few milliseconds) until a deployment journal of the owner is
         * as wanted, and returns it.
         */
        JsonNode awaitJournal(String owner, Predicate<JsonNode> wanted, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            try (Connection c = DriverManager.getConnection(jdbc);
                 PreparedStatement st = c.prepareStatement("SELECT value FROM deployer_records "
                         + "WHERE kind = 'deployments' AND owner = ?")) {
                st.setString(1, owner);
                List<JsonNode> last = List.of();
                while (System.nanoTime() < deadline) {
                    last = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            JsonNode journal = JSON.readTree(rs.getString(1));
                            if (wanted.test(journal)) {
                                return journal;
                            }
                            last.add(journal);
                        }
                    }
                    Thread.sleep(3);
                }
                throw new AssertionError("no journal of " + owner + " came as wanted within " + timeout + "; they are "
                        + last);
            }
        }

        /** The holder of a chat session's lease as the database says now; empty when nobody holds it. */
        String sessionLeaseHolder(String session) throws Exception {
            List<JsonNode> lease = values("SELECT value FROM deployer_records WHERE kind = 'lease' AND id = ?",
                    "session-" + session);
            return lease.isEmpty() ? "" : lease.get(0).path("holder").asText();
        }

        /** The paid operations under way, as stored. */
        List<JsonNode> paidOperations() throws Exception {
            return values("SELECT value FROM deployer_records WHERE kind = 'paid-operations'");
        }

        /** A user payment record of an owner, or a missing node. */
        JsonNode userPayment(String owner, String id) throws Exception {
            for (JsonNode p : userPayments(owner)) {
                if (p.path("id").asText().equals(id)) {
                    return p;
                }
            }
            return JSON.missingNode();
        }

        /**
         * The workloads a 3Bot record names: its own (subdomain, proxy, container) and the networks its deployment's
         * journal holds as made and not taken back.
         */
        Set<Long> namedWorkloads(JsonNode threebotRecord) throws Exception {
            Set<Long> named = new TreeSet<>();
            threebotRecord.path("workloadIds").forEach(id -> named.add(id.asLong()));
            JsonNode deployment = record("deployments", threebotRecord.path("deploymentId").asText());
            deployment.path("entries").fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("wl:network-") && e.getValue().path("status").asText().equals("DONE")) {
                    named.add(e.getValue().path("value").asLong());
                }
            });
            return named;
        }

        /**
         * The live workloads of an owner's 3Bot's identity that no record of that 3Bot names (by its live record,
         * or none when it has none), as {@code id=TYPE}.
         */
        List<String> unnamedLive(JsonNode gridState, String owner, String threebotName) throws Exception {
            Set<Long> named = new TreeSet<>();
            for (JsonNode t : values("SELECT value FROM deployer_records WHERE kind = 'threebots'")) {
                if (t.path("owner").asText().equals(owner) && t.path("name").asText().equals(threebotName)
                        && !t.path("state").asText().equals("DELETED")) {
                    named.addAll(namedWorkloads(t));
                }
            }
            List<String> unnamed = new ArrayList<>();
            for (JsonNode w : liveWorkloads(gridState, identityName(owner, threebotName))) {
                if (!named.contains(w.path("id").asLong())) {
                    unnamed.add(w.path("id").asText() + "=" + w.path("type").asText());
                }
            }
            return unnamed;
        }

        /** A record as stored, or a missing node. */
        JsonNode record(String kind, String id) throws Exception {
            List<JsonNode> found = values("SELECT value FROM deployer_records WHERE kind = ? AND id = ?", kind, id);
            return found.isEmpty() ? JSON.missingNode() : found.get(0);
        }

        /** The user payment records of an owner. */
        List<JsonNode> userPayments(String owner) throws Exception {
            return values("SELECT value FROM deployer_records WHERE kind = 'user-payments' AND owner = ?", owner);
        }

        /**
         * Every record but the leases, as {@code kind/id -> version value}: what the instances wrote, to be compared
         * before and after something that must write nothing.
         */
        Map<String, String> records() throws Exception {
            Map<String, String> records = new TreeMap<>();
            try (Connection c = DriverManager.getConnection(jdbc);
                 PreparedStatement st = c.prepareStatement("SELECT kind, id, version, value FROM deployer_records "
                         + "WHERE kind <> 'lease'");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    records.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3) + " " + rs.getString(4));
                }
            }
            return records;
        }

        private List<JsonNode> values(String sql, String... parameters) throws Exception {
            List<JsonNode> values = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(jdbc); PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    st.setString(i + 1, parameters[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        values.add(JSON.readTree(rs.getString(1)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + sql, e);
            }
            return values;
        }
    }

    /** The entry of a journal under {@code key}, if it holds one. */
    static Optional<JsonNode> entry(JsonNode journal, String key) {
        JsonNode entry = journal.path("entries").path(key);
        return entry.isMissingNode() ? Optional.empty() : Optional.of(entry);
    }
}
