package io.threebot.deployer.tfgrid.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.keys.Ss58;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of tfchain (a Substrate node) over JSON-RPC on a websocket: on {@link Builder#connect()} it reads the
 * runtime metadata, the runtime version, the genesis hash and the chain's name; then it reads storage into records
 * (accounts, twins, contracts and the indices that find them), tells an account's next nonce, and submits signed
 * extrinsics, waiting until they are in a block or finalized and reading the block's events for them.
 *
 * <p>Every call has a deadline. A malformed, oversized or hostile answer is a {@link ChainProtocolException}; a
 * node that does not answer in time a {@link ChainTimeoutException}. Reads that lose their connection are made
 * once more on a new one; an extrinsic is never submitted twice: when its fate cannot be learned the caller gets
 * an {@link ExtrinsicOutcomeUnknownException} with its hash. A failed extrinsic's module error becomes a typed
 * exception ({@link NotEnoughFundsException}, {@link TwinNotFoundException}, {@link NameTakenException},
 * {@link ContractNotFoundException}, {@link TermsNotAcceptedException}, {@link ContractNotUniqueException}, ...,
 * else {@link ChainModuleException}).
 *
 * <p>Thread-safe; one client per node, closed when done. The metadata is the one read on connecting: after a
 * runtime upgrade, connect a new client.
 */
public final class TfchainClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TfchainClient.class);
    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    /** How far an extrinsic goes before {@link #submit} returns. */
    public enum Inclusion {
        /** In a block of the best chain (it may still be retracted). */
        IN_BLOCK,
        /** In a finalized block. */
        FINALIZED
    }

    private final Builder settings;
    private final ChainConnections connections;
    private final RuntimeMetadata metadata;
    private final RuntimeVersion runtimeVersion;
    private final String genesisHash;
    private final String chain;
    private final TfgridCalls calls;
    private final ExtrinsicSubmission submission;

    private TfchainClient(Builder settings, ChainConnections connections) {
        this.settings = settings;
        this.connections = connections;
        this.metadata = readMetadata();
        this.runtimeVersion = readRuntimeVersion();
        this.genesisHash = hash(read("chain_getBlockHash", List.of(0)), "chain_getBlockHash(0)");
        this.chain = text(read("system_chain", List.of()), "system_chain");
        this.calls = new TfgridCalls(metadata);
        this.submission = new ExtrinsicSubmission(this, settings.submitTimeout, settings.mortalPeriod);
        LOG.info("connected to {} ({} {} spec {}, tx {})", connections.url(), chain, runtimeVersion.specName(),
                runtimeVersion.specVersion(), runtimeVersion.transactionVersion());
    }

    /** A builder for a client of the node at {@code url} ({@code ws://} or {@code wss://}). */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    // ---- what was read on connecting ----

    /** The runtime's metadata, read on connecting. */
    public RuntimeMetadata metadata() {
        return metadata;
    }

    /** The runtime's version, read on connecting. */
    public RuntimeVersion runtimeVersion() {
        return runtimeVersion;
    }

    /** The chain's genesis hash, {@code 0x} hex. */
    public String genesisHash() {
        return genesisHash;
    }

    /** The chain's name ({@code system_chain}), e.g. {@code "TFchain Mainnet"}. */
    public String chain() {
        return chain;
    }

    /** The tfgrid calls, encoded for this runtime. */
    public TfgridCalls calls() {
        return calls;
    }

    // ---- reads ----

    /**
     * The nonce the account's next extrinsic takes ({@code system_accountNextIndex}: the chain's, plus the
     * account's extrinsics waiting in the node's pool).
     *
     * @throws InvalidInputException when the address is not SS58
     */
    public long nonce(String address) {
        checkAddress(address, "address");
        JsonNode nonce = read("system_accountNextIndex", List.of(address));
        if (!nonce.canConvertToExactIntegral() || !nonce.canConvertToLong() || nonce.asLong() < 0) {
            throw new ChainProtocolException("the node's nonce for " + address + " is "
                    + JsonRpcConnection.abbreviate(nonce.toString()) + ", not a number");
        }
        return nonce.asLong();
    }

    /** The account's nonce and balances ({@code System.Account}); an unknown account has all zeros. */
    public AccountBalance account(String address) {
        byte[] account = checkAddress(address, "address");
        return ChainRecords.account(storage("System", "Account", account).orElseThrow());
    }

    /** The twin with this id ({@code TfgridModule.Twins}). */
    public Optional<Twin> twin(long twinId) {
        return storage("TfgridModule", "Twins", twinId).map(ChainRecords::twin);
    }

    /** The id of the account's twin ({@code TfgridModule.TwinIdByAccountID}). */
    public Optional<Long> twinIdOf(String address) {
        byte[] account = checkAddress(address, "address");
        return nonZero(storage("TfgridModule", "TwinIdByAccountID", account), "twin id");
    }

    /** The contract with this id ({@code SmartContractModule.Contracts}). */
    public Optional<Contract> contract(long contractId) {
        return storage("SmartContractModule", "Contracts", contractId).map(ChainRecords::contract);
    }

    /**
     * The id of the node contract for this node and deployment hash ({@code ContractIDByNodeIDAndHash}), as the
     * official clients find a contract they just made.
     *
     * @param deploymentHash the deployment's hash, the 32 hex characters the contract was made with
     */
    public Optional<Long> nodeContractId(long nodeId, String deploymentHash) {
        if (deploymentHash == null || deploymentHash.length() != 32) {
            throw new InvalidInputException("deploymentHash", "a deployment hash has 32 characters");
        }
        return nonZero(storage("SmartContractModule", "ContractIDByNodeIDAndHash", nodeId,
                deploymentHash.getBytes(StandardCharsets.US_ASCII)), "contract id");
    }

    /** The id of the name contract for this name ({@code ContractIDByNameRegistration}). */
    public Optional<Long> nameContractId(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("name", "a name is required");
        }
        return nonZero(storage("SmartContractModule", "ContractIDByNameRegistration",
                name.getBytes(StandardCharsets.UTF_8)), "contract id");
    }

    /** The pricing policy with this id ({@code TfgridModule.PricingPolicies}). */
    public Optional<PricingPolicy> pricingPolicy(long policyId) {
        return storage("TfgridModule", "PricingPolicies", policyId).map(ChainRecords::pricingPolicy);
    }

    /** The id of the newest pricing policy ({@code TfgridModule.PricingPolicyID}); policies are numbered from 1. */
    public long lastPricingPolicyId() {
        return storage("TfgridModule", "PricingPolicyID")
                .map(v -> DecodedValue.of(v, "PricingPolicyID value").longValue()).orElse(0L);
    }

    /**
     * The TFT price billing converts USD prices with, in thousandths of a USD: {@code TFTPriceModule}'s average price
     * kept between its minimum and maximum, as {@code pallet-smart-contract} takes it. Empty when the runtime has no
     * such pallet or no price yet.
     */
    public Optional<Long> tftPriceMusd() {
        try {
            metadata.storage("TFTPriceModule", "AverageTftPrice");
        } catch (MetadataException e) {
            return Optional.empty();
        }
        long average = priceItem("AverageTftPrice");
        long min = priceItem("MinTftPrice");
        long max = priceItem("MaxTftPrice");
        long price = Math.max(average, min);
        if (max > 0) {
            price = Math.min(price, max);
        }
        return price > 0 ? Optional.of(price) : Optional.empty();
    }

    private long priceItem(String item) {
        try {
            return storage("TFTPriceModule", item)
                    .map(v -> DecodedValue.of(v, "TFTPriceModule." + item + " value").longValue()).orElse(0L);
        } catch (MetadataException e) {
            return 0L;
        }
    }

    /** The ids of the node's active contracts ({@code ActiveNodeContracts}). */
    public List<Long> activeNodeContracts(long nodeId) {
        return storage("SmartContractModule", "ActiveNodeContracts", nodeId)
                .map(v -> DecodedValue.of(v, "ActiveNodeContracts value").list().stream()
                        .map(DecodedValue::longValue).toList())
                .orElse(List.of());
    }

    /**
     * A storage entry's value, decoded by its type in the metadata: empty when the node has none and the entry has
     * no default ({@code OptionQuery}); the default when it has one ({@code ValueQuery}).
     *
     * @throws MetadataException when the runtime has no such entry
     * @throws ScaleException    when a key does not fit its type
     * @throws ChainException    when the node cannot be read or its value is not of the entry's type
     */
    public Optional<Object> storage(String pallet, String item, Object... keys) {
        RuntimeMetadata.StorageEntry entry = metadata.storage(pallet, item);
        if (keys.length != entry.hashers().size()) {
            throw new InvalidInputException("keys", pallet + "." + item + " takes " + entry.hashers().size()
                    + " keys");
        }
        Optional<byte[]> value = rawStorage(metadata.storageKey(pallet, item, keys), null);
        if (value.isEmpty() && entry.optional()) {
            return Optional.empty();
        }
        byte[] bytes = value.orElse(entry.defaultValue());
        try {
            return Optional.of(metadata.decode(entry.valueType(), bytes));
        } catch (ScaleException | MetadataException e) {
            throw new ChainProtocolException("the node's value of " + pallet + "." + item + " is not a "
                    + "value of its type: " + e.getMessage(), e);
        }
    }

    /**
     * The raw value under a storage key ({@code state_getStorage}), at a block (its {@code 0x} hash) or, when
     * {@code blockHash} is null, at the best block.
     */
    public Optional<byte[]> rawStorage(byte[] key, String blockHash) {
        String keyHex = hex(key);
        JsonNode value = read("state_getStorage", blockHash == null ? List.of(keyHex) : List.of(keyHex, blockHash));
        if (value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(bytes(value, "state_getStorage"));
    }

    // ---- extrinsics ----

    /**
     * Signs the call with the signer's key (a mortal era unless the builder said otherwise), submits it with
     * {@code author_submitAndWatchExtrinsic}, waits until it is in a block (or finalized), then reads that block's
     * events for it. Extrinsics of one account submitted at once, from any number of threads, are given successive
     * nonces by one submitter per account and reach the node in nonce order; the node's count
     * ({@code system_accountNextIndex}) is read when the submitter starts, and again when the node refuses a nonce
     * or an extrinsic never makes it (a refused one is signed again with the new nonce, as it never entered the
     * pool). The deadline ({@link Builder#submitTimeout}) counts from the call, the wait for its turn included.
     *
     * @return the extrinsic's block, index and events, when it succeeded
     * @throws NotEnoughFundsException           when the account cannot pay (refused, or failed for lack of funds)
     * @throws ChainModuleException              when it failed with a module error (typed for well-known ones)
     * @throws ExtrinsicFailedException          when it failed with another dispatch error
     * @throws ExtrinsicRejectedException        when the node refused, dropped or invalidated it, or it was usurped
     * @throws ExtrinsicOutcomeUnknownException  when its fate could not be learned (it may have been included)
     * @throws ChainTimeoutException             when its turn did not come before the deadline (it was not sent)
     * @throws ChainException                    when the node could not be reached before anything was sent
     */
    public ExtrinsicResult submit(Call call, Ed25519KeyPair signer, Inclusion until) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(until, "until");
        return submission.submit(call, signer, until);
    }

    /**
     * {@link #submit(Call, Ed25519KeyPair, Inclusion)} signed by the builder's {@link Builder#signer signer}.
     *
     * @throws IllegalStateException when the builder was given no signer
     */
    public ExtrinsicResult submit(Call call, Inclusion until) {
        if (settings.signer == null) {
            throw new IllegalStateException("this tfchain client has no signer: give one to its builder or to submit");
        }
        return submit(call, settings.signer, until);
    }

    /** Closes the connection; calls waiting on it fail with {@link ChainConnectionException}. */
    @Override
    public void close() {
        submission.close();
        connections.close();
    }

    // ---- internals ----

    JsonNode read(String method, List<?> params) {
        return connections.read(method, params, settings.callTimeout);
    }

    ChainConnections connections() {
        return connections;
    }

    Duration callTimeout() {
        return settings.callTimeout;
    }

    private RuntimeMetadata readMetadata() {
        JsonNode blob = read("state_getMetadata", List.of());
        try {
            return RuntimeMetadata.parse(bytes(blob, "state_getMetadata"));
        } catch (MetadataException e) {
            throw new ChainProtocolException("the node's runtime metadata cannot be read: " + e.getMessage(), e);
        }
    }

    private RuntimeVersion readRuntimeVersion() {
        JsonNode version = read("state_getRuntimeVersion", List.of());
        JsonNode spec = version.path("specVersion");
        JsonNode tx = version.path("transactionVersion");
        if (!version.path("specName").isTextual() || !isU32(spec) || !isU32(tx)) {
            throw new ChainProtocolException("the node's runtime version is not one: "
                    + JsonRpcConnection.abbreviate(version.toString()));
        }
        return new RuntimeVersion(version.get("specName").asText(), spec.asLong(), tx.asLong());
    }

    private static boolean isU32(JsonNode number) {
        return number.canConvertToExactIntegral() && number.canConvertToLong() && number.asLong() >= 0
                && number.asLong() <= 0xFFFFFFFFL;
    }

    private static Optional<Long> nonZero(Optional<Object> value, String what) {
        return value.map(v -> DecodedValue.of(v, what).longValue()).filter(id -> id != 0);
    }

    private static byte[] checkAddress(String address, String field) {
        if (address == null || !Ss58.isValid(address)) {
            throw new InvalidInputException(field, "not an SS58 address");
        }
        return Ss58.decode(address);
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /** A {@code 0x} hex result as bytes. */
    static byte[] bytes(JsonNode value, String method) {
        String text = value.isTextual() ? value.asText() : "";
        if (!text.startsWith("0x") || text.length() % 2 != 0) {
            throw new ChainProtocolException("the node answered " + method + " with "
                    + JsonRpcConnection.abbreviate(value.toString()) + ", not 0x hex");
        }
        try {
            return HexFormat.of().parseHex(text, 2, text.length());
        } catch (IllegalArgumentException e) {
            throw new ChainProtocolException("the node answered " + method + " with bytes that are not hex", e);
        }
    }

    /** A {@code 0x} hash of 32 bytes. */
    static String hash(JsonNode value, String method) {
        if (!value.isTextual() || !HASH.matcher(value.asText()).matches()) {
            throw new ChainProtocolException("the node answered " + method + " with "
                    + JsonRpcConnection.abbreviate(value.toString()) + ", not a block hash");
        }
        return value.asText().toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(JsonNode value, String method) {
        if (!value.isTextual()) {
            throw new ChainProtocolException("the node answered " + method + " with "
                    + JsonRpcConnection.abbreviate(value.toString()) + ", not text");
        }
        return JsonRpcConnection.abbreviate(value.asText());
    }

    /** Where the node is and how long to wait for it. */
    public static final class Builder {
        private final URI url;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration submitTimeout = Duration.ofMinutes(3);
        private int maxMessageBytes = 32 << 20;
        private int mortalPeriod = 64;
        private Ed25519KeyPair signer;

        private Builder(String url) {
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, "url"));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("url", "not a URL: " + url);
            }
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidInputException("url", "a chain node's URL is ws:// or wss://, not " + url);
            }
            this.url = uri;
        }

        /** How long opening the websocket may take; 10 s unless set. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a call may wait for its answer (a read made again on a new connection included); 30 s unless set. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /** How long {@link TfchainClient#submit} waits for its extrinsic to be in a block or finalized; 3 min unless set. */
        public Builder submitTimeout(Duration timeout) {
            this.submitTimeout = positive(timeout, "submitTimeout");
            return this;
        }

        /**
         * The largest message accepted from the node, in characters (hex doubles bytes: tfchain's metadata is about a
         * megabyte of text); 32 MiB unless set. A larger one drops the connection.
         */
        public Builder maxMessageBytes(int max) {
            if (max < 1024) {
                throw new InvalidInputException("maxMessageBytes", "at least 1024");
            }
            this.maxMessageBytes = max;
            return this;
        }

        /**
         * For how many blocks an extrinsic stays valid (a power of two, 4 to 65536, from the best block), or 0 for
         * an immortal one; 64 unless set, as polkadot-js does.
         */
        public Builder mortalPeriod(int blocks) {
            if (blocks != 0 && (blocks < 4 || blocks > 65536)) {
                throw new InvalidInputException("mortalPeriod", "0, or 4 to 65536 blocks");
            }
            this.mortalPeriod = blocks;
            return this;
        }

        /** The key that signs {@link TfchainClient#submit(Call, Inclusion)}; none unless set. */
        public Builder signer(Ed25519KeyPair signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /**
         * Connects and reads the runtime metadata, the runtime version, the genesis hash and the chain's name.
         *
         * @throws ChainException when the node cannot be reached in time or answers something unusable
         */
        public TfchainClient connect() {
            ChainConnections connections = new ChainConnections(url, connectTimeout, maxMessageBytes);
            try {
                return new TfchainClient(this, connections);
            } catch (RuntimeException e) {
                connections.close();
                throw e;
            }
        }

        private static Duration positive(Duration timeout, String field) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException(field, field + " is a positive duration");
            }
            return timeout;
        }
    }
}
