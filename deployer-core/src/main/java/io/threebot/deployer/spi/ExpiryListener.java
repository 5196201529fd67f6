package io.threebot.deployer.spi;

import io.threebot.deployer.model.ExpiryNotice;

/**
 * Hears that a 3Bot's pool runs dry soon or ran dry, e.g. to mail its owner. Called from the deployer's scheduled
 * check, one notice per pool and expiry; must return quickly and not throw (a failure is logged and ignored).
 */
@FunctionalInterface
public interface ExpiryListener {
    void onExpiry(ExpiryNotice notice);
}
