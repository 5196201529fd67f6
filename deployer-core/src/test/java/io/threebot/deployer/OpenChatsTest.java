package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.chat.SessionFinishedException;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.chat.TooManyChatsException;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost on a reload: an owner's open chats are listed (a deploy under way among them), an abandoned one can
 * be closed and no longer counts against the limit, and a 3Bot's WireGuard configuration stays available.
 */
class OpenChatsTest {
    private static final Secret PASSWORD = Secret.of(ChatDriver.DEFAULTS.get("password"));

    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();

    @AfterEach
    void close() {
        deployer.close();
    }

    /** Answers with the defaults until the chat is busy with a long step or ends. */
    private static ChatMessage answerUntilBusy(OwnerDeployer me, ChatMessage m, String name) {
        for (int guard = 0; guard < 40 && !m.busy() && m.category() != Category.END
                && m.category() != Category.ERROR; guard++) {
            String key = m.questionKey().orElse("");
            m = me.answer(m.sessionId(), key.equals("name") ? name : ChatDriver.DEFAULTS.getOrDefault(key, ""),
                    m.sequence());
        }
        return m;
    }

    private static ChatMessage finish(OwnerDeployer me, ChatMessage m) throws InterruptedException {
        for (int guard = 0; guard < 60 && m.category() != Category.END && m.category() != Category.ERROR; guard++) {
            m = m.busy() ? me.awaitNext(m.sessionId(), Duration.ofSeconds(30))
                    : me.answer(m.sessionId(), ChatDriver.DEFAULTS.getOrDefault(m.questionKey().orElse(""), ""));
        }
        return m;
    }

    @Test
    void openChatsAreListedForTheirOwnerOnlyAndAClosedOneFreesItsPlaceAndTakesNoMoreAnswers() {
        OwnerDeployer alice = deployer.forOwner("alice");
        ChatMessage first = alice.startChat(Flow.DEPLOY);
        first = alice.answer(first.sessionId(), "firstbot", first.sequence());
        List<String> started = new ArrayList<>(List.of(first.sessionId()));
        while (true) {
            try {
                started.add(alice.startChat(Flow.DEPLOY).sessionId());
            } catch (TooManyChatsException full) {
                break;
            }
        }
        assertThat(started).hasSizeGreaterThan(1);

        List<OpenChat> open = alice.openChats();
        assertThat(open).extracting(OpenChat::sessionId).containsExactlyInAnyOrderElementsOf(started);
        OpenChat named = open.stream().filter(c -> c.sessionId().equals(started.get(0))).findFirst().orElseThrow();
        assertThat(named.flow()).isEqualTo(Flow.DEPLOY);
        assertThat(named.threebot()).contains("firstbot");
        assertThat(named.status()).isEqualTo(SessionStatus.WAITING_FOR_ANSWER);
        assertThat(named.step()).isEqualTo(first.info().step());
        assertThat(named.title()).isEqualTo(first.info().title());
        assertThat(deployer.forOwner("bob").openChats()).isEmpty();
        assertThatThrownBy(() -> deployer.forOwner("bob").closeChat(started.get(0)))
                .isInstanceOf(UnknownSessionException.class);

        ChatMessage closed = alice.closeChat(started.get(0));
        assertThat(closed.category()).isEqualTo(Category.END);
        assertThat(closed.payload().msg()).contains("closed");
        assertThat(alice.current(started.get(0)).payload().msg()).as("what another tab sees").contains("closed");
        assertThat(alice.closeChat(started.get(0)).category()).as("closing twice changes nothing")
                .isEqualTo(Category.END);
        assertThatThrownBy(() -> alice.answer(started.get(0), "Gold")).isInstanceOf(SessionFinishedException.class);
        assertThat(alice.openChats()).extracting(OpenChat::sessionId).doesNotContain(started.get(0))
                .hasSize(started.size() - 1);
        assertThat(alice.startChat(Flow.DEPLOY).sessionId()).as("the closed chat's place is free again").isNotBlank();
    }

    @Test
    void aDeployUnderWayIsListedBusyWithItsNameAndCannotBeClosed() throws InterruptedException {
        world.ledger.payNothing();
        OwnerDeployer alice = deployer.forOwner("alice");
        // the chat's first long steps (finding farms, creating the identity, preparing the payment request) end at
        // once, and may have ended before the chat is closed; the wait for the payment, which nobody sends here,
        // stays busy
        ChatMessage m = alice.startChat(Flow.DEPLOY);
        for (int guard = 0; guard < 10; guard++) {
            m = answerUntilBusy(alice, m, "waitbot");
            if (!m.busy() || m.info().title().equals("Setup")) {
                break;
            }
            m = alice.awaitNext(m.sessionId(), Duration.ofSeconds(10));
        }
        assertThat(m.busy()).as(m.payload().msg()).isTrue();
        assertThat(m.info().title()).isEqualTo("Setup");

        OpenChat underWay = alice.openChats().get(0);
        assertThat(underWay.busy()).isTrue();
        assertThat(underWay.threebot()).contains("waitbot");
        assertThat(underWay.title()).isEqualTo(m.info().title());
        String session = m.sessionId();
        assertThatThrownBy(() -> alice.closeChat(session)).isInstanceOf(SessionBusyException.class)
                .hasMessageContaining("never cut short");
        assertThat(alice.current(session).busy()).as("nothing changed").isTrue();
    }

    @Test
    void theWireGuardConfigurationOfThe3BotIsTheOneTheChatOfferedAndNeedsItsPassword() throws Exception {
        OwnerDeployer alice = deployer.forOwner("alice");
        ChatMessage m = alice.startChat(Flow.DEPLOY);
        String offered = null;
        for (int guard = 0; guard < 60 && m.category() != Category.END && m.category() != Category.ERROR; guard++) {
            if (m.category() == Category.DOWNLOAD_FILE) {
                offered = String.valueOf(m.payload().kwargs().get("data"));
            }
            m = m.busy() ? alice.awaitNext(m.sessionId(), Duration.ofSeconds(30))
                    : alice.answer(m.sessionId(), ChatDriver.DEFAULTS.getOrDefault(m.questionKey().orElse(""), ""));
        }
        assertThat(offered).contains("[Interface]").contains("PrivateKey");
        String uuid = alice.threebots().get(0).uuid();

        assertThat(alice.wireGuardConfig(uuid, PASSWORD)).isEqualTo(offered);
        assertThatThrownBy(() -> alice.wireGuardConfig(uuid, Secret.of("not the password")))
                .isInstanceOf(WrongPasswordException.class);
        assertThatThrownBy(() -> deployer.forOwner("bob").wireGuardConfig(uuid, PASSWORD))
                .isInstanceOf(ThreebotNotFoundException.class);
    }

    @Test
    void aChangeOfSizeDoesNotOfferTheSizeThe3BotHasAndNamesIt() throws Exception {
        OwnerDeployer alice = deployer.forOwner("alice");
        assertThat(finish(alice, alice.startChat(Flow.DEPLOY)).category()).isEqualTo(Category.END);
        ChatMessage m = alice.startChat(Flow.CHANGE_SIZE, "mybot");
        for (int guard = 0; guard < 10 && !"flavor".equals(m.questionKey().orElse("")); guard++) {
            m = alice.answer(m.sessionId(), ChatDriver.DEFAULTS.getOrDefault(m.questionKey().orElse(""), ""));
        }
        assertThat(m.questionKey()).contains("flavor");
        assertThat(m.options()).hasSize(Flavor.values().length - 1)
                .doesNotContain(Flavor.SILVER.label()).contains(Flavor.GOLD.label());
        assertThat(m.payload().kwargs().get("current")).isEqualTo(Flavor.SILVER.label());
        assertThat(m.payload().msg()).contains("Silver now");
        ChatMessage refused = alice.answer(m.sessionId(), Flavor.SILVER.label(), m.sequence());
        assertThat(refused.validationError()).as("the current size is refused at once, not at the end").isPresent();
    }

    @Test
    void thePasswordOfANew3BotIsAskedAsANewOneAndThatOfAnExistingIdentityIsNot() throws Exception {
        OwnerDeployer alice = deployer.forOwner("alice");
        ChatMessage m = alice.startChat(Flow.DEPLOY);
        for (int guard = 0; guard < 10 && !"password".equals(m.questionKey().orElse("")); guard++) {
            m = alice.answer(m.sessionId(), ChatDriver.DEFAULTS.getOrDefault(m.questionKey().orElse(""), ""));
        }
        assertThat(m.payload().kwargs().get("new_password")).isEqualTo(true);
        assertThat(m.payload().msg()).contains("cannot be reset");
        finish(alice, m);
        alice.destroy(alice.threebots().get(0).uuid(), PASSWORD);

        ChatMessage again = alice.startChat(Flow.DEPLOY);
        for (int guard = 0; guard < 10 && !"password".equals(again.questionKey().orElse("")); guard++) {
            again = alice.answer(again.sessionId(), ChatDriver.DEFAULTS.getOrDefault(again.questionKey().orElse(""),
                    ""));
        }
        assertThat(again.payload().kwargs().get("new_password")).as("the name's identity exists: prove it")
                .isEqualTo(false);
    }
}
