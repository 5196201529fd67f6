package io.threebot.deployer.tfgrid.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void bip39VectorsFromTheSpecification() {
        assertThat(Mnemonic.fromEntropy(new byte[16]).phrase())
                .isEqualTo("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
                        + " about");
        byte[] sevenF = new byte[16];
        Arrays.fill(sevenF, (byte) 0x7f);
        assertThat(Mnemonic.fromEntropy(sevenF).phrase())
                .isEqualTo("legal winner thank year wave sausage worth useful legal winner thank yellow");
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        assertThat(Mnemonic.fromEntropy(ff).phrase()).isEqualTo("zoo ".repeat(23) + "vote");
        assertThat(Mnemonic.parse("zoo ".repeat(23) + "vote").entropy()).isEqualTo(ff);
    }

    @Test
    void parsesWhatItWritesAndTakesAnyWhiteSpace() {
        SecureRandom random = new SecureRandom();
        for (int words : new int[] {12, 15, 18, 21, 24}) {
            Mnemonic m = Mnemonic.generate(words, random);
            assertThat(m.words()).hasSize(words);
            assertThat(Mnemonic.parse(m.phrase())).isEqualTo(m);
            assertThat(Mnemonic.parse("  " + String.join(" \t\n ", m.words()) + " ").entropy())
                    .isEqualTo(m.entropy());
        }
    }

    @Test
    void badPhrasesAreTypedErrorsThatNameNoWord() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon"))
                .isInstanceOfSatisfying(InvalidMnemonicException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.WORD_COUNT);
                    assertThat(e.reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT);
                    assertThat(e.field()).contains("mnemonic");
                });
        assertThatThrownBy(() -> Mnemonic.parse("abandon ".repeat(5) + "secretword " + "abandon ".repeat(5) + "about"))
                .isInstanceOfSatisfying(InvalidMnemonicException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.UNKNOWN_WORD);
                    assertThat(e.wordPosition()).hasValue(6);
                    assertThat(e.getMessage()).doesNotContain("secretword");
                });
        assertThatThrownBy(() -> Mnemonic.parse("abandon ".repeat(12).strip()))
                .isInstanceOfSatisfying(InvalidMnemonicException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMnemonicException.Problem.CHECKSUM));
        assertThat(Mnemonic.isValid("Abandon abandon abandon abandon abandon abandon abandon abandon abandon"
                + " abandon abandon about")).isFalse();
        assertThat(Mnemonic.fromEntropy(new byte[16]).toString()).doesNotContain("abandon");
    }

    @Test
    void keyPairsSignAndVerifyAndHideTheirSeed() {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
        // RFC 8032 test 1's public key is of seed 9d61...; the all-zero seed's is well known too
        assertThat(HEX.formatHex(pair.publicKey()))
                .isEqualTo("3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29");
        Ed25519KeyPair rfc = Ed25519KeyPair.fromHexSeed(
                "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(HEX.formatHex(rfc.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(HEX.formatHex(rfc.sign(new byte[0]))).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        byte[] message = {1, 2, 3};
        byte[] signature = rfc.sign(message);
        assertThat(Ed25519KeyPair.verify(rfc.publicKey(), message, signature)).isTrue();
        assertThat(Ed25519KeyPair.verify(pair.publicKey(), message, signature)).isFalse();
        assertThat(rfc.toString()).doesNotContain("9d61").contains(rfc.address());
        assertThat(Ed25519KeyPair.fromHexSeed(rfc.toHexSeed()).publicKey()).isEqualTo(rfc.publicKey());
        assertThatThrownBy(() -> Ed25519KeyPair.fromHexSeed("0x1234"))
                .isInstanceOfSatisfying(DeployerException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT));
    }

    @Test
    void ss58RoundTripsAndRefusesBadAddresses() {
        // Alice's sr25519 account id and its well-known generic-substrate address
        byte[] alice = HEX.parseHex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
        assertThat(Ss58.encode(alice)).isEqualTo("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assertThat(Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", 42)).isEqualTo(alice);
        for (int prefix : new int[] {0, 2, 42, 63, 64, 255, 1284, 16383}) {
            String address = Ss58.encode(alice, prefix);
            assertThat(Ss58.prefixOf(address)).isEqualTo(prefix);
            assertThat(Ss58.decode(address)).isEqualTo(alice);
        }
        assertThat(Ss58.isValid("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ")).isFalse();
        assertThat(Ss58.isValid("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKut0Y")).isFalse();
        assertThat(Ss58.isValid("")).isFalse();
        assertThatThrownBy(() -> Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", 0))
                .isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> Ss58.encode(new byte[31])).isInstanceOf(InvalidAddressException.class);
    }
}
