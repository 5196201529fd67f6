package io.threebot.deployer.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SshPublicKeysTest {
    private static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    private static byte[] ed25519Key;
    private static RSAPublicKey rsa2048;
    private static RSAPublicKey rsa1024;
    private static ECPublicKey p256;
    private static ECPublicKey p384;
    private static ECPublicKey p521;

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        ed25519Key = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        rsa2048 = (RSAPublicKey) rsa(2048);
        rsa1024 = (RSAPublicKey) rsa(1024);
        p256 = ec("secp256r1");
        p384 = ec("secp384r1");
        p521 = ec("secp521r1");
    }

    static Stream<String> validKeys() {
        return Stream.of(ED25519, ed25519Line(ed25519Key), rsaLine(rsa2048),
                ecLine("nistp256", p256), ecLine("nistp384", p384), ecLine("nistp521", p521));
    }

    @ParameterizedTest
    @MethodSource("validKeys")
    void acceptsEachSupportedTypeWithOrWithoutComment(String key) {
        assertThat(SshPublicKeys.problem(key)).isEmpty();
        assertThat(SshPublicKeys.problem("  " + key + " alice@laptop\n")).isEmpty();
        assertThat(SshPublicKeys.problem("\t" + key + "\tAlice's key (work) ünïcode  \r\n")).isEmpty();
    }

    @Test
    void refusesSmallRsaKeysWithTheBitCount() {
        refusal(rsaLine(rsa1024))
                .contains("RSA keys must have at least 2048 bits; this one has 1024");
    }

    @Test
    void refusesRsaKeysWithAnEvenOrNegativeExponentOrModulus() {
        byte[] n = rsa2048.getModulus().toByteArray();
        refusal(line("ssh-rsa", str("ssh-rsa"), str(BigInteger.TWO.toByteArray()),
                str(n))).contains("exponent is invalid");
        refusal(line("ssh-rsa", str("ssh-rsa"), str(BigInteger.ONE.toByteArray()),
                str(n))).contains("exponent is invalid");
        refusal(line("ssh-rsa", str("ssh-rsa"), str(BigInteger.valueOf(65537).toByteArray()),
                str(rsa2048.getModulus().negate().toByteArray()))).contains("modulus is invalid");
    }

    @Test
    void refusesAnEd25519KeyThatIsCutShort() {
        byte[] blob = concat(str("ssh-ed25519"), ByteBuffer.allocate(4).putInt(32).array(), new byte[5]);
        refusal(line("ssh-ed25519", blob)).contains("cut short").contains("claims 32 bytes but only 5 remain");
    }

    @Test
    void refusesAnEd25519KeyOfTheWrongSize() {
        refusal(line("ssh-ed25519", str("ssh-ed25519"), str(new byte[31])))
                .contains("an ssh-ed25519 key must be 32 bytes; this one has 31");
    }

    @Test
    void refusesABlobWithoutKeyMaterial() {
        refusal(line("ssh-ed25519", str("ssh-ed25519"))).contains("the key is missing");
        refusal(line("ssh-rsa", str("ssh-rsa"), str(new byte[] {1, 0, 1}))).contains("the modulus is missing");
    }

    @Test
    void refusesTrailingBytes() {
        refusal(line("ssh-ed25519", str("ssh-ed25519"), str(ed25519Key), new byte[] {0, 0, 0}))
                .contains("the key data has 3 extra bytes after the key");
        refusal(line("ecdsa-sha2-nistp256", ecBlob("nistp256", "nistp256", point(p256)), new byte[] {7}))
                .contains("the key data has 1 extra byte after the point");
        refusal(line("ssh-rsa", str("ssh-rsa"), str(rsa2048.getPublicExponent().toByteArray()),
                str(rsa2048.getModulus().toByteArray()), str("comment")))
                .contains("the key data has 11 extra bytes after the modulus");
    }

    @Test
    void refusesLengthsThatDoNotFit() {
        byte[] tooLong = concat(ByteBuffer.allocate(4).putInt(100).array(),
                "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
        refusal(line("ssh-ed25519", tooLong)).contains("the key type claims 100 bytes but only 11 remain");
        byte[] negative = concat(str("ssh-ed25519"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                ed25519Key);
        refusal(line("ssh-ed25519", negative)).contains("the key claims 4294967295 bytes");
        refusal(line("ssh-ed25519", new byte[] {0, 0})).contains("the key type is missing");
    }

    @Test
    void refusesABlobOfAnotherTypeThanTheLine() {
        refusal("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")
                .contains("the key data does not hold a ssh-rsa key");
        refusal(line("ecdsa-sha2-nistp384", ecBlob("nistp256", "nistp256", point(p256))))
                .contains("the key data does not hold a ecdsa-sha2-nistp384 key");
    }

    @Test
    void refusesAnEcdsaKeyWhoseCurveDoesNotMatchItsType() {
        byte[] blob = concat(str("ecdsa-sha2-nistp256"), str("nistp384"), str(point(p256)));
        refusal(line("ecdsa-sha2-nistp256", blob))
                .contains("the key data names curve 'nistp384' instead of nistp256");
    }

    @Test
    void refusesAnEcdsaPointOffTheCurve() {
        for (var c : new Object[][] {{"nistp256", p256}, {"nistp384", p384}, {"nistp521", p521}}) {
            byte[] q = point((ECPublicKey) c[1]);
            q[q.length - 1] ^= 1;
            refusal(line("ecdsa-sha2-" + c[0], ecBlob((String) c[0], (String) c[0], q)))
                    .contains("the EC point is not on the " + c[0] + " curve");
        }
    }

    @Test
    void refusesCompressedOrMisSizedEcdsaPoints() {
        byte[] q = point(p256);
        byte[] compressed = Arrays.copyOf(q, 33);
        compressed[0] = (byte) (q[q.length - 1] % 2 == 0 ? 0x02 : 0x03);
        refusal(line("ecdsa-sha2-nistp256", ecBlob("nistp256", "nistp256", compressed)))
                .contains("the EC point must be uncompressed");
        refusal(line("ecdsa-sha2-nistp256", ecBlob("nistp256", "nistp256", Arrays.copyOf(q, 64))))
                .contains("an uncompressed nistp256 point must be 65 bytes; this one has 64");
        refusal(line("ecdsa-sha2-nistp256", ecBlob("nistp256", "nistp256", new byte[0])))
                .contains("the EC point must be uncompressed");
    }

    @Test
    void capsTheLengthBeforeParsing() {
        String huge = ED25519 + " " + "x".repeat(200 * 1024);
        refusal(huge).contains("the key is longer than 16384 characters");
        refusal("\n".repeat(200 * 1024)).contains("the key is longer than 16384 characters");
        String longComment = ED25519 + " " + "x".repeat(SshPublicKeys.MAX_CHARS - ED25519.length() - 1);
        assertThat(SshPublicKeys.problem(longComment)).isEmpty();
        refusal(longComment + "x").contains("the key is longer than 16384 characters");
    }

    @Test
    void refusesTwoKeysAndPrivateKeys() {
        refusal(ED25519 + "\n" + ED25519).contains("give one key on one line");
        refusal(ED25519 + "\r" + ED25519).contains("give one key on one line");
        refusal("-----BEGIN OPENSSH PRIVATE KEY-----").contains("this is a private key");
        refusal("-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----\n")
                .contains("this is a private key");
        refusal("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----")
                .contains("OpenSSH one-line format");
    }

    @Test
    void refusesControlCharacters() {
        refusal(ED25519 + " alice\u0000@laptop").contains("the key contains control characters");
        refusal(ED25519 + " \u001b[31mred").contains("the key contains control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-dss AAAA", "ssh-dss AAAAB3NzaC1kc3MAAACBAP1/U4EddRIpUt9KnC7s5Of2EbdSPO9EAMMeP4C2 me",
        "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t",
        "sk-ecdsa-sha2-nistp256@openssh.com AAAA", "ssh-ed25519-cert-v01@openssh.com AAAA",
        "ssh-rsa-cert-v01@openssh.com AAAA", "ecdsa-sha2-nistp256-cert-v01@openssh.com AAAA",
        "command=\"ls\" ssh-ed25519 AAAA"})
    void refusesUnsupportedTypesListingTheSupportedOnes(String key) {
        refusal(key).contains("unsupported key type")
                .contains("ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521");
    }

    @Test
    void explainsWhySecurityKeysAndCertificatesAreRefused() {
        refusal("sk-ssh-ed25519@openssh.com AAAA")
                .contains("unsupported key type 'sk-ssh-ed25519@openssh.com' (security-key keys are not supported)");
        refusal("ssh-ed25519-cert-v01@openssh.com AAAA")
                .contains("certificates are not supported");
    }

    @Test
    void refusesMissingOrInvalidBase64() {
        refusal("ssh-ed25519").contains("looks like 'ssh-ed25519 AAAA");
        refusal("  ssh-ed25519   \n").contains("looks like");
        refusal("ssh-ed25519 ==== me").contains("the key data is not valid base64");
        refusal("ssh-ed25519 !!!notbase64").contains("the key data is not valid base64");
        refusal("").contains("no key was given");
        refusal("not a key").contains("unsupported key type 'not'");
    }

    private static AbstractStringAssert<?> refusal(String key) {
        Optional<String> problem = SshPublicKeys.problem(key);
        assertThat(problem).as("problem of %.100s", key).isPresent();
        return assertThat(problem.get());
    }

    // OpenSSH wire-format encoding of JDK keys

    private static PublicKey rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair().getPublic();
    }

    private static ECPublicKey ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return (ECPublicKey) generator.generateKeyPair().getPublic();
    }

    private static String ed25519Line(byte[] key) {
        return line("ssh-ed25519", str("ssh-ed25519"), str(key));
    }

    private static String rsaLine(RSAPublicKey key) {
        return line("ssh-rsa", str("ssh-rsa"), str(key.getPublicExponent().toByteArray()),
                str(key.getModulus().toByteArray()));
    }

    private static String ecLine(String curve, ECPublicKey key) {
        return line("ecdsa-sha2-" + curve, ecBlob(curve, curve, point(key)));
    }

    private static byte[] ecBlob(String typeCurve, String curve, byte[] q) {
        return concat(str("ecdsa-sha2-" + typeCurve), str(curve), str(q));
    }

    /** Uncompressed point 0x04||X||Y, coordinates padded to the field size. */
    private static byte[] point(ECPublicKey key) {
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        return concat(new byte[] {4}, unsigned(key.getW().getAffineX(), size), unsigned(key.getW().getAffineY(), size));
    }

    private static byte[] unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[size];
        int n = Math.min(bytes.length, size);
        System.arraycopy(bytes, bytes.length - n, out, size - n, n);
        return out;
    }

    private static String line(String type, byte[]... fields) {
        return type + " " + Base64.getEncoder().encodeToString(concat(fields));
    }

    private static byte[] str(String value) {
        return str(value.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] str(byte[] value) {
        return concat(ByteBuffer.allocate(4).putInt(value.length).array(), value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
