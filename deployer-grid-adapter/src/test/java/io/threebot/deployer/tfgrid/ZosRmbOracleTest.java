package io.threebot.deployer.tfgrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.keys.Mnemonic;
import io.threebot.deployer.tfgrid.rmb.Address;
import io.threebot.deployer.tfgrid.rmb.Envelope;
import io.threebot.deployer.tfgrid.rmb.RelayToken;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.GatewayFqdnProxy;
import io.threebot.deployer.tfgrid.zos.GatewayNameProxy;
import io.threebot.deployer.tfgrid.zos.Network;
import io.threebot.deployer.tfgrid.zos.PublicIp;
import io.threebot.deployer.tfgrid.zos.Signature;
import io.threebot.deployer.tfgrid.zos.SignatureRequest;
import io.threebot.deployer.tfgrid.zos.SignatureRequirement;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadData;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import io.threebot.deployer.tfgrid.zos.ZMount;
import io.threebot.deployer.tfgrid.zos.ZosJson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * zos deployments and RMB envelopes against the official TypeScript clients, {@code @threefold/grid_client} and
 * {@code @threefold/rmb_direct_client} (pinned in {@code src/test/node/package-lock.json}), over seeded random
 * inputs; one run of {@code zos-rmb-oracle.js} answers every case.
 */
class ZosRmbOracleTest {
    private static final Random RANDOM = new Random(2203);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final int PER_TYPE = 25;
    private static final int MIXED = 50;
    private static final int ENVELOPES = 150;
    private static final int TOKENS = 40;
    private static final List<String> TYPES = List.of(Network.TYPE, ZMachine.TYPE, ZMount.TYPE, PublicIp.TYPE,
            GatewayNameProxy.TYPE, GatewayFqdnProxy.TYPE);

    private record Signer(Mnemonic mnemonic, Ed25519KeyPair key) {
    }

    private record EnvelopeCase(Envelope envelope, Signer signer) {
    }

    private record TokenCase(long twin, String session, long iat, Signer signer, String token) {
    }

    private static final List<Deployment> DEPLOYMENTS = new ArrayList<>();
    private static final List<Deployment> SIGNED = new ArrayList<>();
    private static final Map<Long, Signer> TWINS = new HashMap<>();
    private static final List<EnvelopeCase> ENVELOPE_CASES = new ArrayList<>();
    private static final List<TokenCase> TOKEN_CASES = new ArrayList<>();
    private static JsonNode answer;

    @BeforeAll
    static void askTheOracle() throws Exception {
        ObjectNode cases = JSON.createObjectNode();
        ArrayNode deployments = cases.putArray("deployments");
        for (int i = 0; i < TYPES.size() * PER_TYPE + MIXED; i++) {
            List<String> types = new ArrayList<>();
            if (i < TYPES.size() * PER_TYPE) {
                types.add(TYPES.get(i / PER_TYPE));
            } else {
                for (int k = 2 + RANDOM.nextInt(5); k > 0; k--) {
                    types.add(TYPES.get(RANDOM.nextInt(TYPES.size())));
                }
            }
            Deployment d = deployment(types);
            // every requested twin signs here; grid_client signs as the deployment's twin
            Deployment signed = d;
            for (SignatureRequest r : d.signatureRequirement().requests()) {
                signed = signed.signed(r.twinId(), TWINS.get(r.twinId()).key());
            }
            DEPLOYMENTS.add(d);
            SIGNED.add(signed);
            ObjectNode c = deployments.addObject();
            c.set("json", JSON.readTree(ZosJson.write(d)));
            c.put("mnemonic", TWINS.get(d.twinId()).mnemonic().phrase());
            c.put("signer", d.twinId());
            c.put("ours", ownSignature(signed, d.twinId()));
        }
        ArrayNode envelopes = cases.putArray("envelopes");
        for (int i = 0; i < ENVELOPES; i++) {
            Signer signer = signer();
            Envelope e = envelope();
            ENVELOPE_CASES.add(new EnvelopeCase(e, signer));
            ObjectNode c = envelopes.addObject();
            c.put("mnemonic", signer.mnemonic().phrase());
            c.set("fields", fields(e));
            c.put("ours", "0x" + HEX.formatHex(e.signed(signer.key()).toBytes()));
        }
        ArrayNode tokens = cases.putArray("tokens");
        for (int i = 0; i < TOKENS; i++) {
            Signer signer = signer();
            long twin = 1 + RANDOM.nextInt(Integer.MAX_VALUE);
            String session = switch (i % 4) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> UUID.randomUUID().toString();
                default -> text(12);
            };
            long iat = 1_600_000_000L + RANDOM.nextInt(400_000_000);
            String token = RelayToken.create(twin, session, signer.key(), iat, RelayToken.DEFAULT_TTL_SECONDS);
            TOKEN_CASES.add(new TokenCase(twin, session, iat, signer, token));
            ObjectNode c = tokens.addObject();
            c.put("mnemonic", signer.mnemonic().phrase());
            c.put("twin", twin);
            if (session != null) {
                c.put("session", session);
            }
            c.put("nowMs", iat * 1000);
            c.put("ours", token);
        }
        answer = PolkadotOracle.run("zos-rmb-oracle.js", cases);
        assertThat(answer.at("/versions/gridClient").asText()).isEqualTo("2.9.2");
        assertThat(answer.at("/versions/rmbDirectClient").asText()).isEqualTo("2.9.2");
    }

    @Test
    void deploymentChallengesAndHashesAreGridClients() {
        int compared = 0;
        for (int i = 0; i < DEPLOYMENTS.size(); i++) {
            Deployment d = DEPLOYMENTS.get(i);
            JsonNode theirs = answer.get("deployments").get(i);
            String style = d.signatureRequirement().signatureStyle();
            // grid_client leaves the signature style out of the challenge; zos writes it last (empty by default)
            assertThat(d.challenge()).as("deployment %d", i).isEqualTo(theirs.get("challenge").asText() + style);
            if (style.isEmpty()) {
                assertThat(d.challengeHashHex()).as("deployment %d", i).isEqualTo(theirs.get("hash").asText());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(DEPLOYMENTS.size() * 3 / 4);
    }

    @Test
    void deploymentSignaturesVerifyBothWays() {
        for (int i = 0; i < DEPLOYMENTS.size(); i++) {
            Deployment d = DEPLOYMENTS.get(i);
            JsonNode theirs = answer.get("deployments").get(i);
            boolean defaultStyle = d.signatureRequirement().signatureStyle().isEmpty();
            // theirs signs the raw MD5 as zos's default style expects; ed25519 is deterministic, so the bytes match
            if (defaultStyle) {
                assertThat(theirs.get("oursValid").asBoolean()).as("deployment %d", i).isTrue();
                assertThat(theirs.get("signature").asText()).isEqualTo(ownSignature(SIGNED.get(i), d.twinId()));
                assertThat(theirs.get("signatureType").asText()).isEqualTo("ed25519");
                // their signature in place of ours: zos's check (every requested twin, weight) still passes
                Deployment withTheirs = replaceSignature(SIGNED.get(i), d.twinId(), theirs.get("signature").asText());
                withTheirs.verifySignatures(twin -> TWINS.get(twin).key().publicKey());
                // and the JSON round trip keeps it so
                ZosJson.readDeployment(ZosJson.write(withTheirs))
                        .verifySignatures(twin -> TWINS.get(twin).key().publicKey());
            }
            SIGNED.get(i).verifySignatures(twin -> TWINS.get(twin).key().publicKey());
        }
    }

    @Test
    void envelopeChallengesAndBytesAreRmbDirectClients() throws Exception {
        int identicalBytes = 0;
        for (int i = 0; i < ENVELOPE_CASES.size(); i++) {
            Envelope e = ENVELOPE_CASES.get(i).envelope();
            JsonNode theirs = answer.get("envelopes").get(i);
            assertThat("0x" + HEX.formatHex(e.challengeHash())).as("envelope %d", i)
                    .isEqualTo(theirs.get("challenge").asText());
            byte[] tsBytes = HEX.parseHex(theirs.get("bytes").asText().substring(2));
            // google-protobuf (protoc-gen-ts) writes the message oneof before field 9; protobuf-java writes by number
            boolean sameOrder = e.message() == null || e.message() instanceof Envelope.Request
                    || e.message() instanceof Envelope.Response;
            if (sameOrder) {
                assertThat(HEX.formatHex(e.toBytes())).as("envelope %d", i).isEqualTo(HEX.formatHex(tsBytes));
                identicalBytes++;
            }
            assertThat(Envelope.parse(tsBytes)).as("envelope %d", i).isEqualTo(e);
            // the TS side read our signed bytes as the fields we meant
            JsonNode decoded = theirs.get("decodedOurs");
            JsonNode expected = fields(e);
            assertThat(decoded.get("uid").asText()).isEqualTo(e.uid());
            assertThat(decoded.get("timestamp").asLong()).isEqualTo(e.timestamp());
            for (String side : List.of("source", "destination")) {
                assertThat(decoded.at("/" + side + "/twin").asLong()).isEqualTo(expected.at("/" + side + "/twin").asLong());
                assertThat(decoded.get(side).get("connection")).isEqualTo(expected.get(side).get("connection"));
            }
            assertThat(decoded.get("relays")).isEqualTo(expected.get("relays"));
        }
        assertThat(identicalBytes).isGreaterThan(ENVELOPES / 3);
    }

    @Test
    void envelopeSignaturesVerifyBothWays() {
        int verifiedThere = 0;
        for (int i = 0; i < ENVELOPE_CASES.size(); i++) {
            EnvelopeCase c = ENVELOPE_CASES.get(i);
            JsonNode theirs = answer.get("envelopes").get(i);
            // ClientEnvelope.verify forces schema "application/json" before hashing, so only such envelopes verify
            boolean json = Envelope.JSON.equals(c.envelope().schema());
            assertThat(theirs.get("oursValid").asBoolean()).as("envelope %d", i).isEqualTo(json);
            verifiedThere += json ? 1 : 0;
            Envelope signedThere = Envelope.parse(HEX.parseHex(theirs.get("signedByTs").asText().substring(2)));
            signedThere.verify(c.signer().key().publicKey());
            assertThat(signedThere.uid()).isEqualTo(c.envelope().uid());
            assertThat(signedThere.message()).isEqualTo(c.envelope().message());
            assertThat(signedThere.schema()).isEqualTo(Envelope.JSON);
            // tampered, it no longer verifies
            Envelope tampered = new Envelope(signedThere.uid() + "x", signedThere.tags(), signedThere.timestamp(),
                    signedThere.expiration(), signedThere.source(), signedThere.destination(), signedThere.message(),
                    signedThere.signature(), signedThere.schema(), signedThere.federation(), signedThere.payload(),
                    signedThere.relays());
            assertThat(tampered.verifies(c.signer().key().publicKey())).isFalse();
            if (json) {
                // deterministic ed25519 over the same challenge: the very same signature
                assertThat(signedThere.signature()).isEqualTo(c.envelope().signed(c.signer().key()).signature());
            }
        }
        assertThat(verifiedThere).isGreaterThan(ENVELOPES / 2);
    }

    @Test
    void relayTokensAreTheTsClients() throws Exception {
        for (int i = 0; i < TOKEN_CASES.size(); i++) {
            TokenCase c = TOKEN_CASES.get(i);
            JsonNode theirs = answer.get("tokens").get(i);
            assertThat(c.token()).as("token %d", i).isEqualTo(theirs.get("token").asText());
            assertThat(theirs.get("oursValid").asBoolean()).isTrue();
            assertThat(theirs.at("/oursHeader/alg").asText()).isEqualTo("RS512");
            assertThat(theirs.at("/oursClaims/sub").asLong()).isEqualTo(c.twin());
            RelayToken.Claims claims = RelayToken.verify(theirs.get("token").asText(), c.signer().key().publicKey(),
                    c.iat() + 10);
            assertThat(claims).isEqualTo(new RelayToken.Claims(c.twin(), c.session(), c.iat(),
                    c.iat() + RelayToken.DEFAULT_TTL_SECONDS));
        }
    }

    // --- generators (inputs grid_client's validators accept: it checks URLs, IPs, FQDNs and ranges)

    private static Signer signer() {
        Mnemonic m = Mnemonic.fromEntropy(bytes(16));
        return new Signer(m, Ed25519KeyPair.fromMnemonic(m));
    }

    private static long newTwin() {
        long twin;
        do {
            twin = 1 + (RANDOM.nextLong() & 0xFFFF_FFFFL) % 0xFFFF_FFFEL;
        } while (TWINS.containsKey(twin));
        TWINS.put(twin, signer());
        return twin;
    }

    private static Deployment deployment(List<String> types) {
        long twin = newTwin();
        long version = RANDOM.nextInt(4) == 0 ? 0 : RANDOM.nextInt(1000);
        List<SignatureRequest> requests = new ArrayList<>();
        requests.add(new SignatureRequest(twin, RANDOM.nextBoolean(), 1 + RANDOM.nextInt(5)));
        for (int k = RANDOM.nextInt(4) == 0 ? 1 + RANDOM.nextInt(2) : 0; k > 0; k--) {
            requests.add(new SignatureRequest(newTwin(), RANDOM.nextBoolean(), 1 + RANDOM.nextInt(5)));
        }
        long total = requests.stream().mapToLong(SignatureRequest::weight).sum();
        String style = RANDOM.nextInt(10) == 0 ? SignatureRequirement.STYLE_POLKA_WALLET : "";
        List<Workload> workloads = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String type : types) {
            String name;
            do {
                name = name(1 + RANDOM.nextInt(20));
            } while (!names.add(name) || name.equals("ygg"));
            workloads.add(new Workload(RANDOM.nextInt((int) version + 1), name, type, data(type), text(8), text(8),
                    null));
        }
        return new Deployment(version, twin, RANDOM.nextInt(3) == 0 ? RANDOM.nextInt(1_000_000) : 0, text(20),
                text(20), RANDOM.nextInt(4) == 0 ? RANDOM.nextInt(Integer.MAX_VALUE) : 0,
                new SignatureRequirement(requests, 1 + RANDOM.nextInt((int) total), List.of(), style), workloads);
    }

    private static WorkloadData data(String type) {
        switch (type) {
            case Network.TYPE: {
                int b = RANDOM.nextInt(256);
                List<Network.Peer> peers = new ArrayList<>();
                for (int k = RANDOM.nextInt(4); k > 0; k--) {
                    List<String> allowed = new ArrayList<>();
                    for (int j = 1 + RANDOM.nextInt(3); j > 0; j--) {
                        allowed.add(RANDOM.nextBoolean() ? "10." + b + "." + RANDOM.nextInt(256) + ".0/24"
                                : ipv6() + "/" + (48 + RANDOM.nextInt(81)));
                    }
                    peers.add(new Network.Peer("10." + b + "." + RANDOM.nextInt(256) + ".0/24", wgKey(), allowed,
                            RANDOM.nextBoolean() ? "" : ipv4() + ":" + (1 + RANDOM.nextInt(65535))));
                }
                Network.Mycelium mycelium = RANDOM.nextBoolean() ? null : new Network.Mycelium(
                        HEX.formatHex(bytes(32)), RANDOM.nextBoolean() ? List.of()
                        : List.of("tcp://" + ipv4() + ":9651", "quic://" + ipv4() + ":9651"));
                return new Network("10." + b + ".0.0/16", "10." + b + "." + RANDOM.nextInt(256) + ".0/24", wgKey(),
                        RANDOM.nextInt(65536), peers, mycelium);
            }
            case ZMachine.TYPE: {
                List<ZMachine.Interface> interfaces = List.of(new ZMachine.Interface(name(6),
                        RANDOM.nextInt(4) == 0 ? ipv6() : ipv4()));
                ZMachine.MyceliumIp mycelium = RANDOM.nextBoolean() ? null
                        : new ZMachine.MyceliumIp(name(5), HEX.formatHex(bytes(6)));
                List<ZMachine.Mount> mounts = new ArrayList<>();
                for (int k = RANDOM.nextInt(3); k > 0; k--) {
                    mounts.add(new ZMachine.Mount(name(6), "/data/" + name(4)));
                }
                Map<String, String> env = new LinkedHashMap<>();
                for (int k = RANDOM.nextInt(6); k > 0; k--) {
                    env.put(RANDOM.nextBoolean() ? name(5).toUpperCase() : text(4), text(10));
                }
                return new ZMachine("https://hub.grid.tf/" + label(6) + "/" + name(8) + ".flist",
                        new ZMachine.MachineNetwork(RANDOM.nextBoolean() ? "" : name(5), RANDOM.nextBoolean(),
                                mycelium, interfaces),
                        RANDOM.nextBoolean() ? 0 : (1L + RANDOM.nextInt(500)) << 30,
                        new ZMachine.ComputeCapacity(1 + RANDOM.nextInt(32), (256L + RANDOM.nextInt(8000)) << 20),
                        mounts, RANDOM.nextBoolean() ? "" : "/sbin/zinit init " + text(5), env, RANDOM.nextBoolean(),
                        RANDOM.nextInt(5) == 0 ? List.of("0000:28:00.0/1002/731f") : List.of());
            }
            case ZMount.TYPE:
                return new ZMount((100L << 20) + (RANDOM.nextLong() & 0x7FF_FFFF_FFFFL) % ((10L << 40) - (100L << 20)));
            case PublicIp.TYPE:
                return new PublicIp(RANDOM.nextBoolean(), RANDOM.nextBoolean());
            case GatewayNameProxy.TYPE:
                return new GatewayNameProxy(label(10), RANDOM.nextBoolean(), backends(),
                        RANDOM.nextBoolean() ? null : name(5));
            default:
                return new GatewayFqdnProxy(label(6) + "." + label(5) + ".com",
                        RANDOM.nextBoolean(), backends(), RANDOM.nextBoolean() ? null : name(5));
        }
    }

    private static List<String> backends() {
        List<String> backends = new ArrayList<>();
        for (int k = 1 + RANDOM.nextInt(3); k > 0; k--) {
            backends.add("http://" + ipv4() + (RANDOM.nextBoolean() ? "" : ":" + (1 + RANDOM.nextInt(65535))));
        }
        return backends;
    }

    private static Envelope envelope() {
        Envelope.Message message = switch (RANDOM.nextInt(6)) {
            case 0 -> new Envelope.Request(RANDOM.nextBoolean() ? "zos.deployment.get" : text(15));
            case 1 -> new Envelope.Response();
            case 2 -> new Envelope.ErrorReply(RANDOM.nextLong() & 0xFFFF_FFFFL, text(20));
            case 3 -> new Envelope.Ping();
            case 4 -> new Envelope.Pong();
            default -> null;
        };
        int p = RANDOM.nextInt(10);
        Envelope.Payload payload = p < 5 ? new Envelope.Plain(bytes(RANDOM.nextInt(200)))
                : p < 7 ? new Envelope.Cipher(bytes(12 + RANDOM.nextInt(100))) : null;
        int s = RANDOM.nextInt(10);
        List<String> relays = new ArrayList<>();
        for (int k = RANDOM.nextInt(3); k > 0; k--) {
            relays.add("relay." + label(5) + ".grid.tf");
        }
        return new Envelope(RANDOM.nextBoolean() ? UUID.randomUUID().toString() : text(10),
                RANDOM.nextInt(3) == 0 ? text(6) : null, RANDOM.nextLong() & 0xFF_FFFF_FFFFL,
                RANDOM.nextInt(100_000), address(), address(), message, null,
                s < 8 ? Envelope.JSON : s == 8 ? text(8) : null, RANDOM.nextInt(8) == 0 ? text(10) : null, payload,
                relays);
    }

    private static Address address() {
        return new Address(1 + (RANDOM.nextLong() & 0xFFFF_FFFFL) % 0xFFFF_FFFEL,
                RANDOM.nextBoolean() ? null : RANDOM.nextBoolean() ? "" : UUID.randomUUID().toString());
    }

    /** The envelope's fields as the oracle builds a google-protobuf Envelope from them. */
    private static ObjectNode fields(Envelope e) {
        ObjectNode f = JSON.createObjectNode();
        f.put("uid", e.uid());
        if (e.tags() != null) {
            f.put("tags", e.tags());
        }
        f.put("timestamp", e.timestamp());
        f.put("expiration", e.expiration());
        f.set("source", address(e.source()));
        f.set("destination", address(e.destination()));
        Envelope.Message m = e.message();
        if (m instanceof Envelope.Request r) {
            f.putObject("request").put("command", r.command());
        } else if (m instanceof Envelope.Response) {
            f.putObject("response");
        } else if (m instanceof Envelope.ErrorReply err) {
            f.putObject("error").put("code", err.code()).put("message", err.message());
        } else if (m instanceof Envelope.Ping) {
            f.putObject("ping");
        } else if (m instanceof Envelope.Pong) {
            f.putObject("pong");
        }
        if (e.schema() != null) {
            f.put("schema", e.schema());
        }
        if (e.federation() != null) {
            f.put("federation", e.federation());
        }
        if (e.payload() instanceof Envelope.Plain plain) {
            f.put("plain", "0x" + HEX.formatHex(plain.bytes()));
        } else if (e.payload() instanceof Envelope.Cipher cipher) {
            f.put("cipher", "0x" + HEX.formatHex(cipher.bytes()));
        }
        ArrayNode relays = f.putArray("relays");
        e.relays().forEach(relays::add);
        return f;
    }

    private static ObjectNode address(Address a) {
        ObjectNode n = JSON.createObjectNode().put("twin", a.twin());
        if (a.connection() != null) {
            n.put("connection", a.connection());
        }
        return n;
    }

    private static String ownSignature(Deployment signed, long twin) {
        return signed.signatureRequirement().signatures().stream().filter(s -> s.twinId() == twin)
                .map(Signature::signature).findFirst().orElseThrow();
    }

    private static Deployment replaceSignature(Deployment d, long twin, String signature) {
        List<Signature> signatures = new ArrayList<>();
        for (Signature s : d.signatureRequirement().signatures()) {
            signatures.add(s.twinId() == twin ? new Signature(twin, signature, s.signatureType()) : s);
        }
        SignatureRequirement r = d.signatureRequirement();
        return new Deployment(d.version(), d.twinId(), d.contractId(), d.metadata(), d.description(), d.expiration(),
                new SignatureRequirement(r.requests(), r.weightRequired(), signatures, r.signatureStyle()),
                d.workloads());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String name(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A DNS label: lower-case letters and digits. */
    private static String label(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** Text of every kind JSON and UTF-8 carry: ASCII, quotes and escapes, accents, CJK, emoji. */
    private static String text(int max) {
        String[] pieces = {"a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "é", "ß", "漢", "字", "😀", "🚀", "=", "$",
            "<", "&", "\u00a0", "\u2028"};
        StringBuilder s = new StringBuilder();
        for (int i = RANDOM.nextInt(max + 1); i > 0; i--) {
            s.append(pieces[RANDOM.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    private static String wgKey() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }

    private static String ipv4() {
        return (1 + RANDOM.nextInt(223)) + "." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "."
                + (1 + RANDOM.nextInt(254));
    }

    /** An IPv6 address in Java's long form (zeros not compressed); the records write Go's form of it. */
    private static String ipv6() {
        byte[] b = bytes(16);
        b[0] = (byte) 0xfd;
        for (int k = 2; k < 16; k += 2) {
            if (RANDOM.nextInt(3) == 0) {
                b[k] = 0;
                b[k + 1] = 0;
            }
        }
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
