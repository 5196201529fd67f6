package io.threebot.deployer.stellar;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.stellar.testkit.HorizonDouble;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import org.stellar.sdk.Asset;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Memo;
import org.stellar.sdk.Network;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.Server;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.TransactionBuilder;
import org.stellar.sdk.responses.SubmitTransactionResponse;

/** A Horizon double with a funded operator, and users who pay through the SDK's own {@link Server}. */
final class StellarFixture implements AutoCloseable {
    static final long TFT = 10_000_000L;

    final HorizonDouble horizon = HorizonDouble.start();
    final KeyPair operator = KeyPair.random();
    private final Server server = new Server(horizon.url());

    StellarFixture() {
        horizon.fundWithTft(operator.getAccountId(), 1_000 * TFT);
    }

    StellarSettings.Builder settings() {
        return StellarSettings.builder()
                .network(StellarNetwork.TESTNET)
                .horizonUrl(horizon.url())
                .passphrase(horizon.passphrase())
                .tftIssuer(horizon.tftIssuer())
                .operator(OperatorSecret.of(new String(operator.getSecretSeed())))
                .requestTimeout(Duration.ofSeconds(10))
                .freshness(Duration.ZERO)
                .confirmationMargin(Duration.ZERO);
    }

    StellarUserPayments wallet(StateStore store) {
        return wallet(store, OnceSender.Steps.NONE);
    }

    StellarUserPayments wallet(StateStore store, OnceSender.Steps steps) {
        return new StellarUserPayments(settings().build(), store, Clock.systemUTC(), steps);
    }

    /** A user with an account, a TFT trustline and {@code tft} whole TFT. */
    KeyPair user(long tft) {
        KeyPair user = KeyPair.random();
        horizon.fundWithTft(user.getAccountId(), tft * TFT);
        return user;
    }

    /** The user pays the operator {@code stroops} of TFT with a text memo, through the SDK. */
    String pay(KeyPair user, long stroops, String memo) {
        return pay(user, operator.getAccountId(), Asset.create(null, "TFT", horizon.tftIssuer()), stroops, memo);
    }

    String pay(KeyPair user, String destination, Asset asset, long stroops, String memo) {
        try {
            Transaction tx = new TransactionBuilder(server.accounts().account(user.getAccountId()),
                    new Network(horizon.passphrase()))
                    .addOperation(new PaymentOperation.Builder(destination, asset,
                            BigDecimal.valueOf(stroops, 7).toPlainString()).build())
                    .addMemo(Memo.text(memo))
                    .setTimeout(60)
                    .setBaseFee(100)
                    .build();
            tx.sign(user);
            SubmitTransactionResponse response = server.submitTransaction(tx, true);
            if (!response.isSuccess()) {
                throw new IllegalStateException("payment refused: "
                        + response.getExtras().getResultCodes().getTransactionResultCode() + " "
                        + response.getExtras().getResultCodes().getOperationsResultCodes());
            }
            return response.getHash();
        } catch (IOException | org.stellar.sdk.AccountRequiresMemoException e) {
            throw new IllegalStateException(e);
        }
    }

    long tftOf(KeyPair account) {
        return horizon.tftBalance(account.getAccountId()).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        horizon.close();
    }
}
