package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.backup.BackupToken;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.lifecycle.TooManyAttemptsException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery-password guessing is limited everywhere; answers are checked again when they are used. */
class PasswordAndNameRacesTest {
    private static final String OLD = "the old password";

    @TempDir
    Path dataDirectory;

    @Test
    void guessingAUsedNamesPasswordInTheChatIsLimitedAlsoAcrossARestartAndAcrossFlows() {
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        new IdentityService(world.grid, TestWorld.fastSettings().build().keyDerivation())
                .ensureRegistered("mia_oldbot", OLD);
        try (ThreebotDeployer first = world.deployer()) {
            ChatDriver chat = ChatDriver.start(first, "mia");
            chat.answerUntil("password", Map.of("name", "oldbot"));
            for (int i = 0; i < 5; i++) {
                assertThat(chat.answer("password", "guess number " + i).validationError())
                        .contains("Incorrect recovery password for 3Bot 'oldbot'.");
            }
            assertThat(chat.answer("password", OLD).validationError()).as("the right one, after five wrong")
                    .hasValueSatisfying(e -> assertThat(e).startsWith("Too many wrong recovery passwords for 3Bot "
                            + "'oldbot'; try again in "));
        }
        try (ThreebotDeployer second = world.deployer()) {
            ChatDriver again = ChatDriver.start(second, "mia");
            again.answerUntil("password", Map.of("name", "oldbot"));
            assertThat(again.answer("password", OLD).validationError()).as("a new deployer and a new chat")
                    .hasValueSatisfying(e -> assertThat(e).contains("Too many wrong recovery passwords"));
        }
    }

    @Test
    void theLifecycleLimitIsKeptPerIdentityAcrossStartsAndPerOwnerAcrossIdentities() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer(TestWorld.fastSettings().maxPasswordFailures(3)
                .maxPasswordFailuresPerOwner(5).build())) {
            for (String name : List.of("one", "two", "three")) {
                assertThat(ChatDriver.start(deployer, "mia").runToEnd(Map.of("name", name)).category())
                        .isEqualTo(Category.END);
            }
            List<Threebot> bots = Internals.storedThreebots(deployer, "mia");
            String pw = ChatDriver.DEFAULTS.get("password");
            Threebot one = bots.get(0);
            Internals.lifecycle(deployer).stop("mia", one.uuid(), pw);
            Threebot started = Internals.lifecycle(deployer).start("mia", one.uuid(), pw, Optional.empty(),
                    io.threebot.deployer.spi.Progress.silent());
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> Internals.lifecycle(deployer).verify("mia", started.uuid(), "wrong"))
                        .isInstanceOf(WrongPasswordException.class);
            }
            assertThatThrownBy(() -> Internals.lifecycle(deployer).verify("mia", started.uuid(), pw))
                    .as("the new id of the same identity").isInstanceOf(TooManyAttemptsException.class);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> Internals.lifecycle(deployer).verify("mia", bots.get(1).uuid(), "wrong"))
                        .isInstanceOf(WrongPasswordException.class);
            }
            assertThatThrownBy(() -> Internals.lifecycle(deployer).verify("mia", bots.get(2).uuid(), pw))
                    .as("five wrong answers for the owner lock all their 3Bots")
                    .isInstanceOf(TooManyAttemptsException.class);
            assertThat(ChatDriver.start(deployer, "zoe").runToEnd(Map.of()).category()).as("other owners are free")
                    .isEqualTo(Category.END);
        }
    }

    @Test
    void goingBackToChangeThePasswordAfterTheIdentityWasCreatedAsksForTheFirstOne() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatDriver chat = ChatDriver.start(deployer, "mia");
            chat.answerUntil("days", Map.of("password", "first password!"));
            assertThat(world.grid.findUser("mia_mybot")).as("the identity was created").isPresent();
            while (!chat.current().questionKey().orElse("").equals("password")) {
                chat.back();
            }
            assertThat(chat.current().payload().msg()).contains("created with the recovery password you gave first");
            assertThat(chat.answer("password", "second password").validationError())
                    .contains("Incorrect recovery password for 3Bot 'mybot'.");
            chat.answer("password", "first password!");
            ChatMessage end = chat.runToEnd(Map.of("password", "first password!"));
            assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
        }
    }

    @Test
    void twoChatsRacingForOneNameDeployItOnceAndTheOtherIsRefunded() throws Exception {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            List<ChatDriver> chats = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ChatDriver chat = ChatDriver.start(deployer, "mia");
                chat.answerUntil("payment", Map.of("name", "twin"));
                chats.add(chat);
            }
            List<CompletableFuture<ChatMessage>> runs = chats.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> c.runToEnd(Map.of()))).toList();
            List<ChatMessage> ends = new ArrayList<>();
            for (CompletableFuture<ChatMessage> run : runs) {
                ends.add(run.get());
            }
            assertThat(ends).extracting(ChatMessage::category)
                    .containsExactlyInAnyOrder(Category.END, Category.ERROR);
            ChatMessage refused = ends.stream().filter(m -> m.category() == Category.ERROR).findFirst().orElseThrow();
            assertThat(refused.payload().msg()).contains("Another of your chats is deploying a 3Bot named 'twin'")
                    .contains("refunded in full");
            assertThat(Internals.storedThreebots(deployer, "mia")).singleElement().satisfies(t -> assertThat(t.name())
                    .isEqualTo("twin"));
            long tid = world.grid.findUser("mia_twin").orElseThrow().id();
            List<ContainerSpec> live = world.grid.listWorkloads(tid).stream()
                    .filter(w -> w.type() == WorkloadType.CONTAINER && w.nextAction() == NextAction.DEPLOY)
                    .map(w -> (ContainerSpec) w.spec()).toList();
            assertThat(live).hasSize(1);
            String token = live.get(0).secretEnvironment().get("BACKUP_TOKEN").value();
            assertThat(world.store.get(BackupToken.KIND, "mia_twin", BackupToken.class).orElseThrow().value()
                    .isFor(token)).as("the live 3Bot's backup token was not overwritten").isTrue();
            assertThat(world.ledger.refunds()).hasSize(1);
            assertThat(world.payments.receipts()).filteredOn(r -> !r.refunded()).hasSize(1);

            ChatDriver third = ChatDriver.start(deployer, "mia");
            assertThat(deployer.forOwner("mia").answer(third.sessionId(), "twin").validationError())
                    .hasValueSatisfying(e -> assertThat(e).contains("already one of your 3Bots"));
        }
    }
}
