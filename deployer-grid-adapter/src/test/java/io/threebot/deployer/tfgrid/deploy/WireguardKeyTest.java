package io.threebot.deployer.tfgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.model.Flavor;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** WireGuard keys whose halves belong together, and plans that check what they hold and hide their secrets. */
class WireguardKeyTest {

    @Test
    void bothHalvesOfAGeneratedKeyBelongTogether() throws Exception {
        WireguardKey a = WireguardKey.generate();
        WireguardKey b = WireguardKey.generate();
        assertThat(a).isNotEqualTo(b);
        assertThat(agree(a.privateKey(), b.publicKey())).isEqualTo(agree(b.privateKey(), a.publicKey()));
        assertThat(a.toString()).contains(a.publicKey()).doesNotContain(a.privateKey());
    }

    private static byte[] agree(String privateKey, String publicKey) throws Exception {
        KeyFactory factory = KeyFactory.getInstance("X25519");
        byte[] u = Base64.getDecoder().decode(publicKey);
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = u[31 - i];
        }
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                Base64.getDecoder().decode(privateKey))));
        agreement.doPhase(factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                new BigInteger(1, bigEndian))), true);
        return agreement.generateSecret();
    }

    @Test
    void aKeyIsBase64OfThirtyTwoBytes() {
        assertThatThrownBy(() -> new WireguardKey("not base64!", WireguardKey.generate().publicKey()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> new WireguardKey(Base64.getEncoder().encodeToString(new byte[31]),
                WireguardKey.generate().publicKey())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aPlanChecksItsNameAndHidesItsSecrets() {
        Placement at = new Placement(4, 104, 2, 10, 110, "185.69.166.10", "3bot.grid.tf");
        DeploymentPlan plan = plan("mybot", at);
        assertThat(plan.fqdn()).isEqualTo("mybot.3bot.grid.tf");
        assertThat(plan.vmIp()).isEqualTo("10.42.2.2");
        assertThat(plan.toString()).contains("SECRET").doesNotContain("s3cr3t")
                .doesNotContain(plan.vmNodeKey().privateKey());
        assertThat(plan.userWireguardConfig()).contains("Endpoint = 185.69.166.10:4000")
                .contains("PublicKey = " + plan.gatewayKey().publicKey()).contains("AllowedIPs = 10.42.0.0/16");
        DeploymentPlan resized = plan.movedTo(BotSize.of(Flavor.GOLD), at, WireguardKey.generate(), 1);
        assertThat(resized.vmIp()).isEqualTo("10.42.2.3");
        assertThat(resized.vmNodeKey()).isEqualTo(plan.vmNodeKey());
        DeploymentPlan moved = plan.movedTo(BotSize.of(Flavor.GOLD), at.withNode(5, 105, 2), WireguardKey.generate(),
                5000);
        assertThat(moved.vmIp()).isEqualTo("10.42.5.2");
        assertThat(moved.vmNodePort()).isEqualTo(5000);
        for (String bad : new String[] {"ab", "My-Bot", "-bot", "bot-", "a_b_c", "x".repeat(51)}) {
            assertThatThrownBy(() -> plan(bad, at)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("name");
        }
    }

    private static DeploymentPlan plan(String name, Placement at) {
        return new DeploymentPlan(name, 7, BotSize.of(Flavor.SILVER), at, ThreebotGrid.DEFAULT_FLIST,
                Map.of("SECRET", "s3cr3t"), 42, WireguardKey.generate(), 3000, WireguardKey.generate(), 4000,
                WireguardKey.generate(), 2, 2);
    }
}
