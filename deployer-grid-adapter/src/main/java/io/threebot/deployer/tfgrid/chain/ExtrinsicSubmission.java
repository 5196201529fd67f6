package io.threebot.deployer.tfgrid.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submit-and-watch for {@link TfchainClient#submit}: the signer's account's {@link AccountSubmitter} gives the call
 * its nonce, signs it and hands it to the node once with {@code author_submitAndWatchExtrinsic}, in nonce order with
 * the account's other extrinsics; the caller then follows its status notifications ({@code future}, {@code ready},
 * {@code broadcast}, {@code inBlock}, {@code retracted}, {@code finalityTimeout}, {@code finalized},
 * {@code usurped}, {@code dropped}, {@code invalid}) until it is in a block (or finalized) within the deadline, then
 * finds it in its block and reads that block's {@code System.Events} for its index. Nothing here is ever sent twice:
 * anything that leaves its fate open is an {@link ExtrinsicOutcomeUnknownException}. An extrinsic the node holds as
 * {@code future}, or that never made it, tells its account's submitter, which fills or reuses the missing nonce.
 */
final class ExtrinsicSubmission implements AccountSubmitter.Node<ExtrinsicSubmission.Watch>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExtrinsicSubmission.class);
    private static final String SUBMIT = "author_submitAndWatchExtrinsic";
    private static final String UNWATCH = "author_unwatchExtrinsic";
    /** How long the best block an era is counted from is used before it is read again. */
    private static final long ERA_ANCHOR_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TfchainClient client;
    private final Duration submitTimeout;
    private final int mortalPeriod;
    private final AccountSubmitters<Watch> submitters;
    private final AtomicReference<EraAnchor> eraAnchor = new AtomicReference<>();

    ExtrinsicSubmission(TfchainClient client, Duration submitTimeout, int mortalPeriod) {
        this.client = client;
        this.submitTimeout = submitTimeout;
        this.mortalPeriod = mortalPeriod;
        Duration idle = submitTimeout.multipliedBy(2);
        this.submitters = new AccountSubmitters<>(this, idle.compareTo(Duration.ofMinutes(10)) > 0 ? idle
                : Duration.ofMinutes(10));
    }

    /** A submission the node took: the subscription following it, on its connection. */
    record Watch(JsonRpcConnection connection, JsonRpcConnection.Subscription subscription,
            AccountSubmitter.Signed signed) {
    }

    /** The best block mortal eras are counted from, and when it was read. */
    private record EraAnchor(long number, byte[] hash, long readAt) {
    }

    ExtrinsicResult submit(Call call, Ed25519KeyPair signer, TfchainClient.Inclusion until) {
        long deadline = System.nanoTime() + submitTimeout.toNanos();
        AccountSubmitter.Sent<Watch> sent = submitters.submit(call, signer, deadline);
        Watch watch = sent.submitted();
        String account = signer.address();
        try {
            String blockHash = follow(watch, account, until, deadline);
            return outcome(watch.signed(), blockHash, until == TfchainClient.Inclusion.FINALIZED);
        } catch (ExtrinsicRejectedException | ExtrinsicOutcomeUnknownException e) {
            submitters.lost(account);
            throw e;
        } finally {
            release(watch);
        }
    }

    /** The submitters of this client's signing accounts (tests). */
    AccountSubmitters<Watch> submitters() {
        return submitters;
    }

    @Override
    public void close() {
        submitters.close();
    }

    // ---- the node, as the account submitters see it ----

    @Override
    public long nextNonce(String account) {
        return client.nonce(account);
    }

    @Override
    public AccountSubmitter.Signed sign(Call call, Ed25519KeyPair signer, long nonce) {
        RuntimeVersion version = client.runtimeVersion();
        ExtrinsicBuilder builder = ExtrinsicBuilder.forRuntime(client.metadata()).call(call).nonce(nonce)
                .genesisHash(HexFormat.of().parseHex(client.genesisHash().substring(2)))
                .specVersion(version.specVersion()).transactionVersion(version.transactionVersion());
        if (mortalPeriod > 0) {
            EraAnchor anchor = eraAnchor();
            builder.era(Era.mortal(mortalPeriod, anchor.number())).blockHash(anchor.hash());
        }
        byte[] extrinsic = builder.sign(signer);
        return new AccountSubmitter.Signed(TfchainClient.hex(extrinsic),
                TfchainClient.hex(Hashing.blake2b256(extrinsic)), nonce);
    }

    /** The best block, read again when the one known is over a second old (many extrinsics share one read). */
    private EraAnchor eraAnchor() {
        EraAnchor known = eraAnchor.get();
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < ERA_ANCHOR_NANOS) {
            return known;
        }
        JsonNode header = client.read("chain_getHeader", List.of());
        long number = blockNumber(header.path("number"));
        String hash = TfchainClient.hash(client.read("chain_getBlockHash", List.of(number)), "chain_getBlockHash");
        EraAnchor fresh = new EraAnchor(number, HexFormat.of().parseHex(hash.substring(2)), now);
        eraAnchor.set(fresh);
        return fresh;
    }

    @Override
    public Watch submit(AccountSubmitter.Signed signed, long deadline) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (left.isZero()) {
            throw new ChainTimeoutException("the deadline passed before the extrinsic was sent; it was not sent");
        }
        Duration budget = left.compareTo(client.callTimeout()) < 0 ? left : client.callTimeout();
        JsonRpcConnection connection = client.connections().connection(budget);
        try {
            return new Watch(connection, connection.subscribe(SUBMIT, List.of(signed.hex()), budget), signed);
        } catch (ChainRpcException e) {
            ChainException refusal = refused(signed, e);
            if (refusal instanceof ExtrinsicRejectedException rejected && staleNonce(e)) {
                throw new AccountSubmitter.NonceRefusedException(rejected, (e.remoteMessage() + " " + e.data())
                        .toLowerCase(Locale.ROOT).contains("valid in the future"));
            }
            throw refusal;
        } catch (ChainException e) {
            throw unknown(signed, null, "the node did not confirm it took the extrinsic", e);
        }
    }

    @Override
    public void release(Watch watch) {
        watch.connection().unsubscribe(watch.subscription(), UNWATCH);
    }

    @Override
    public Call filler() {
        return client.metadata().call("System", "remark", (Object) new byte[0]);
    }

    /** Follows the status until the wanted inclusion; the block's hash. */
    private String follow(Watch watch, String account, TfchainClient.Inclusion until, long deadline) {
        AccountSubmitter.Signed signed = watch.signed();
        String inBlock = null;
        boolean waitingSaid = false;
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<JsonNode> update;
            try {
                update = left <= 0 ? Optional.empty() : watch.subscription().next(Duration.ofNanos(left));
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
                case "future" -> {
                    if (!waitingSaid) { // a nonce below this one never made it
                        waitingSaid = true;
                        submitters.waitingAt(account, signed.nonce());
                    }
                }
                case "ready", "broadcast" -> { }
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
    }

    private static String blockHash(AccountSubmitter.Signed signed, JsonNode status, String kind, String inBlock) {
        try {
            return TfchainClient.hash(status.path(kind), kind);
        } catch (ChainProtocolException e) {
            throw unknown(signed, inBlock, "the node's " + kind + " status names no block", e);
        }
    }

    /** Finds the extrinsic in its block and reads its events; success, or the typed failure. */
    private ExtrinsicResult outcome(AccountSubmitter.Signed signed, String blockHash, boolean finalized) {
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

    private int indexInBlock(AccountSubmitter.Signed signed, String blockHash) {
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

    private static ChainException refused(AccountSubmitter.Signed signed, ChainRpcException e) {
        String text = (e.remoteMessage() + " " + e.data()).toLowerCase(Locale.ROOT);
        if (text.contains("inability to pay") || text.contains("balance too low")) {
            return new NotEnoughFundsException("the account cannot pay the fees of the extrinsic: " + e.data(),
                    null, null);
        }
        return new ExtrinsicRejectedException(ExtrinsicRejectedException.Status.REFUSED, signed.hash(),
                "the node refused the extrinsic " + signed.hash() + ": " + e.getMessage(), e);
    }

    private static ExtrinsicOutcomeUnknownException unknown(AccountSubmitter.Signed signed, String blockHash, String why,
            Throwable cause) {
        return new ExtrinsicOutcomeUnknownException(signed.hash(), blockHash, why + " (extrinsic " + signed.hash()
                + (blockHash == null ? "" : ", block " + blockHash) + "); it is not submitted again", cause);
    }
}
