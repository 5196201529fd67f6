package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every question refuses bad answers with a reason, re-asks itself and leaves the stored session as it was. */
class DeployValidationTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();

    @AfterEach
    void close() {
        deployer.close();
    }

    /** Walks to the question with this key, answering the earlier ones with good answers. */
    private ChatDriver at(String key, Map<String, String> earlier) {
        ChatDriver chat = ChatDriver.start(deployer, "dave");
        chat.answerUntil(key, earlier);
        return chat;
    }

    private Versioned<ChatSession> stored(ChatDriver chat) {
        return world.store.get(ChatEngine.SESSIONS, chat.sessionId(), ChatSession.class).orElseThrow();
    }

    private void assertRefused(ChatDriver chat, String key, String answer, String expectedError) {
        Versioned<ChatSession> before = stored(chat);
        ChatMessage reply = deployer.forOwner("dave").answer(chat.sessionId(), answer);
        assertThat(reply.questionKey()).contains(key);
        assertThat(reply.validationError()).as("answer '%s' to %s", answer, key)
                .hasValueSatisfying(e -> assertThat(e).contains(expectedError));
        Versioned<ChatSession> after = stored(chat);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.value()).isEqualTo(before.value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                              | This field is required.",
        "MyBot                           | lowercase letters and digits only",
        "my-bot                          | lowercase letters and digits only",
        "1bot                            | starting with a letter",
        "abcdefghijabcdefghijabcdefghijk | at most 30 characters"})
    void nameRules(String answer, String error) {
        assertRefused(at("name", Map.of()), "name", answer, error);
    }

    @Test
    void aNameOfOneOfMy3BotsIsRefused() {
        ChatDriver.start(deployer, "dave").runToEnd(Map.of());
        assertRefused(at("name", Map.of()), "name", "mybot", "'mybot' is already one of your 3Bots");
    }

    @Test
    void flavorMustBeOneOfTheOptions() {
        ChatDriver chat = at("flavor", Map.of());
        assertThat(chat.current().options()).hasSize(3);
        assertThat(chat.current().payload().kwargs()).containsEntry("default", chat.current().options().get(0));
        assertRefused(chat, "flavor", "Diamond", "Choose one of: Silver (CPU 1 - Memory 2 GB - Disk 4 GB [SSD])");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not a key                 | not an OpenSSH public key",
        "ssh-ed25519 !!!notbase64  | not valid base64",
        "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl | does not hold a ssh-rsa key",
        "ssh-dss AAAA              | unsupported key type"})
    void sshKeyMustBeAnOpenSshPublicKey(String answer, String error) {
        assertRefused(at("ssh_key", Map.of()), "ssh_key", answer, error);
    }

    @Test
    void sshKeyIsOptionalAndAValidOneIsAccepted() {
        ChatDriver empty = at("ssh_key", Map.of());
        assertThat(empty.answer("ssh_key", "").questionKey()).contains("password");
        ChatDriver withKey = at("ssh_key", Map.of());
        assertThat(withKey.answer("ssh_key", KEY + " me@laptop\n").questionKey()).contains("password");
    }

    @Test
    void passwordRules() {
        ChatDriver chat = at("password", Map.of());
        assertRefused(chat, "password", "", "This field is required.");
        assertRefused(chat, "password", "x".repeat(33), "at most 32 characters");
        assertRefused(chat, "password", "é".repeat(17), "at most 32 bytes");
        assertRefused(chat, "password", "short pw", "Use at least 10 characters");
        assertRefused(chat, "password", "Password123", "one of the most common ones");
        assertRefused(chat, "password", "qwerty 123456", "one of the most common ones");
        assertRefused(chat, "password", "zzzzzzzzzzzz", "one of the most common ones");
        assertThat(chat.answer("password", "abcdefghijklmnopqrstuvwxyz012345").questionKey()).contains("policy");
    }

    @Test
    void anExistingIdentityWhosePasswordIsShorterThanThePolicyStillOpens() {
        new IdentityService(world.grid, TestWorld.fastSettings().build().keyDerivation())
                .ensureRegistered("dave_oldbot", "old pw");
        ChatDriver chat = at("password", Map.of("name", "oldbot"));
        assertThat(chat.answer("password", "old pw").questionKey()).contains("policy");
    }

    @Test
    void theRecoveryPasswordIsNeverStoredInTheClear() throws Exception {
        ChatDriver chat = at("policy", Map.of("password", "hunter2hunter2"));
        String json = io.threebot.deployer.internal.store.Json.mapper().writeValueAsString(stored(chat).value());
        assertThat(json).doesNotContain("hunter2hunter2");
        assertThat(chat.current().payload().kwargs()).doesNotContainValue("hunter2hunter2");
    }

    @Test
    void policyAndLocationMustBeOffered() {
        ChatDriver chat = at("policy", Map.of());
        assertRefused(chat, "policy", "Mars", "Choose one of: Automatic, Continent, Farm, Specific node");
        chat.answer("policy", "Continent");
        assertRefused(chat, "continent", "Atlantis", "Choose one of: Asia, Europe, North America");
    }

    @ParameterizedTest
    @CsvSource({"0", "366", "abc", "1.5", "+14", "١٤", "14 days", "99999999999999999999999"})
    void daysMustBeAWholeNumberFrom1To365(String answer) {
        assertRefused(at("days", Map.of()), "days", answer, "Enter a whole number from 1 to 365, in digits 0-9.");
    }

    @Test
    void aNameUsedBeforeNeedsItsRecoveryPassword() {
        IdentityService identities = new IdentityService(world.grid, TestWorld.fastSettings().build().keyDerivation());
        identities.ensureRegistered("dave_oldbot", "the old password");

        ChatDriver chat = at("password", Map.of("name", "oldbot"));
        assertThat(chat.current().payload().msg()).contains("'oldbot' was used for a 3Bot before");
        assertRefused(chat, "password", "a guess", "Incorrect recovery password for 3Bot 'oldbot'.");
        chat.answer("password", "the old password");
        ChatMessage last = chat.runToEnd(Map.of("password", "the old password"));
        assertThat(last.category()).isEqualTo(Category.END);
        assertThat(Internals.storedThreebots(deployer, "dave").get(0).identityName()).isEqualTo("dave_oldbot");
    }
}
