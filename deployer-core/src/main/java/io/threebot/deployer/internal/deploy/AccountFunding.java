package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.ThreebotHosting;
import java.util.Optional;

/**
 * Sends a hosted 3Bot's account what its user paid for its capacity (a deploy's, or an extension's), once per
 * operation: the balance before is journaled first, and a transfer cut short is found by the balance it left rather
 * than sent again. The operator's daily cap applies.
 */
public final class AccountFunding {
    private static final String BALANCE_BEFORE = "account-balance-before";
    private static final String TOP_UP = "account-top-up";

    private final ThreebotHosting hosting;
    private final PoolProvisioner pools;

    public AccountFunding(ThreebotHosting hosting, PoolProvisioner pools) {
        this.hosting = hosting;
        this.pools = pools;
    }

    /**
     * Sends the account what the operation's user paid for its capacity (nothing when they paid nothing).
     *
     * @throws HostingException {@link HostingException.Kind#TRANSFER_UNKNOWN} when a transfer cut short did not
     *                          arrive (it is not sent again)
     */
    public void fund(Saga saga, String account, Progress progress) {
        long amount = pools.credit(saga);
        if (amount <= 0) {
            return;
        }
        long before = saga.step(BALANCE_BEFORE, Long.class, () -> hosting.balance(account));
        saga.step(TOP_UP, Long.class, () -> {
            long now = hosting.balance(account);
            if (now >= before + amount) {
                return Optional.of(now);
            }
            throw new HostingException(HostingException.Kind.TRANSFER_UNKNOWN, "the transfer of "
                    + Tft.format(amount) + " TFT to your 3Bot's account was sent and has not arrived; it is not "
                    + "sent again");
        }, () -> {
            pools.authorizeSpending("top-up-" + saga.id(), amount);
            try {
                return hosting.topUp(account, amount);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostingException(HostingException.Kind.TRANSFER_UNKNOWN, "the deployer stopped while it "
                        + "sent " + Tft.format(amount) + " TFT to your 3Bot's account", e);
            }
        });
        progress.update("Your 3Bot's account on " + hosting.gridName() + " is funded with " + Tft.format(amount)
                + " TFT.");
    }

    /** Whether the operation sent (or began to send) funds to the account. */
    public boolean funded(Saga saga) {
        return saga.entry(TOP_UP).isPresent();
    }
}
