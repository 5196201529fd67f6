package io.threebot.deployer.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.Workload;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vectors of the explorer fact sheet (seed of the password "secret", tid 7). */
class SigningVectorsTest {
    private final IdentityKeys keys = IdentityKeys.fromSeed(KeyDerivation.legacy().seed("any", "secret"));

    @Test
    void httpSignatureMatchesTheVector() {
        HttpSignature signature = HttpSignature.sign(keys, 7, Instant.ofEpochSecond(1_600_000_000));
        assertThat(signature.date()).isEqualTo("Sun, 13 Sep 2020 12:26:40 GMT");
        assertThat(signature.threebotId()).isEqualTo("7");
        assertThat(signature.authorization()).isEqualTo("Signature keyId=\"7\",algorithm=\"ed25519\",signature=\""
                + "pqDwslKC9lWYkZqo3TJqeSYM0hIxdWwjQufGS+00ONrvOvaqUN0vVRrXR1ADvgT3OyI9acM7ZPUvAebeJ5LqAg==\","
                + "created=\"1600000000\",expires=\"1600000060\",headers=\"(created) date threebot-id\"");
    }

    @Test
    void subdomainChallengeDigestAndSignaturesMatchTheVectors() {
        Workload subdomain = new Workload(0, "GW1", 42, 7, "", "", "", Instant.ofEpochSecond(1_600_000_000L),
                NextAction.DEPLOY, new SubdomainSpec("a.example.com", List.of("1.2.3.4")), Optional.empty());
        String challenge = WorkloadChallenge.of(subdomain);
        assertThat(challenge).isEqualTo("1GW1427SUBDOMAIN1600000000a.example.com1.2.3.4");
        assertThat(HexFormat.of().formatHex(WorkloadSigner.sha256(challenge)))
                .isEqualTo("3baf02c26d842054fcfb9dd05da101ee5e8d63ab2c98322062a548efc30d9ec5");
        assertThat(WorkloadSigner.customerSignature(keys, challenge)).isEqualTo(
                "eaf10e6c5a712b6a963facfffa505323a9eafbff09058890bf3896d1246f92e47e2bef2e9ecfc7d30034c4451cb51a85d395042c"
                + "252ca7d0dd3ffdbe14768a00");
        assertThat(WorkloadSigner.deleteSignature(keys, challenge, 7)).isEqualTo(
                "2e18840fdf1929b57b07ae2f47213259eeeed6e864bfe6b57b21a4003cc9cc68cb5dc30a69abeefdea8a3b069888d132e4b46e3"
                + "9316d3d27834e4dabdcd55c0f");
    }
}
