package io.threebot.deployer.tfgrid.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submit-and-watch for {@link TfchainClient#submit}: signs the call, hands it to the node once with
 * {@code author_submitAndWatchExtrinsic}, follows its status notifications ({@code future}, {@code ready},
 * {@code broadcast}, {@code inBlock}, {@code retracted}, {@code finalityTimeout}, {@code finalized},
 * {@code usurped}, {@code dropped}, {@code invalid}) until it is in a block (or finalized) within the deadline, then
 * finds it in its block and reads that block's {@code System.Events} for its index. Nothing here is ever sent twice:
 * anything that leaves its fate open is an {@link ExtrinsicOutcomeUnknownException}.
 *
 * <p>Nonces: the node's {@code system_accountNextIndex}, raised past the nonces this client gave the same account
 * and that may still be waiting, so two extrinsics submitted at once do not take the same one; an extrinsic that
 * does not succeed lets the node's count rule again.
 */
final class ExtrinsicSubmission {
    private static final Logger LOG = LoggerFactory.getLogger(ExtrinsicSubmission.class);
    private static final String SUBMIT = "author_submitAndWatchExtrinsic";
    private static final String UNWATCH = "author_unwatchExtrinsic";
    /** How often an extrinsic refused for a used nonce is signed again with a new one. */
    private static final int STALE_NONCE_ATTEMPTS = 10;

    private final TfchainClient client;
    private final Duration submitTimeout;
    private final int mortalPeriod;
    private final Map<String, Long> nextNonces = new ConcurrentHashMap<>();

    ExtrinsicSubmission(TfchainClient client, Duration submitTimeout, int mortalPeriod) {
        this.client = client;
        this.submitTimeout = submitTimeout;
        this.mortalPeriod = mortalPeriod;
    }

    private record Signed(String hex, String hash, String account) {
    }

    ExtrinsicResult submit(Call call, Ed25519KeyPair signer, TfchainClient.Inclusion until) {
        for (int attempt = 1; ; attempt++) {
            Signed signed = sign(call, signer);
            try {
                String blockHash = watch(signed, until);
                return outcome(signed, blockHash, until == TfchainClient.Inclusion.FINALIZED);
            } catch (StaleNonceException e) {
                // refused on submission, so never in the pool: signed again with the node's count, it is sent once.
                // A nonce used already leaves the nonces given since as they are (the next one is at least the
                // node's count): forgetting them made every extrinsic signed meanwhile from a count read before take
                // a used nonce again. A nonce ahead of the count (one before it was refused) lets the count rule.
                if (e.ahead() || attempt >= STALE_NONCE_ATTEMPTS) {
                    nextNonces.remove(signed.account());
                }
                if (attempt >= STALE_NONCE_ATTEMPTS) {
                    throw e.rejection();
                }
                LOG.debug("extrinsic {} had a nonce already used; signing it again", signed.hash());
            } catch (RuntimeException e) {
                nextNonces.remove(signed.account());
                throw e;
            }
        }
    }

    /**
     * The node refused an extrinsic on submission because its nonce was used already (by another extrinsic of the
     * same account signed at the same time, here or in another process): it never entered the pool.
     */
    private static final class StaleNonceException extends RuntimeException {
        private final ExtrinsicRejectedException rejection;
        private final boolean ahead;

        StaleNonceException(ExtrinsicRejectedException rejection, boolean ahead) {
            super(rejection.getMessage(), rejection, false, false);
            this.rejection = rejection;
            this.ahead = ahead;
        }

        /** Whether the nonce was ahead of the account's count rather than used already. */
        boolean ahead() {
            return ahead;
        }

        ExtrinsicRejectedException rejection() {
            return rejection;
        }
    }

    private Signed sign(Call call, Ed25519KeyPair signer) {
        String account = signer.address();
        long chainNonce = client.nonce(account);
        long[] nonce = new long[1];
        nextNonces.compute(account, (k, next) -> {
            nonce[0] = next == null ? chainNonce : Math.max(next, chainNonce);
            return nonce[0] + 1;
        });
        RuntimeVersion version = client.runtimeVersion();
        ExtrinsicBuilder builder = ExtrinsicBuilder.forRuntime(client.metadata()).call(call).nonce(nonce[0])
                .genesisHash(HexFormat.of().parseHex(client.genesisHash().substring(2)))
                .specVersion(version.specVersion()).transactionVersion(version.transactionVersion());
        try {
            if (mortalPeriod > 0) {
                JsonNode header = client.read("chain_getHeader", List.of());
                long number = blockNumber(header.path("number"));
                String hash = TfchainClient.hash(client.read("chain_getBlockHash", List.of(number)),
                        "chain_getBlockHash");
                builder.era(Era.mortal(mortalPeriod, number)).blockHash(HexFormat.of().parseHex(hash.substring(2)));
            }
            byte[] extrinsic = builder.sign(signer);
            return new Signed(TfchainClient.hex(extrinsic), TfchainClient.hex(Hashing.blake2b256(extrinsic)), account);
        } catch (RuntimeException e) {
            nextNonces.remove(account);
            throw e;
        }
    }

    /** Submits once and follows the status until the wanted inclusion; the block's hash. */
    private String watch(Signed signed, TfchainClient.Inclusion until) {
        long deadline = System.nanoTime() + submitTimeout.toNanos();
        JsonRpcConnection connection = client.connections().connection(client.callTimeout());
        JsonRpcConnection.Subscription subscription;
        try {
            subscription = connection.subscribe(SUBMIT, List.of(signed.hex()), client.callTimeout());
        } catch (ChainRpcException e) {
            ChainException refusal = refused(signed, e);
            if (refusal instanceof ExtrinsicRejectedException rejected && staleNonce(e)) {
                throw new StaleNonceException(rejected, (e.remoteMessage() + " " + e.data())
                        .toLowerCase(Locale.ROOT).contains("valid in the future"));
            }
            throw refusal;
        } catch (ChainException e) {
            throw unknown(signed, null, "the node did not confirm it took the extrinsic", e);
        }
        String inBlock = null;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Optional<JsonNode> update;
                try {
                    update = left <= 0 ? Optional.empty() : subscription.next(Duration.ofNanos(left));
                } catch (ChainException e) {
                    throw unknown(signed, inBlock, "lost the node while waiting for the extrinsic", e);
                }
                if (update.isEmpty()) {
                    throw unknown(signed, inBlock, "the extrinsic was not " + (until == TfchainClient.Inclusion
                            .IN_BLOCK ? "in a block" : "finalized") + " within " + submitTimeout, null);
                }
                JsonNode status = update.get();
                String kind = status.isTextual() ? status.asText()
                        : status.isObject() && status.size() == 1 ? status.fieldNames().next() : "";
                LOG.debug("extrinsic {}: {}", signed.hash(), kind);
                switch (kind) {
                    case "future", "ready", "broadcast" -> { }
                    case "inBlock" -> {
                        inBlock = blockHash(signed, status, kind, inBlock);
                        if (until == TfchainClient.Inclusion.IN_BLOCK) {
                            return inBlock;
                        }
                    }
                    case "retracted" -> inBlock = null;
                    case "finalized" -> {
                        return blockHash(signed, status, kind, inBlock);
                    }
                    case "finalityTimeout" -> throw unknown(signed, blockHash(signed, status, kind, inBlock),
                            "the extrinsic's block was not finalized in time", null);
                    case "usurped" -> throw new ExtrinsicRejectedException(ExtrinsicRejectedException.Status.USURPED,
                            signed.hash(), "another extrinsic with the same nonce was included instead of "
                            + signed.hash());
                    case "dropped" -> throw new ExtrinsicRejectedException(ExtrinsicRejectedException.Status.DROPPED,
                            signed.hash(), "the node dropped the extrinsic " + signed.hash() + " from its pool");
                    case "invalid" -> throw new ExtrinsicRejectedException(ExtrinsicRejectedException.Status.INVALID,
                            signed.hash(), "the node found the extrinsic " + signed.hash() + " invalid");
                    default -> throw unknown(signed, inBlock, "the node sent the status "
                            + JsonRpcConnection.abbreviate(status.toString()) + ", which this client does not know",
                            new ChainProtocolException("unknown extrinsic status"));
                }
            }
        } finally {
            connection.unsubscribe(subscription, UNWATCH);
        }
    }

    private static String blockHash(Signed signed, JsonNode status, String kind, String inBlock) {
        try {
            return TfchainClient.hash(status.path(kind), kind);
        } catch (ChainProtocolException e) {
            throw unknown(signed, inBlock, "the node's " + kind + " status names no block", e);
        }
    }

    /** Finds the extrinsic in its block and reads its events; success, or the typed failure. */
    private ExtrinsicResult outcome(Signed signed, String blockHash, boolean finalized) {
        int index;
        List<ChainRecords.BlockEvent> events;
        try {
            index = indexInBlock(signed, blockHash);
            RuntimeMetadata metadata = client.metadata();
            RuntimeMetadata.StorageEntry entry = metadata.storage("System", "Events");
            byte[] raw = client.rawStorage(metadata.storageKey("System", "Events"), blockHash)
                    .orElse(entry.defaultValue());
            try {
                events = ChainRecords.events(metadata.decode(entry.valueType(), raw));
            } catch (ScaleException | MetadataException e) {
                throw new ChainProtocolException("the block's System.Events cannot be decoded: " + e.getMessage(), e);
            }
        } catch (ChainException e) {
            throw unknown(signed, blockHash, "the extrinsic is in a block, but its events cannot be read", e);
        }
        List<ChainEvent> own = events.stream().filter(e -> e.extrinsic().isPresent()
                && e.extrinsic().getAsInt() == index).map(ChainRecords.BlockEvent::event).toList();
        for (ChainEvent event : own) {
            if (event.is("System", "ExtrinsicSuccess")) {
                return new ExtrinsicResult(signed.hash(), blockHash, index, finalized, own);
            }
            if (event.is("System", "ExtrinsicFailed")) {
                DispatchError error;
                try {
                    error = DispatchErrors.of(client.metadata(), event.data());
                } catch (ChainProtocolException e) {
                    throw unknown(signed, blockHash, "the extrinsic failed, with an error that cannot be read", e);
                }
                throw DispatchErrors.failure(error, blockHash);
            }
        }
        throw unknown(signed, blockHash, "the block has neither ExtrinsicSuccess nor ExtrinsicFailed for it",
                new ChainProtocolException("no outcome event"));
    }

    private int indexInBlock(Signed signed, String blockHash) {
        JsonNode extrinsics = client.read("chain_getBlock", List.of(blockHash)).path("block").path("extrinsics");
        if (!extrinsics.isArray()) {
            throw new ChainProtocolException("the node's block " + blockHash + " has no list of extrinsics");
        }
        for (int i = 0; i < extrinsics.size(); i++) {
            if (extrinsics.get(i).asText().toLowerCase(Locale.ROOT).equals(signed.hex())) {
                return i;
            }
        }
        throw new ChainProtocolException("the node said block " + blockHash + " holds the extrinsic, and it does not");
    }

    private static long blockNumber(JsonNode number) {
        String text = number.isTextual() ? number.asText() : "";
        if (number.canConvertToExactIntegral() && number.canConvertToLong() && number.asLong() >= 0) {
            return number.asLong();
        }
        if (text.startsWith("0x") && text.length() > 2 && text.length() <= 18) {
            try {
                long value = Long.parseUnsignedLong(text.substring(2), 16);
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
        }
        throw new ChainProtocolException("the node's best header has the block number "
                + JsonRpcConnection.abbreviate(number.toString()));
    }

    /**
     * Whether a refusal is about the nonce alone: used already (substrate's {@code Stale}, "Transaction is outdated";
     * a pool holding another extrinsic with it, "Priority is too low"), or ahead of the account's count after an
     * extrinsic signed before it was refused ("will be valid in the future", where a node refuses such at once).
     */
    private static boolean staleNonce(ChainRpcException e) {
        String text = (e.remoteMessage() + " " + e.data()).toLowerCase(Locale.ROOT);
        return text.contains("outdated") || text.contains("priority is too low")
                || text.contains("valid in the future");
    }

    private static ChainException refused(Signed signed, ChainRpcException e) {
        String text = (e.remoteMessage() + " " + e.data()).toLowerCase(Locale.ROOT);
        if (text.contains("inability to pay") || text.contains("balance too low")) {
            return new NotEnoughFundsException("the account cannot pay the fees of the extrinsic: " + e.data(),
                    null, null);
        }
        return new ExtrinsicRejectedException(ExtrinsicRejectedException.Status.REFUSED, signed.hash(),
                "the node refused the extrinsic " + signed.hash() + ": " + e.getMessage(), e);
    }

    private static ExtrinsicOutcomeUnknownException unknown(Signed signed, String blockHash, String why,
            Throwable cause) {
        return new ExtrinsicOutcomeUnknownException(signed.hash(), blockHash, why + " (extrinsic " + signed.hash()
                + (blockHash == null ? "" : ", block " + blockHash) + "); it is not submitted again", cause);
    }
}
