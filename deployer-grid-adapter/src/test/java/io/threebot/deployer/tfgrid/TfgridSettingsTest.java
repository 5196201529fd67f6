package io.threebot.deployer.tfgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.chain.ChainConnectionException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.keys.Mnemonic;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Settings of a real TFGrid v3 network: endpoints, overrides, the operator's key from the environment or a file. */
class TfgridSettingsTest {
    /**
     * A 32-byte seed (the development chain's {@code //Alice} secret) taken as a raw ed25519 seed, and the address
     * {@code @polkadot/util-crypto}'s {@code ed25519PairFromSeed} gives it under prefix 42.
     */
    private static final String ALICE_SEED = "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a";
    private static final String ALICE_ED25519 = "5DFNv4Txc4b88qHqQ6GG4D646QcT4fN3jjS2G3r1PyZkfDut";

    private final Mnemonic mnemonic = Mnemonic.fromEntropy(entropy());
    private final String phrase = mnemonic.phrase();
    private final String address = Ed25519KeyPair.fromMnemonic(mnemonic).address();

    @TempDir
    Path dir;

    private static byte[] entropy() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(TfgridNetwork.class)
    void eachNetworkFromTheEnvironmentUsesItsPublicEndpoints(TfgridNetwork network) {
        TfgridSettings settings = TfgridSettings.fromEnvironment(Map.of(
                TfgridSettings.NETWORK_VARIABLE, network.networkName(),
                TfgridSettings.MNEMONIC_VARIABLE, phrase));

        String net = network == TfgridNetwork.MAIN ? "" : network.networkName() + ".";
        assertThat(settings.network()).isEqualTo(network);
        assertThat(settings.substrateUrls()).containsExactly(URI.create("wss://tfchain." + net + "grid.tf/ws"),
                URI.create("wss://tfchain.02." + net + "grid.tf/ws"));
        assertThat(settings.relayUrls()).containsExactly(URI.create("wss://relay." + net + "grid.tf"),
                URI.create("wss://relay.02." + net + "grid.tf"));
        assertThat(settings.gridproxyUrls().get(0)).isEqualTo(URI.create("https://gridproxy." + net + "grid.tf"));
        assertThat(settings.graphqlUrls().get(0)).isEqualTo(URI.create("https://graphql." + net + "grid.tf/graphql"));
        assertThat(settings.activationUrls().get(0))
                .isEqualTo(URI.create("https://activation." + net + "grid.tf/activation/activate"));
        assertThat(settings.operator().address()).isEqualTo(address);
        assertThat(settings.operator().source()).isEqualTo(OperatorKey.Source.MNEMONIC);
    }

    @Test
    void overridesReplaceOnlyTheEndpointsTheyName() {
        Map<String, String> environment = Map.of(
                TfgridSettings.NETWORK_VARIABLE, " Test ",
                TfgridSettings.ACTIVATION_VARIABLE, "http://127.0.0.1:8083/activation/activate",
                TfgridSettings.MNEMONIC_VARIABLE, phrase,
                TfgridSettings.SUBSTRATE_VARIABLE, "ws://127.0.0.1:9944, ws://127.0.0.1:9945",
                TfgridSettings.RELAY_VARIABLE, "ws://127.0.0.1:8080",
                TfgridSettings.GRIDPROXY_VARIABLE, "http://127.0.0.1:8081",
                TfgridSettings.GRAPHQL_VARIABLE, "http://127.0.0.1:8082/graphql");

        TfgridSettings settings = TfgridSettings.fromEnvironment(environment);

        assertThat(settings.network()).isEqualTo(TfgridNetwork.TEST);
        assertThat(settings.substrateUrls()).containsExactly(URI.create("ws://127.0.0.1:9944"),
                URI.create("ws://127.0.0.1:9945"));
        assertThat(settings.relayUrls()).containsExactly(URI.create("ws://127.0.0.1:8080"));
        assertThat(settings.gridproxyUrls()).containsExactly(URI.create("http://127.0.0.1:8081"));
        assertThat(settings.graphqlUrls()).containsExactly(URI.create("http://127.0.0.1:8082/graphql"));
        assertThat(settings.activationUrls()).containsExactly(URI.create("http://127.0.0.1:8083/activation/activate"));
        assertThat(TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "test",
                TfgridSettings.MNEMONIC_VARIABLE, phrase, TfgridSettings.RELAY_VARIABLE, "ws://127.0.0.1:8080"))
                .activationUrls()).isEqualTo(TfgridNetwork.TEST.activationUrls());

        TfgridSettings built = TfgridSettings.builder().network(TfgridNetwork.DEV).operator(OperatorKey.of(phrase))
                .activationUrls(List.of(URI.create("http://localhost:8083/activation/activate")))
                .build();
        assertThat(built.activationUrls()).containsExactly(URI.create("http://localhost:8083/activation/activate"));
        assertThat(built.substrateUrls()).isEqualTo(TfgridNetwork.DEV.substrateUrls());
    }

    @Test
    void anOverrideOfTheWrongKindIsRefusedNamingItsVariable() {
        Map<String, String> environment = new HashMap<>(Map.of(TfgridSettings.NETWORK_VARIABLE, "dev",
                TfgridSettings.MNEMONIC_VARIABLE, phrase));
        environment.put(TfgridSettings.SUBSTRATE_VARIABLE, "https://tfchain.dev.grid.tf");
        refused(() -> TfgridSettings.fromEnvironment(environment), TfgridSettings.SUBSTRATE_VARIABLE)
                .contains("ws:// or wss://");
        environment.remove(TfgridSettings.SUBSTRATE_VARIABLE);
        environment.put(TfgridSettings.GRIDPROXY_VARIABLE, "not a url");
        refused(() -> TfgridSettings.fromEnvironment(environment), TfgridSettings.GRIDPROXY_VARIABLE)
                .contains("not a URL");
        environment.put(TfgridSettings.GRIDPROXY_VARIABLE, "http://proxy.local/?x=1");
        refused(() -> TfgridSettings.fromEnvironment(environment), TfgridSettings.GRIDPROXY_VARIABLE);
        refused(() -> TfgridSettings.builder().relayUrls(List.of()), "relayUrls");
    }

    @Test
    void theDeadlinesHaveDefaultsAndRefuseWhatCannotWork() {
        TfgridSettings defaults = TfgridSettings.builder().network(TfgridNetwork.MAIN)
                .operator(OperatorKey.of(phrase)).build();
        assertThat(defaults.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.inclusionTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(defaults.rmbCallTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.changesPollInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.changesDeadline()).isEqualTo(Duration.ofMinutes(4));

        TfgridSettings set = TfgridSettings.builder().network(TfgridNetwork.MAIN).operator(OperatorKey.of(phrase))
                .callTimeout(Duration.ofSeconds(5)).inclusionTimeout(Duration.ofSeconds(40))
                .rmbCallTimeout(Duration.ofSeconds(20)).changesPolling(Duration.ofSeconds(1), Duration.ofMinutes(2))
                .build();
        assertThat(set.callTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.inclusionTimeout()).isEqualTo(Duration.ofSeconds(40));
        assertThat(set.rmbCallTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(set.changesPollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(set.changesDeadline()).isEqualTo(Duration.ofMinutes(2));

        refused(() -> TfgridSettings.builder().callTimeout(Duration.ZERO), "callTimeout");
        refused(() -> TfgridSettings.builder().rmbCallTimeout(Duration.ofSeconds(-1)), "rmbCallTimeout");
        refused(() -> TfgridSettings.builder().changesPolling(Duration.ofMinutes(5), Duration.ofMinutes(4)),
                "changesPollInterval");
    }

    @Test
    void theV3ClientsAreConfiguredFromTheSettings() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI chain = URI.create("ws://127.0.0.1:" + closedPort);
        TfgridSettings settings = TfgridSettings.builder().network(TfgridNetwork.QA).operator(OperatorKey.of(phrase))
                .substrateUrls(List.of(chain, URI.create("ws://127.0.0.1:9")))
                .relayUrls(List.of(URI.create("ws://relay.local:1"), URI.create("ws://relay.local:2")))
                .build();

        assertThat(settings.gridProxyClient().build().baseUrl()).isEqualTo(URI.create("https://gridproxy.qa.grid.tf"));
        assertThatThrownBy(() -> settings.tfchainClient().connect()).isInstanceOf(ChainConnectionException.class)
                .hasMessageContaining("chain node at " + chain);
        // configured with the relays and the key, the RMB client lacks only what the settings cannot know
        assertThat(refusal(() -> settings.rmbClient().build(), "twin")).contains("twin id");
    }

    @Test
    void aMnemonicFileOfMode600IsReadAndOneOthersCanReadIsRefusedNamingItsMode() throws Exception {
        Path file = dir.resolve("operator.words");
        Files.writeString(file, "\n  " + phrase + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> environment = Map.of(TfgridSettings.NETWORK_VARIABLE, "main",
                TfgridSettings.MNEMONIC_FILE_VARIABLE, file.toString());

        assertThat(TfgridSettings.fromEnvironment(environment).operator().address()).isEqualTo(address);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        refused(() -> TfgridSettings.fromEnvironment(environment), file.toString())
                .contains(file.toString()).contains("mode 644").contains("chmod 600");

        refused(() -> TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "main",
                TfgridSettings.MNEMONIC_FILE_VARIABLE, dir.resolve("absent").toString())),
                dir.resolve("absent").toString()).contains("does not exist");
    }

    @Test
    void aHexSeedIsTakenToo() throws Exception {
        TfgridSettings settings = TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "dev",
                TfgridSettings.MNEMONIC_VARIABLE, ALICE_SEED));
        assertThat(settings.operator().address()).isEqualTo(ALICE_ED25519);
        assertThat(settings.operator().source()).isEqualTo(OperatorKey.Source.HEX_SEED);

        Path file = dir.resolve("operator.seed");
        Files.writeString(file, ALICE_SEED.substring(2));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(OperatorKey.fromFile(file).address()).isEqualTo(ALICE_ED25519);
        assertThat(settings.toString()).doesNotContain(ALICE_SEED).doesNotContain(ALICE_SEED.substring(2));
    }

    @Test
    void aMissingKeyIsRefusedSayingWhereToPutIt() {
        refused(() -> TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "main")),
                TfgridSettings.MNEMONIC_VARIABLE)
                .contains(TfgridSettings.MNEMONIC_VARIABLE).contains(TfgridSettings.MNEMONIC_FILE_VARIABLE);
        refused(() -> TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "main",
                TfgridSettings.MNEMONIC_VARIABLE, "   ")), TfgridSettings.MNEMONIC_VARIABLE);
        refused(() -> TfgridSettings.builder().network(TfgridNetwork.MAIN).build(), "operator")
                .contains(TfgridSettings.MNEMONIC_VARIABLE);
        refused(() -> TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "main",
                TfgridSettings.MNEMONIC_VARIABLE, phrase, TfgridSettings.MNEMONIC_FILE_VARIABLE, "/x")),
                TfgridSettings.MNEMONIC_VARIABLE).contains("only one");
    }

    @Test
    void anInvalidMnemonicIsRefusedWithoutItsWords() {
        List<String> words = mnemonic.words();
        // the same words with two swapped: every word known, the checksum almost surely wrong
        String swapped = String.join(" ", words.get(1), words.get(0)) + " "
                + String.join(" ", words.subList(2, words.size()));
        List<String> typo = new ArrayList<>(words);
        typo.set(3, "qwertyuiop");
        String mistyped = String.join(" ", typo);
        String shortened = String.join(" ", words.subList(0, 11));
        assertThat(Mnemonic.isValid(swapped)).isFalse();
        for (String bad : List.of(mistyped, shortened, swapped)) {
            String message = refusal(() -> TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE,
                    "main", TfgridSettings.MNEMONIC_VARIABLE, bad)), TfgridSettings.MNEMONIC_VARIABLE);
            assertThat(message).contains(TfgridSettings.MNEMONIC_VARIABLE).contains("BIP39")
                    .doesNotContain("qwertyuiop");
            for (String word : words) {
                assertThat(message).doesNotContainPattern("\\b" + word + "\\b");
            }
        }
        refused(() -> OperatorKey.of(mistyped), "operator").contains("word 4");
        refused(() -> OperatorKey.of(shortened), "operator").contains("11");
        refused(() -> OperatorKey.of(swapped), "operator").contains("checksum");
    }

    @Test
    void theSecretIsNeverShown() {
        TfgridSettings settings = TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "qa",
                TfgridSettings.MNEMONIC_VARIABLE, phrase));

        assertThat(settings.toString()).contains("qa").contains(address).contains("wss://tfchain.qa.grid.tf/ws");
        for (String word : mnemonic.words()) {
            assertThat(settings.toString()).doesNotContainPattern("\\b" + word + "\\b");
            assertThat(settings.operator().toString()).doesNotContainPattern("\\b" + word + "\\b");
        }
    }

    @Test
    void anUnknownOrMissingNetworkIsRefusedListingTheValidOnes() {
        refused(() -> TfgridSettings.fromEnvironment(Map.of(TfgridSettings.NETWORK_VARIABLE, "mainnet",
                TfgridSettings.MNEMONIC_VARIABLE, phrase)), TfgridSettings.NETWORK_VARIABLE)
                .contains("\"mainnet\"").contains("dev, qa, test, main");
        refused(() -> TfgridSettings.fromEnvironment(Map.of(TfgridSettings.MNEMONIC_VARIABLE, phrase)),
                TfgridSettings.NETWORK_VARIABLE).contains("dev, qa, test, main");
        refused(() -> TfgridSettings.builder().operator(OperatorKey.of(phrase)).build(), "network")
                .contains("dev, qa, test, main");
    }

    /** Runs what must fail, checks it is an {@link InvalidInputException} naming {@code field}; its message. */
    private static String refusal(ThrowingCallable call, String field) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) thrown).field()).isEqualTo(Optional.of(field));
        return thrown.getMessage();
    }

    private static AbstractStringAssert<?> refused(ThrowingCallable call, String field) {
        return assertThat(refusal(call, field));
    }
}
