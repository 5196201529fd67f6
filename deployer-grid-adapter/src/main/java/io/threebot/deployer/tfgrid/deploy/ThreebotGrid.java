package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.tfgrid.TfgridSettings;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.ChainTwinKeys;
import io.threebot.deployer.tfgrid.chain.AccountBalance;
import io.threebot.deployer.tfgrid.chain.ExtrinsicOutcomeUnknownException;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.chain.TfchainClient.Inclusion;
import io.threebot.deployer.tfgrid.chain.Twin;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.rmb.E2eKey;
import io.threebot.deployer.tfgrid.rmb.RmbClient;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the v3 engine: one per grid and operator. It gives each 3Bot its own twin
 * ({@link #twin(byte[])}), funds it from the operator's account ({@link #fund}), tells how long its funds last
 * ({@link #funding}) and chooses where it goes ({@link #place}); the 3Bot's {@link BotTwin} deploys and runs it.
 *
 * <pre>{@code
 * try (ThreebotGrid grid = ThreebotGrid.builder().substrate(substrateUrl).relay(relayUrl)
 *         .gridProxy(GridProxyClient.builder().baseUrl(proxyUrl).build()).operator(operatorKey).build()) {
 *     grid.fund(ThreebotGrid.address(seed), paid);
 *     try (BotTwin twin = grid.twin(seed)) {
 *         Placement at = grid.place(twin.twinId(), size, new PlacementPolicy.Continent("Europe"));
 *         DeploymentPlan plan = twin.plan("mybot", size, at, env);   // persist it
 *         DeployedBot bot = twin.deploy(plan, entry -> store(entry)); // https://mybot.<domain>
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe; it holds one chain connection, shared by every twin it makes, which signs each extrinsic with the
 * key it names. Closing it closes that connection (twins made from it then fail).
 */
public final class ThreebotGrid implements AutoCloseable {
    /** The flist a 3Bot VM boots unless the builder names another. */
    public static final String DEFAULT_FLIST =
            "https://hub.grid.tf/ahmed_hanafy_1/ahmedhanafy725-js-sdk-latest_trc.flist";
    private static final Logger LOG = LoggerFactory.getLogger(ThreebotGrid.class);
    private static final String TERMS_LINK = "https://library.threefold.me/info/legal/#/";
    private static final String TERMS_HASH = "2612b39e1de5d0b8b95c8e9c87d6c8b3";

    private final GridContext context;
    private final Ed25519KeyPair operator;
    private final Placer placer;
    private final FundingReader funding;
    /** Peer twins' keys, read once for every 3Bot twin's RMB client (a node's twin serves many deploys). */
    private final ChainTwinKeys twinKeys;

    private ThreebotGrid(GridContext context, Ed25519KeyPair operator, Duration placementHold) {
        this.context = context;
        this.twinKeys = new ChainTwinKeys(context.chain(), Duration.ofMinutes(5));
        this.operator = operator;
        this.placer = new Placer(context.proxy(), new NodeReservations(placementHold, System::nanoTime,
                new SecureRandom()));
        this.funding = new FundingReader(context.chain(), context.proxy());
    }

    /** A builder: substrate, relay, gridproxy and the operator's key are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The account (SS58) of the twin a 32-byte seed gives, to fund before {@link #twin(byte[])}. */
    public static String address(byte[] seed) {
        return Ed25519KeyPair.fromSeed(seed).address();
    }

    /**
     * Transfers exactly {@code amount} from the operator's account to {@code address} ({@code balances.transfer},
     * signed by the operator), never more and never twice: when the chain's answer is lost, the balance is read and
     * the transfer counts as made only when it rose by the amount.
     *
     * @param amount 10^-7 TFT, positive
     * @return the address's balance after it
     * @throws io.threebot.deployer.tfgrid.chain.NotEnoughFundsException when the operator cannot pay it
     * @throws TransferOutcomeUnknownException                           when its fate cannot be learned
     */
    public AccountBalance fund(String address, BigInteger amount) {
        Objects.requireNonNull(address, "address");
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidInputException("amount", "a transfer is of a positive amount");
        }
        TfchainClient chain = context.chain();
        BigInteger before = chain.account(address).free();
        try {
            chain.submit(chain.calls().transfer(address, amount), operator, Inclusion.IN_BLOCK);
        } catch (ExtrinsicOutcomeUnknownException e) {
            AccountBalance after = chain.account(address);
            if (after.free().subtract(before).compareTo(amount) < 0) {
                throw new TransferOutcomeUnknownException(address, amount, e);
            }
            LOG.info("a transfer of {} to {} was seen in its balance after its answer was lost", amount, address);
            return after;
        }
        return chain.account(address);
    }

    /** What a reclaim leaves in the account to pay the transfer's fee (0.01 TFT, ten times tfchain's fee). */
    public static final BigInteger RECLAIM_RESERVE = BigInteger.valueOf(100_000);

    /**
     * Sends what a 3Bot's account can spend back to the operator ({@code balances.transfer}, signed by the 3Bot's
     * key), less {@link #RECLAIM_RESERVE} for the fee: the capacity money of a 3Bot whose deploy was undone. Sent
     * once; a lost answer is settled by the account's balance.
     *
     * @param seed the 3Bot's 32-byte seed
     * @return what was sent; zero when the account holds no more than the reserve
     * @throws TransferOutcomeUnknownException when its fate cannot be learned
     */
    public BigInteger reclaim(byte[] seed) {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
        TfchainClient chain = context.chain();
        BigInteger before = chain.account(key.address()).spendable();
        BigInteger amount = before.subtract(RECLAIM_RESERVE);
        if (amount.signum() <= 0) {
            return BigInteger.ZERO;
        }
        try {
            chain.submit(chain.calls().transfer(operator.address(), amount), key, Inclusion.IN_BLOCK);
        } catch (ExtrinsicOutcomeUnknownException e) {
            if (chain.account(key.address()).spendable().compareTo(before.subtract(amount)) > 0) {
                throw new TransferOutcomeUnknownException(operator.address(), amount, e);
            }
        }
        LOG.info("sent {} of {}'s balance back to the operator", amount, key.address());
        return amount;
    }

    /**
     * The 3Bot's twin from its 32-byte seed (derived by the caller from the 3Bot's recovery password): when the
     * account has no twin yet, it accepts the terms and creates one with the relay and its end-to-end key; when it
     * has one, it is used (its relay and key set again when they differ). The account must hold funds for the fees.
     *
     * @throws io.threebot.deployer.tfgrid.chain.NotEnoughFundsException when the account cannot pay the fees
     * @throws DeployerException                                         when the chain fails or does not answer
     */
    public BotTwin twin(byte[] seed) {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
        TfchainClient chain = context.chain();
        String relay = context.relay().getAuthority();
        byte[] e2e = E2eKey.of(key).publicKey();
        Optional<Long> existing = chain.twinIdOf(key.address());
        long twinId;
        if (existing.isPresent()) {
            twinId = existing.get();
            Twin twin = chain.twin(twinId).orElseThrow(() -> new DeployerException("twin " + twinId + " vanished"));
            String pk = "0x" + HexFormat.of().formatHex(e2e);
            if (!twin.relay().equals(Optional.of(relay)) || !twin.publicKey().map(String::toLowerCase)
                    .equals(Optional.of(pk))) {
                chain.submit(chain.calls().updateTwin(relay, e2e), key, Inclusion.IN_BLOCK);
            }
        } else {
            chain.submit(chain.calls().acceptTermsAndConditions(TERMS_LINK, TERMS_HASH), key, Inclusion.IN_BLOCK);
            try {
                chain.submit(chain.calls().createTwin(relay, e2e), key, Inclusion.IN_BLOCK);
            } catch (ExtrinsicOutcomeUnknownException e) {
                if (chain.twinIdOf(key.address()).isEmpty()) {
                    throw e;
                }
            }
            twinId = chain.twinIdOf(key.address())
                    .orElseThrow(() -> new DeployerException("the chain made no twin for " + key.address()));
            LOG.info("created twin {} for {}", twinId, key.address());
        }
        RmbClient rmb = RmbClient.builder().relay(context.relay()).twin(twinId).key(key)
                .twinKeys(twinKeys).build();
        return new BotTwin(context, key, twinId, rmb);
    }

    /** How long the twin's balance pays for its contracts. */
    public Funding funding(BotTwin twin) {
        return funding.funding(twin.address(), twin.twinId());
    }

    /**
     * How long an account's balance pays for its twin's contracts, read without the twin's keys (for listings); an
     * account without a twin has no contracts: its balance, and no cost.
     */
    public Funding funding(String address) {
        Objects.requireNonNull(address, "address");
        Optional<Long> twinId = context.chain().twinIdOf(address);
        if (twinId.isEmpty()) {
            return new Funding(context.chain().account(address).spendable(), Optional.empty(), Optional.empty());
        }
        return funding.funding(address, twinId.get());
    }

    /**
     * The chain connection this grid holds, for reads (balances, contracts, pricing) by code built on it. It stays
     * the grid's: closing the grid closes it; do not close it yourself.
     */
    public TfchainClient chain() {
        return context.chain();
    }

    /**
     * Where a 3Bot of this size goes under the policy: a node with room for it and a gateway near it. The node is
     * chosen at random among those that fit once what this grid placed lately (and gridproxy may not count yet) is
     * taken away from their free resources, and the size is then held on it for a while ({@link Builder#placementHold}):
     * deploys placed at once spread over the nodes that fit instead of all taking the one with the most room.
     *
     * @throws NoCapacityException when no node fits, or no gateway is up
     */
    public Placement place(long twinId, BotSize size, PlacementPolicy policy) {
        return placer.place(twinId, Objects.requireNonNull(size, "size"), Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Another node for a placement's VM, chosen as {@link #place} chooses, under the policy and never the placement's
     * own node nor one of {@code excluded}; the gateway (and so the 3Bot's address) stays.
     *
     * @throws NoCapacityException when no other node fits
     */
    public Placement placeElsewhere(long twinId, BotSize size, PlacementPolicy policy, Placement from,
            Set<Long> excluded) {
        return placer.placeElsewhere(twinId, Objects.requireNonNull(size, "size"),
                Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(from, "from"), Set.copyOf(excluded));
    }

    /**
     * Tells the placement that a node refused a VM of this size for lack of capacity: what was held there for it is
     * let go, and the node is not chosen for a VM as large or larger for a while.
     */
    public void refusedForCapacity(long nodeId, BotSize size) {
        placer.refused(nodeId, Objects.requireNonNull(size, "size"));
    }

    /** Closes the chain connection. */
    @Override
    public void close() {
        context.chain().close();
    }

    /** Configures a {@link ThreebotGrid}. */
    public static final class Builder {
        private URI substrate;
        private URI relay;
        private GridProxyClient proxy;
        private Ed25519KeyPair operator;
        private String flist = DEFAULT_FLIST;
        private Duration callDeadline = Duration.ofSeconds(20);
        private Duration submitDeadline = Duration.ofSeconds(60);
        private Duration readyDeadline = Duration.ofMinutes(4);
        private Duration pollInterval = Duration.ofSeconds(3);
        private Duration placementHold = NodeReservations.DEFAULT_HOLD;

        private Builder() {
        }

        /**
         * Everything a network's settings say: its first tfchain and relay endpoints, its gridproxy, the operator's
         * key and the deadlines (an RMB call, an extrinsic's inclusion, the changes' polling and deadline). Parts set
         * after this replace what it set.
         */
        public Builder settings(TfgridSettings settings) {
            this.substrate = settings.substrateUrls().get(0);
            this.relay = settings.relayUrls().get(0);
            this.proxy = settings.gridProxyClient().build();
            this.operator = settings.operator().keyPair();
            this.callDeadline = settings.rmbCallTimeout();
            this.submitDeadline = settings.inclusionTimeout();
            this.readyDeadline = settings.changesDeadline();
            this.pollInterval = settings.changesPollInterval();
            return this;
        }

        /** The tfchain node's websocket URL. */
        public Builder substrate(URI url) {
            this.substrate = url;
            return this;
        }

        /** The RMB relay's websocket URL; its host (and port) is what twins are registered with. */
        public Builder relay(URI url) {
            this.relay = url;
            return this;
        }

        /** The gridproxy client. */
        public Builder gridProxy(GridProxyClient client) {
            this.proxy = client;
            return this;
        }

        /** The operator's key, which funds 3Bots' twins. */
        public Builder operator(Ed25519KeyPair key) {
            this.operator = key;
            return this;
        }

        /** The flist 3Bot VMs boot (default {@link #DEFAULT_FLIST}). */
        public Builder flist(String url) {
            this.flist = url;
            return this;
        }

        /** The deadline of one RMB call (default 20 s). */
        public Builder callDeadline(Duration deadline) {
            this.callDeadline = positive(deadline, "callDeadline");
            return this;
        }

        /** How long an extrinsic may take to be in a block (default 60 s). */
        public Builder submitDeadline(Duration deadline) {
            this.submitDeadline = positive(deadline, "submitDeadline");
            return this;
        }

        /** How long a deployment's workloads may take to be ready (default 4 minutes, as the Go client). */
        public Builder readyDeadline(Duration deadline) {
            this.readyDeadline = positive(deadline, "readyDeadline");
            return this;
        }

        /**
         * The longest pause between polls of a deployment's changes (default 3 s): a wait polls at a tenth of how
         * long it has lasted, from 100 ms up to this, and once more at the ready deadline
         * ({@link io.threebot.deployer.support.PollPacing}).
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /**
         * How long a placement's size stays subtracted from its node's free resources, and a node that refused a VM
         * for capacity is passed over for VMs as large (default 10 minutes): long enough for gridproxy to count what
         * was deployed.
         */
        public Builder placementHold(Duration hold) {
            this.placementHold = positive(hold, "placementHold");
            return this;
        }

        private static Duration positive(Duration value, String field) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new InvalidInputException(field, field + " must be positive");
            }
            return value;
        }

        /**
         * Connects to the chain and returns the engine.
         *
         * @throws InvalidInputException when a required part is missing
         * @throws DeployerException     when the chain cannot be reached
         */
        public ThreebotGrid build() {
            if (substrate == null || relay == null || proxy == null || operator == null) {
                throw new InvalidInputException("grid", "substrate, relay, gridproxy and operator key are required");
            }
            TfchainClient chain = TfchainClient.builder(substrate.toString()).callTimeout(callDeadline)
                    .submitTimeout(submitDeadline).signer(operator).connect();
            return new ThreebotGrid(new GridContext(chain, proxy, relay, flist, callDeadline, readyDeadline,
                    pollInterval), operator, placementHold);
        }
    }
}
