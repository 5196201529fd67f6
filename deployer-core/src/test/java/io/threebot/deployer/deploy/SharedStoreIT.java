package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.internal.flows.PaymentSteps;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.lifecycle.TooManyAttemptsException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.store.JdbcStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestPostgres;
import io.threebot.deployer.testing.TestWorld;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two deployer instances on one PostgreSQL database and one grid: nothing is lost, nothing is done twice, and work
 * an instance left is taken over only when its lease ran out.
 */
class SharedStoreIT {
    private static final Secret PASSWORD = Secret.of(ChatDriver.DEFAULTS.get("password"));

    private String url;
    private TestWorld world;
    private final List<ThreebotDeployer> deployers = new ArrayList<>();
    /** One pool per store, as each instance (a process of its own) has its own. */
    private final List<HikariDataSource> pools = new ArrayList<>();


    @BeforeEach
    void newDatabase() {
        url = TestPostgres.newDatabase();
        world = TestWorld.sampleOn(newStore());
    }

    @AfterEach
    void closeDeployers() {
        deployers.forEach(ThreebotDeployer::close);
        pools.forEach(HikariDataSource::close);
    }

    private StateStore newStore() {
        HikariDataSource pool = TestPostgres.pool(url);
        pools.add(pool);
        return JdbcStateStore.open(pool);
    }

    private ThreebotDeployer instance(String id, StateStore store, Duration lease) {
        DeployerSettings settings = TestWorld.fastSettings().leaseDuration(lease).build();
        ThreebotDeployer deployer = world.builder(settings).store(store).random(new SecureRandom()).instanceId(id)
                .build().start();
        deployers.add(deployer);
        return deployer;
    }

    private ThreebotDeployer instance(String id) {
        return instance(id, newStore(), Duration.ofSeconds(30));
    }

    @Test
    void ofTwoAnswersToOneSessionThroughTwoInstancesAtOnceExactlyOneIsTakenAndTheOtherIsTold() throws Exception {
        ThreebotDeployer a = instance("a");
        ThreebotDeployer b = instance("b");
        int told = 0;
        for (int round = 0; round < 12; round++) {
            String owner = "kim" + round;
            String n = String.valueOf(round);
            ChatDriver chat = ChatDriver.start(a, owner);
            chat.answerUntil("name", Map.of());
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Object> viaA = answerAt(together, () -> a.forOwner(owner)
                    .answer(chat.sessionId(), "alpha" + n));
            CompletableFuture<Object> viaB = answerAt(together, () -> b.forOwner(owner)
                    .answer(chat.sessionId(), "bravo" + n));
            List<Object> outcomes = List.of(viaA.get(), viaB.get());
            long taken = outcomes.stream().filter(o -> o instanceof ChatMessage m && m.validationError().isEmpty())
                    .count();
            assertThat(taken).as("round %d: %s", round, outcomes).isEqualTo(1);
            for (Object o : outcomes) {
                if (o instanceof SessionBusyException busy) {
                    assertThat(busy.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(busy.getMessage()).contains("answered at the same moment elsewhere");
                    told++;
                } else if (o instanceof ChatMessage m && m.validationError().isPresent()) {
                    told++; // the later one reached the next question and was refused there: also not taken
                } else {
                    assertThat(o).as("only answers and busy refusals").isInstanceOf(ChatMessage.class);
                }
            }
            ChatMessage now = b.forOwner(owner).current(chat.sessionId());
            assertThat(now.questionKey()).as("both instances see the one answer taken").contains("flavor");
        }
        assertThat(told).isEqualTo(12);
    }

    @Test
    void theAnswerThatStartsTheDeployGivenThroughBothInstancesDeploysOnceAndPaysOnce() throws Exception {
        ThreebotDeployer a = instance("a");
        ThreebotDeployer b = instance("b");
        int paidBefore = world.payments.receipts().size();
        ChatDriver chat = ChatDriver.start(a, "lea");
        chat.answerUntil(PaymentSteps.QUESTION_KEY, Map.of("name", "racer"));
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Object> viaA = answerAt(together, () -> a.forOwner("lea").answer(chat.sessionId(), ""));
        CompletableFuture<Object> viaB = answerAt(together, () -> b.forOwner("lea").answer(chat.sessionId(), ""));
        List<Object> outcomes = List.of(viaA.get(), viaB.get());
        assertThat(outcomes.stream().filter(o -> o instanceof ChatMessage m && m.validationError().isEmpty()))
                .as("%s", outcomes).hasSize(1);

        ChatMessage end = ChatDriver.resume(b, "lea", chat.sessionId()).settle();
        assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.DOWNLOAD_FILE);
        assertThat(b.forOwner("lea").status(chat.sessionId())).isEqualTo(SessionStatus.WAITING_FOR_ANSWER);
        long tid = world.grid.findUser(IdentityNames.of("lea", "racer")).orElseThrow().id();
        assertThat(world.grid.listPools(tid)).as("one capacity pool and one gateway pool")
                .extracting(p -> p.nodeIds().get(0).startsWith("gw-")).containsExactlyInAnyOrder(false, true);
        assertThat(world.payments.receipts().size() - paidBefore).as("the operator paid once").isEqualTo(1);
        assertThat(a.forOwner("lea").threebots()).extracting(ThreebotView::state)
                .containsExactly(ThreebotState.RUNNING);
    }

    @Test
    void aStopRacingADestroyOnTheOtherInstanceNeverBringsTheDestroyed3BotBack() throws Exception {
        ThreebotDeployer a = instance("a");
        ThreebotDeployer b = instance("b");
        for (int round = 0; round < 3; round++) {
            String owner = "ida" + round;
            ChatDriver.start(a, owner).runToEnd(Map.of("name", "bot" + round));
            String uuid = a.forOwner(owner).threebots().get(0).uuid();
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Object> stop = answerAt(together, () -> a.forOwner(owner).stop(uuid, PASSWORD));
            CompletableFuture<Object> destroy = answerAt(together, () -> b.forOwner(owner).destroy(uuid, PASSWORD));
            Object stopped = stop.get();
            Object destroyed = destroy.get();
            if (destroyed instanceof OperationInProgressException) {
                // the stop held the 3Bot: destroy it now
                destroyed = b.forOwner(owner).destroy(uuid, PASSWORD);
            }
            assertThat(destroyed).as("round %d", round).isInstanceOf(ThreebotView.class);
            assertThat(stopped).as("round %d", round).satisfiesAnyOf(
                    s -> assertThat(s).isInstanceOf(ThreebotView.class),
                    s -> assertThat(s).isInstanceOfAny(OperationInProgressException.class,
                            InvalidStateException.class));
            assertThat(a.forOwner(owner).threebots()).extracting(ThreebotView::state)
                    .containsExactly(ThreebotState.DELETED);
            assertThatThrownBy(() -> a.forOwner(owner).stop(uuid, PASSWORD))
                    .isInstanceOf(InvalidStateException.class);
            assertThat(b.forOwner(owner).threebots()).extracting(ThreebotView::state)
                    .containsExactly(ThreebotState.DELETED);
        }
    }

    @Test
    void wrongPasswordsCountOnceForEveryInstance() {
        ThreebotDeployer a = instance("a");
        ThreebotDeployer b = instance("b");
        ChatDriver.start(a, "una").runToEnd(Map.of("name", "guarded"));
        String uuid = a.forOwner("una").threebots().get(0).uuid();
        for (int i = 0; i < 5; i++) {
            OwnerDeployer through = i % 2 == 0 ? a.forOwner("una") : b.forOwner("una");
            assertThatThrownBy(() -> through.stop(uuid, Secret.of("wrong guess " + System.nanoTime())))
                    .isInstanceOf(WrongPasswordException.class);
        }
        assertThatThrownBy(() -> b.forOwner("una").stop(uuid, PASSWORD)).as("five wrong across both instances")
                .isInstanceOf(TooManyAttemptsException.class);
        assertThatThrownBy(() -> a.forOwner("una").stop(uuid, PASSWORD))
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void workAnInstanceLeftIsTakenOverOnlyAfterItsLeaseRanOutAndPaidForOnce() throws Exception {
        Duration lease = Duration.ofSeconds(2);
        CuttableStore firstStore = new CuttableStore(newStore());
        ThreebotDeployer first = instance("first", firstStore, lease);
        int paidBefore = world.payments.receipts().size();
        world.grid.deployDelay(Duration.ofMillis(300));
        ChatDriver chat = ChatDriver.start(first, "ola");
        chat.answerUntil(PaymentSteps.QUESTION_KEY, Map.of("name", "orphan"));
        ChatMessage busy = first.forOwner("ola").answer(chat.sessionId(), "");
        assertThat(busy.busy()).isTrue();
        Thread.sleep(150);
        firstStore.cut(); // the first instance is gone as far as the store can tell: it neither renews nor writes
        String leaseName = "session-" + chat.sessionId();
        Leases.Lease left = world.store.get(Leases.KIND, leaseName, Leases.Lease.class).orElseThrow().value();
        assertThat(left.holder()).as("the cut-off instance runs the step").isEqualTo("first");

        AtomicReference<Instant> takenAt = new AtomicReference<>();
        ThreebotDeployer third = instance("third", noticingFirstWrite(newStore(), leaseName, takenAt), lease);
        assertThat(third.forOwner("ola").status(chat.sessionId())).isEqualTo(SessionStatus.BUSY);
        ChatMessage end = ChatDriver.resume(third, "ola", chat.sessionId()).settle();
        // a renewal in flight at the cut may still have moved the lease's end later, never earlier
        assertThat(takenAt.get()).as("taken over only once the lease ran out").isNotNull()
                .isAfterOrEqualTo(left.until());
        assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.DOWNLOAD_FILE);
        long tid = world.grid.findUser(IdentityNames.of("ola", "orphan")).orElseThrow().id();
        assertThat(world.grid.listPools(tid)).as("one capacity pool and one gateway pool")
                .extracting(p -> p.nodeIds().get(0).startsWith("gw-")).containsExactlyInAnyOrder(false, true);
        assertThat(world.payments.receipts().size() - paidBefore).as("paid once").isEqualTo(1);
        assertThat(third.forOwner("ola").threebots()).extracting(ThreebotView::state)
                .containsExactly(ThreebotState.RUNNING);
    }

    /**
     * The store, noting in {@code at} when the first write of the lease {@code name} was asked for: a take-over of
     * that lease, made only when it found the lease run out by then.
     */
    private static StateStore noticingFirstWrite(StateStore store, String name, AtomicReference<Instant> at) {
        return (StateStore) Proxy.newProxyInstance(SharedStoreIT.class.getClassLoader(),
                new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") && Leases.KIND.equals(args[0]) && name.equals(args[1])) {
                        at.compareAndSet(null, Instant.now());
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Runs {@code call} once both parties reached the barrier; its result or the deployer error it threw. */
    private static CompletableFuture<Object> answerAt(CyclicBarrier together, Supplier<Object> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
                return call.get();
            } catch (DeployerException e) {
                return e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
