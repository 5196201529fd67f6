package io.threebot.deployer.examples;

import io.threebot.deployer.spi.IncomingTransfer;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.PaymentDestination;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.spi.RefundReceipt;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.stellar.OperatorSecret;
import io.threebot.deployer.stellar.StellarNetwork;
import io.threebot.deployer.stellar.StellarSettings;
import io.threebot.deployer.stellar.StellarUserPayments;
import io.threebot.deployer.stellar.testkit.HorizonDouble;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.stellar.sdk.AccountRequiresMemoException;
import org.stellar.sdk.Asset;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Memo;
import org.stellar.sdk.Network;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.Server;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.TransactionBuilder;
import org.stellar.sdk.responses.SubmitTransactionResponse;

/**
 * Real TFT payments for the demo and the example host ({@code --wallet stellar}, {@code --stellar URL}): the
 * operator's wallet is a {@link StellarUserPayments}, and a demo user pays requests with Stellar transactions
 * through the SDK.
 *
 * <p>Without a URL a {@link HorizonDouble} is started in this process, with an operator account and a demo user
 * holding TFT made on it. With {@code --stellar URL} that Horizon is used: the operator's seed comes from
 * {@code THREEBOT_STELLAR_SECRET} (or the mode-600 file named by {@code THREEBOT_STELLAR_SECRET_FILE}), the network
 * from {@code THREEBOT_STELLAR_NETWORK} ({@code testnet}, the default, or {@code public}), and the demo user who pays
 * from {@code THREEBOT_STELLAR_USER_SECRET}; without one, nobody pays for the demo, and a person pays from their
 * wallet app by scanning the QR code.
 */
public final class StellarDemo implements AutoCloseable {
    private static final long STROOPS = 10_000_000L;

    private final Optional<HorizonDouble> double_;
    private final StellarSettings settings;
    private final Optional<KeyPair> user;
    private final Server server;
    private final String description;
    private final ScheduledExecutorService payer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stellar-demo-user");
        t.setDaemon(true);
        return t;
    });

    private StellarDemo(Optional<HorizonDouble> horizon, StellarSettings settings, Optional<KeyPair> user,
                        String description) {
        this.double_ = horizon;
        this.settings = settings;
        this.user = user;
        this.server = new Server(settings.horizonUrl().toString());
        this.description = description;
    }

    /** A Horizon double in this process ({@code horizon} empty) or the Horizon at {@code horizon}. */
    public static StellarDemo start(Optional<URI> horizon, Map<String, String> environment) {
        if (horizon.isEmpty()) {
            HorizonDouble local = HorizonDouble.start();
            KeyPair operator = KeyPair.random();
            KeyPair user = KeyPair.random();
            local.fundWithTft(operator.getAccountId(), 1_000 * STROOPS);
            local.fundWithTft(user.getAccountId(), 100_000 * STROOPS);
            StellarSettings settings = StellarSettings.builder().network(StellarNetwork.TESTNET)
                    .horizonUrl(local.url()).passphrase(local.passphrase()).tftIssuer(local.tftIssuer())
                    .operator(OperatorSecret.of(new String(operator.getSecretSeed())))
                    .confirmationMargin(Duration.ofSeconds(5)).build();
            return new StellarDemo(Optional.of(local), settings, Optional.of(user),
                    "TFT on Stellar through a Horizon double at " + local.url() + " (operator "
                            + operator.getAccountId() + ")");
        }
        StellarNetwork network = "public".equalsIgnoreCase(environment.getOrDefault("THREEBOT_STELLAR_NETWORK",
                "testnet")) ? StellarNetwork.PUBLIC : StellarNetwork.TESTNET;
        OperatorSecret operator = environment.containsKey("THREEBOT_STELLAR_SECRET_FILE")
                ? OperatorSecret.fromFile(java.nio.file.Path.of(environment.get("THREEBOT_STELLAR_SECRET_FILE")))
                : OperatorSecret.fromEnvironment(environment);
        StellarSettings settings = StellarSettings.builder().network(network).horizonUrl(horizon.get().toString())
                .operator(operator).build();
        Optional<KeyPair> user = Optional.ofNullable(environment.get("THREEBOT_STELLAR_USER_SECRET"))
                .map(KeyPair::fromSecretSeed);
        return new StellarDemo(Optional.empty(), settings, user, "TFT on the Stellar " + network + " network through "
                + horizon.get() + " (operator " + operator.accountId() + ")");
    }

    /** The operator's wallet, keeping its cursor and refund journal in {@code store}, following the stream. */
    public StellarUserPayments userPayments(StateStore store) {
        return StellarUserPayments.create(settings, store).start();
    }

    /** Like {@link #userPayments}, with the demo user paying each request in full {@code after} it is made. */
    public UserPayments autoPaying(StellarUserPayments wallet, Duration after) {
        return new UserPayments() {
            @Override
            public PaymentDestination request(PaymentDemand demand) {
                PaymentDestination destination = wallet.request(demand);
                payer.schedule(() -> {
                    try {
                        pay(demand.amountStroops(), demand.memo());
                    } catch (RuntimeException e) {
                        System.err.println("The demo user could not pay " + demand.memo() + ": " + e.getMessage());
                    }
                }, after.toMillis(), TimeUnit.MILLISECONDS);
                return destination;
            }

            @Override
            public List<IncomingTransfer> observe(String memo) {
                return wallet.observe(memo);
            }

            @Override
            public RefundReceipt refund(RefundOrder order) {
                return wallet.refund(order);
            }
        };
    }

    /** True when a demo user can pay (always on the double; with a user seed on a real Horizon). */
    public boolean userPays() {
        return user.isPresent();
    }

    /** The demo user's account, when there is one. */
    public Optional<String> userAccount() {
        return user.map(KeyPair::getAccountId);
    }

    /** The demo user pays the operator {@code stroops} of TFT with {@code memo}, through the SDK; returns the hash. */
    public String pay(long stroops, String memo) {
        KeyPair from = user.orElseThrow(() -> new IllegalStateException("no demo user seed to pay with"));
        try {
            Transaction tx = new TransactionBuilder(server.accounts().account(from.getAccountId()),
                    new Network(settings.passphrase()))
                    .addOperation(new PaymentOperation.Builder(settings.operator().accountId(),
                            Asset.create(null, StellarNetwork.TFT, settings.tftIssuer()),
                            BigDecimal.valueOf(stroops, 7).toPlainString()).build())
                    .addMemo(Memo.text(memo))
                    .setTimeout(120)
                    .setBaseFee(settings.baseFeeStroops())
                    .build();
            tx.sign(from);
            SubmitTransactionResponse response = server.submitTransaction(tx, true);
            if (!response.isSuccess()) {
                throw new IllegalStateException("Stellar refused the demo user's payment: "
                        + response.getExtras().getResultCodes().getTransactionResultCode() + " "
                        + response.getExtras().getResultCodes().getOperationsResultCodes());
            }
            return response.getHash();
        } catch (IOException | AccountRequiresMemoException e) {
            throw new IllegalStateException("the demo user's payment could not be submitted: " + e.getMessage(), e);
        }
    }

    /** The demo user's TFT on Stellar, in stroops (0 when unknown). */
    public long userTft() {
        if (user.isEmpty()) {
            return 0;
        }
        try {
            for (var balance : server.accounts().account(user.get().getAccountId()).getBalances()) {
                if (StellarNetwork.TFT.equals(balance.getAssetCode().orElse(""))
                        && settings.tftIssuer().equals(balance.getAssetIssuer().orElse(""))) {
                    return new BigDecimal(balance.getBalance()).movePointRight(7).longValueExact();
                }
            }
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("the demo user's balance could not be read", e);
        }
    }

    /** The TFT issuer payments are made in. */
    public String tftIssuer() {
        return settings.tftIssuer();
    }

    /** One line for the demo's header. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        payer.shutdownNow();
        server.close();
        double_.ifPresent(HorizonDouble::close);
    }
}
