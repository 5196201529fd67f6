package io.threebot.deployer.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.threebot.deployer.backup.BackupAccessDeniedException;
import io.threebot.deployer.backup.BackupCredentialsException;
import io.threebot.deployer.backup.BackupIdentityNotFoundException;
import io.threebot.deployer.backup.BackupInitRequest;
import io.threebot.deployer.backup.InvalidBackupRequestException;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.support.InMemoryBackupServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackupServiceTest {
    private static final String BOT = "alice_mybot";

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(clock, Duration.ZERO);
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Random random = new Random(7);
    private final BackupTokens tokens = new BackupTokens(store, clock, random, Duration.ofDays(7));
    private final InMemoryBackupServers servers = spy(new InMemoryBackupServers(List.of("10.0.0.1", "10.0.0.2")));
    private final IdentityKeys deployerKeys = IdentityKeys.generate(random);
    private final IdentityKeys botKeys = IdentityKeys.generate(random);
    private final BackupService service = new BackupService(grid, servers, tokens, deployerKeys);

    BackupServiceTest() {
        grid.registerUser(BOT, "alice@example.com", botKeys.publicKeyHex());
    }

    @Test
    void thePublicKeyIsTheCurveFormOfTheDeployersIdentity() {
        byte[] key = Base64.getDecoder().decode(service.publicKey());
        assertThat(key).hasSize(32)
                .isEqualTo(NaCl.curvePublicKeyOf(NaCl.curvePrivateKey(deployerKeys.seed())))
                .isEqualTo(NaCl.curvePublicKey(deployerKeys.publicKey()));
    }

    @Test
    void aNewBotGetsItsAccountOnEveryServerWithTheTokenItWasDeployedWith() {
        String token = tokens.issue(BOT);
        List<String> hosts = service.init(BackupInitRequest.create(BOT + ".3bot", seal("s3cret", botKeys), token));

        assertThat(hosts).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(servers.verifyUser(BOT, Secret.of("s3cret"))).isTrue();
        assertThat(store.get(BackupToken.KIND, BOT, BackupToken.class).orElseThrow().value().consumed()).isTrue();
    }

    @Test
    void aTokenIsGoodOnceAndOnlyForItsIdentity() {
        String token = tokens.issue(BOT);
        grid.registerUser("bob_other", "bob@example.com", botKeys.publicKeyHex());
        assertThatThrownBy(() -> service.init(BackupInitRequest.create("bob_other", seal("pw", botKeys), token)))
                .isInstanceOf(BackupAccessDeniedException.class).hasMessageContaining("no valid backup token");
        assertThat(servers.hasUser("bob_other")).isFalse();

        service.init(BackupInitRequest.create(BOT, seal("first", botKeys), token));
        assertThatThrownBy(() -> service.init(BackupInitRequest.create(BOT, seal("second", botKeys), token)))
                .isInstanceOf(BackupAccessDeniedException.class).hasMessageContaining("already used");
        assertThat(servers.verifyUser(BOT, Secret.of("first"))).isTrue();
    }

    @Test
    void aWrongOrExpiredTokenCreatesNothing() {
        String token = tokens.issue(BOT);
        assertThatThrownBy(() -> service.init(BackupInitRequest.create(BOT, seal("pw", botKeys), "guess")))
                .isInstanceOf(BackupAccessDeniedException.class);
        clock.advance(Duration.ofDays(8));
        assertThatThrownBy(() -> service.init(BackupInitRequest.create(BOT, seal("pw", botKeys), token)))
                .isInstanceOf(BackupAccessDeniedException.class).hasMessageContaining("expired");
        assertThat(servers.hasUser(BOT)).isFalse();
    }

    @Test
    void aPasswordSealedByAnotherKeyIsRefusedAndTheTokenStaysGood() {
        String token = tokens.issue(BOT);
        IdentityKeys impostor = IdentityKeys.generate(random);
        assertThatThrownBy(() -> service.init(BackupInitRequest.create(BOT, seal("pw", impostor), token)))
                .isInstanceOf(BackupCredentialsException.class)
                .hasMessage("the password was not sealed by alice_mybot's key for this deployer");
        assertThat(servers.hasUser(BOT)).isFalse();

        service.init(BackupInitRequest.create(BOT, seal("pw", botKeys), token));
        assertThat(servers.verifyUser(BOT, Secret.of("pw"))).isTrue();
    }

    @Test
    void aServerFailureLeavesTheTokenGoodForARetry() {
        String token = tokens.issue(BOT);
        doThrow(new DeployerException("backup server 10.0.0.2 is unreachable"))
                .doCallRealMethod().when(servers).createUser(anyString(), any());

        assertThatThrownBy(() -> service.init(BackupInitRequest.create(BOT, seal("pw", botKeys), token)))
                .hasMessageContaining("10.0.0.2 is unreachable");
        assertThat(store.get(BackupToken.KIND, BOT, BackupToken.class).orElseThrow().value().consumed()).isFalse();

        assertThat(service.init(BackupInitRequest.create(BOT, seal("pw", botKeys), token))).hasSize(2);
    }

    @Test
    void aRestoredBotChecksItsPasswordOnTheServers() {
        servers.createUser(BOT, Secret.of("kept"));
        assertThat(service.init(BackupInitRequest.existing(BOT, seal("kept", botKeys))))
                .containsExactly("10.0.0.1", "10.0.0.2");
        assertThatThrownBy(() -> service.init(BackupInitRequest.existing(BOT, seal("other", botKeys))))
                .isInstanceOf(BackupCredentialsException.class).hasMessage("3Bot name or password is incorrect");
        assertThat(servers.verifyUser(BOT, Secret.of("kept"))).isTrue();
    }

    @Test
    void badRequestsAreRefusedBeforeAnyServerIsAsked() {
        String sealed = seal("pw", botKeys);
        assertThatThrownBy(() -> service.init(BackupInitRequest.create("alice_x; rm -rf /", sealed, "t")))
                .isInstanceOf(InvalidBackupRequestException.class).hasMessageContaining("<owner>_<name>");
        assertThatThrownBy(() -> service.init(BackupInitRequest.create("nobody_here", sealed, "t")))
                .isInstanceOf(BackupIdentityNotFoundException.class).hasMessageContaining("nobody_here");
        assertThatThrownBy(() -> service.init(BackupInitRequest.create(BOT, "not base64!", "t")))
                .isInstanceOf(InvalidBackupRequestException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> service.init(new BackupInitRequest(BOT, sealed, true, Optional.empty())))
                .isInstanceOf(InvalidBackupRequestException.class).hasMessageContaining("backup token");
        assertThat(servers.hasUser(BOT)).isFalse();
    }

    @Test
    void theRequestNeverShowsItsPassword() {
        assertThat(BackupInitRequest.create(BOT, "c2VhbGVk", "tok").toString())
                .doesNotContain("c2VhbGVk").doesNotContain("tok");
    }

    /** What a 3Bot does: a box from its own key to the deployer's public key. */
    private String seal(String password, IdentityKeys sender) {
        byte[] deployer = Base64.getDecoder().decode(service.publicKey());
        return Base64.getEncoder().encodeToString(NaCl.box(NaCl.curvePrivateKey(sender.seed()), deployer,
                password.getBytes(StandardCharsets.UTF_8)));
    }
}
