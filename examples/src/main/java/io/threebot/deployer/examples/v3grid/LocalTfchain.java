package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.examples.v3grid.InvalidTransactionException.Kind;
import io.threebot.deployer.tfgrid.chain.Hashing;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import io.threebot.deployer.tfgrid.chain.ScaleWriter;
import io.threebot.deployer.tfgrid.keys.Ss58;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local tfchain: a subset of ThreeFold's Substrate chain in this process, for tests and local grids. It makes a
 * block every {@link LocalTfchainConfig#blockInterval()} with the extrinsics submitted since (checked for
 * signature, era, nonce and fee as a node's pool checks them), runs the pallets' rules (terms and conditions before
 * a twin, one node contract per node and deployment hash, unique names, cancellation by the owner only) and bills
 * contracts on an accelerated clock with tfchain's grace period. Its state is served as SCALE storage under the
 * keys tfchain uses, so {@code @polkadot/api} reads it as it reads tfchain ({@link TfchainRpcServer}).
 *
 * <p>Other parts of a local grid read it through this class: twins, farms, nodes, contracts, balances and the
 * events of each block ({@link #addListener}). Thread-safe; the state changes only on the block producer's
 * thread, and readers see the last whole block.
 */
public final class LocalTfchain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTfchain.class);
    private static final int KEEP_BLOCKS = TfchainRuntime.BLOCK_HASH_COUNT;
    private static final int KEEP_STORAGE = 64;
    private static final int MAX_POOL = 4096;
    private static final HexFormat HEX = HexFormat.of();

    private record Head(Block block, NavigableMap<String, String> storage, ChainSnapshot snapshot) {
    }

    private record PendingDeposit(BlockAuthor.Deposit deposit, CompletableFuture<Block> included) {
    }

    private final LocalTfchainConfig config;
    private final TfchainRuntime runtime;
    private final Optional<ChainStore> store;
    private final BlockAuthor author;
    private final StorageRenderer renderer;
    private final ExtrinsicChecker checker;
    private final String genesisHash;
    private final ConcurrentSkipListMap<Long, Block> blocks = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Block> blocksByHash = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NavigableMap<String, String>> storageByHash = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<ChainListener> listeners = new CopyOnWriteArrayList<>();
    private final Object poolLock = new Object();
    private final List<SignedExtrinsic> pool = new ArrayList<>();
    /** Extrinsics taken from the pool into the block being made; they count for nonces until it is the head. */
    private final List<SignedExtrinsic> building = new ArrayList<>();
    private final List<PendingDeposit> deposits = new ArrayList<>();
    private final ScheduledExecutorService producer;
    private ChainState state; // the producer's
    private volatile Head head;

    private LocalTfchain(LocalTfchainConfig config) {
        this.config = config;
        this.runtime = TfchainRuntime.create(Math.max(1, config.blockInterval().toMillis() / 2));
        this.store = config.dataDirectory().map(ChainStore::new);
        this.author = new BlockAuthor(runtime, config);
        this.renderer = new StorageRenderer(runtime.metadata(), SampleChainTopology.foundationAccount(),
                config.billingFrequency());
        Optional<ChainStore.Saved> saved = store.flatMap(ChainStore::load);
        if (saved.isPresent()) {
            genesisHash = saved.get().genesisHash();
            state = ChainState.of(saved.get().state());
            saved.get().blocks().forEach(this::remember);
            Block last = blocks.lastEntry().getValue();
            NavigableMap<String, String> storage = render(state.snapshot(), last, HEX.parseHex(last.eventsHex()));
            publish(last, storage);
            LOG.info("local tfchain resumed at block {} from {}", last.number(), config.dataDirectory().get());
        } else {
            Block genesis = genesis();
            genesisHash = genesis.hash();
            save();
        }
        this.checker = new ExtrinsicChecker(runtime, HEX.parseHex(genesisHash.substring(2)));
        this.producer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-tfchain-blocks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a chain: resumes from the data directory when it holds one, or makes a genesis block with the sample
     * topology, and starts making blocks.
     */
    public static LocalTfchain start(LocalTfchainConfig config) {
        LocalTfchain chain = new LocalTfchain(config);
        long interval = config.blockInterval().toMillis();
        chain.producer.scheduleWithFixedDelay(chain::produceSafely, interval, interval, TimeUnit.MILLISECONDS);
        return chain;
    }

    private Block genesis() {
        state = new ChainState();
        long timestamp = System.currentTimeMillis() / 1000 * 1000;
        BlockContext ctx = new BlockContext(runtime.metadata(), state, config, 0, timestamp / 1000);
        SampleChainTopology.install(ctx);
        byte[] events = BlockAuthor.encodeEvents(runtime.metadata(), List.of());
        String zero = "0x" + "00".repeat(32);
        Block provisional = new Block(0, zero, zero, "", List.of(), timestamp, HEX.formatHex(events), List.of());
        NavigableMap<String, String> storage = render(state.snapshot(), provisional, events);
        byte[] header = new ScaleWriter().raw(new byte[32]).compact(0).raw(root(storage))
                .raw(Hashing.blake2b256(new byte[0])).compact(0).toByteArray();
        String hash = "0x" + HEX.formatHex(Hashing.blake2b256(header));
        Block genesis = new Block(0, hash, zero, HEX.formatHex(header), List.of(), timestamp,
                HEX.formatHex(events), List.of());
        remember(genesis);
        publish(genesis, render(state.snapshot(), genesis, events));
        return genesis;
    }

    private NavigableMap<String, String> render(ChainSnapshot snapshot, Block block, byte[] events) {
        Map<Long, String> recent = new TreeMap<>();
        blocks.headMap(block.number()).descendingMap().entrySet().stream().limit(256)
                .forEach(e -> recent.put(e.getKey(), e.getValue().hash()));
        if (!blocks.isEmpty()) {
            recent.put(0L, blocks.firstEntry().getValue().hash());
        }
        return renderer.render(snapshot, block.number(), block.parentHash(), block.timestamp(), events, recent);
    }

    private static byte[] root(NavigableMap<String, String> storage) {
        StringBuilder all = new StringBuilder();
        storage.forEach((k, v) -> all.append(k).append('=').append(v).append(';'));
        return Hashing.blake2b256(all.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void remember(Block block) {
        blocks.put(block.number(), block);
        blocksByHash.put(block.hash(), block);
        while (blocks.size() > KEEP_BLOCKS + 1) {
            Map.Entry<Long, Block> oldest = blocks.higherEntry(blocks.firstKey()); // genesis stays
            blocks.remove(oldest.getKey());
            blocksByHash.remove(oldest.getValue().hash());
        }
    }

    private void publish(Block block, NavigableMap<String, String> storage) {
        storageByHash.put(block.hash(), storage);
        blocks.headMap(block.number() - KEEP_STORAGE).values()
                .forEach(old -> storageByHash.remove(old.hash()));
        Head next = new Head(block, storage, state.snapshot());
        synchronized (poolLock) { // the new nonces and the end of the block's extrinsics are seen together
            head = next;
            building.clear();
        }
    }

    private void produceSafely() {
        try {
            produceBlock();
        } catch (RuntimeException e) {
            LOG.error("the local tfchain could not make a block", e);
        }
    }

    /** Makes the next block now (the producer does so on its own; tests may call this from its thread only). */
    private void produceBlock() {
        List<SignedExtrinsic> extrinsics;
        List<PendingDeposit> funding;
        synchronized (poolLock) {
            extrinsics = new ArrayList<>(pool);
            funding = new ArrayList<>(deposits);
            building.addAll(pool);
            pool.clear();
            deposits.clear();
        }
        Block parent = head.block();
        BlockAuthor.Built built = author.build(state, parent,
                funding.stream().map(PendingDeposit::deposit).toList(), extrinsics,
                (snapshot, number, parentHash, timestamp, events) -> {
                    Block provisional = new Block(number, parentHash, parentHash, "", List.of(), timestamp,
                            HEX.formatHex(events), List.of());
                    return root(render(snapshot, provisional, events));
                });
        Block block = built.block();
        remember(block);
        NavigableMap<String, String> storage = render(state.snapshot(), block, built.eventsBytes());
        publish(block, storage);
        save();
        funding.forEach(p -> p.included().complete(block));
        if (!built.dropped().isEmpty()) {
            LOG.info("dropped {} extrinsics whose nonce or fee no longer held", built.dropped().size());
        }
        for (ChainListener listener : listeners) {
            try {
                listener.onBlock(block);
            } catch (RuntimeException e) {
                LOG.warn("a chain listener failed", e);
            }
        }
    }

    private void save() {
        if (store.isPresent()) {
            List<Block> kept = blocks.values().stream().map(b -> new Block(b.number(), b.hash(), b.parentHash(),
                    b.header(), b.extrinsics(), b.timestamp(), b.eventsHex(), List.of())).toList();
            store.get().save(new ChainStore.Saved(genesisHash, state.snapshot(), kept));
        }
    }

    // ---- reading ----

    /** The genesis hash, 0x-prefixed hex. */
    public String genesisHash() {
        return genesisHash;
    }

    /** The latest block (also the finalized one: blocks are final at once). */
    public Block head() {
        return head.block();
    }

    /** A recent block by hash. */
    public Optional<Block> block(String hash) {
        return Optional.ofNullable(blocksByHash.get(hash.toLowerCase(java.util.Locale.ROOT)));
    }

    /** A recent block's hash by number. */
    public Optional<String> blockHash(long number) {
        return Optional.ofNullable(blocks.get(number)).map(Block::hash);
    }

    /**
     * The storage at a block (the head when none is given): keys and values in hex without 0x; empty when the
     * block's state is no longer kept.
     */
    public Optional<NavigableMap<String, String>> storage(Optional<String> at) {
        if (at.isEmpty()) {
            return Optional.of(head.storage());
        }
        return Optional.ofNullable(storageByHash.get(at.get().toLowerCase(java.util.Locale.ROOT)));
    }

    /** The runtime metadata blob ({@code state_getMetadata}). */
    public byte[] metadataBlob() {
        return runtime.blob();
    }

    /** The runtime metadata. */
    public RuntimeMetadata metadata() {
        return runtime.metadata();
    }

    /** The configuration it runs with. */
    public LocalTfchainConfig config() {
        return config;
    }

    /** The whole state at the head. */
    public ChainSnapshot snapshot() {
        return head.snapshot();
    }

    /** An account's balance and nonce, by SS58 address. */
    public Account balance(String address) {
        return head.snapshot().accounts().getOrDefault(accountHex(address), Account.EMPTY);
    }

    /** Every twin, by id. */
    public List<Twin> twins() {
        return List.copyOf(new TreeMap<>(head.snapshot().twins()).values());
    }

    /** The twin of an account, by SS58 address. */
    public Optional<Twin> twinOf(String address) {
        String hex = accountHex(address);
        return twins().stream().filter(t -> t.account().equals(hex)).findFirst();
    }

    /** Every farm, by id. */
    public List<Farm> farms() {
        return List.copyOf(new TreeMap<>(head.snapshot().farms()).values());
    }

    /** Every node, by id. */
    public List<Node> nodes() {
        return List.copyOf(new TreeMap<>(head.snapshot().nodes()).values());
    }

    /** Every live contract, by id. */
    public List<Contract> contracts() {
        return List.copyOf(new TreeMap<>(head.snapshot().contracts()).values());
    }

    /** Registers a listener for new blocks. */
    public void addListener(ChainListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(ChainListener listener) {
        listeners.remove(listener);
    }

    // ---- writing ----

    /**
     * Checks an extrinsic and puts it in the pool for the next block.
     *
     * @return its hash, 0x-prefixed hex
     * @throws InvalidTransactionException when it is refused
     */
    public String submit(byte[] extrinsic) {
        long next = head.block().number() + 1;
        SignedExtrinsic checked = checker.check(extrinsic, next, n -> Optional.ofNullable(blocks.get(n))
                .map(b -> HEX.parseHex(b.hash().substring(2))));
        synchronized (poolLock) {
            Account account = head.snapshot().accounts().getOrDefault(checked.signer(), Account.EMPTY);
            if (pool.stream().anyMatch(p -> p.hash().equals(checked.hash()))) {
                throw new InvalidTransactionException(Kind.ALREADY_IMPORTED, "");
            }
            List<SignedExtrinsic> mine = java.util.stream.Stream.concat(building.stream(), pool.stream())
                    .filter(p -> p.signer().equals(checked.signer())).toList();
            long expected = account.nonce() + mine.size();
            if (checked.nonce() < expected) {
                throw new InvalidTransactionException(Kind.STALE, "nonce " + checked.nonce() + ", next is "
                        + expected);
            }
            if (checked.nonce() > expected) {
                throw new InvalidTransactionException(Kind.FUTURE, "nonce " + checked.nonce() + ", next is "
                        + expected);
            }
            BigInteger pending = mine.stream().map(SignedExtrinsic::fee).reduce(BigInteger.ZERO, BigInteger::add);
            if (account.usable().compareTo(pending.add(checked.fee())) < 0) {
                throw new InvalidTransactionException(Kind.PAYMENT, "");
            }
            if (pool.size() >= MAX_POOL) {
                throw new InvalidTransactionException(Kind.FUTURE, "the pool is full");
            }
            pool.add(checked);
        }
        return checked.hash();
    }

    /** The next nonce of an account: its nonce on chain plus its extrinsics waiting in the pool. */
    public long nextNonce(String address) {
        String hex = accountHex(address);
        synchronized (poolLock) {
            long onChain = head.snapshot().accounts().getOrDefault(hex, Account.EMPTY).nonce();
            return onChain + java.util.stream.Stream.concat(building.stream(), pool.stream())
                    .filter(p -> p.signer().equals(hex)).count();
        }
    }

    /**
     * Deposits TFT into an account in the next block, as the activation service does; the future completes with
     * that block.
     *
     * @throws InvalidInputException when the address is not SS58 or the amount is not positive
     */
    public CompletableFuture<Block> fund(String address, BigInteger amount) {
        if (amount.signum() <= 0) {
            throw new InvalidInputException("amount", "an amount to deposit is positive");
        }
        CompletableFuture<Block> included = new CompletableFuture<>();
        synchronized (poolLock) {
            deposits.add(new PendingDeposit(new BlockAuthor.Deposit(accountHex(address), amount), included));
        }
        return included;
    }

    /** Waits until a block of at least this number exists, and returns the head. */
    public Block awaitBlock(long number, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (head.block().number() < number) {
            if (System.nanoTime() > deadline) {
                throw new io.threebot.deployer.errors.DeployerException("block " + number + " was not made within "
                        + timeout + "; the head is " + head.block().number());
            }
            Thread.sleep(Math.max(5, config.blockInterval().toMillis() / 4));
        }
        return head.block();
    }

    static String accountHex(String address) {
        return HEX.formatHex(Ss58.decode(address));
    }

    /** Stops making blocks; the data directory keeps the last one. */
    @Override
    public void close() {
        producer.shutdown(); // not shutdownNow: interrupting a block being saved would lose it
        try {
            producer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
