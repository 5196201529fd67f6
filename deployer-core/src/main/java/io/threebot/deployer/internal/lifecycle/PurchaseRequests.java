package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireOtherSize;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;

import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;

/**
 * Opens the payment requests for what an owner buys for one of their 3Bots, once the 3Bot can take the operation;
 * nothing is bought until the request is paid and the operation takes it.
 */
final class PurchaseRequests {
    private final ThreebotLookup lookup;
    private final UserBilling billing;

    PurchaseRequests(ThreebotLookup lookup, UserBilling billing) {
        this.lookup = lookup;
        this.billing = billing;
    }

    /**
     * Opens a payment request for something the owner wants to buy for one of their 3Bots; the operation then takes
     * its id. Nothing is bought until the request is paid.
     *
     * @throws InvalidStateException      when the 3Bot cannot take that operation now
     * @throws SpendingLimitException     when the days or the operator's daily cap refuse it (nothing opened)
     */
    UserPayment requestPayment(String owner, String uuid, Purchase purchase) {
        Threebot threebot = lookup.get(owner, uuid);
        requireState(threebot, purchase.kind() == PurchaseKind.START ? state -> state == ThreebotState.STOPPED
                : NOT_DELETED, purchase.kind().description().replace(" a 3Bot", ""));
        Flavor flavor = purchase.size().orElse(threebot.flavor());
        if (purchase.kind() == PurchaseKind.CHANGE_SIZE) {
            requireOtherSize(threebot, flavor);
        }
        return billing.open(owner, purchase.kind(), uuid, threebot.name(), flavor, purchase.days());
    }
}
