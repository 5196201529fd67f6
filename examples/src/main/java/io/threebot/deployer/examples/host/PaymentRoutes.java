package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.billing.PaymentDisplay;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The user's payment requests over HTTP:
 * <pre>
 * GET  /payments/{id}            the request as it stands: status, amount, address, memo, deadline, QR code
 *                                (base64 PNG)
 * GET  /payments/demo-wallet     {"available": true|false}: whether this host has a simulated user wallet
 * POST /payments/{id}/demo-pay   (simulated ledgers only) the demo wallet pays the request in full, once
 *                                -> the request as it stands; 404 without a demo wallet, 409 when it waits for
 *                                no payment or was paid by the demo wallet already
 * </pre>
 * Another user's request answers 404, as an unknown one does. The fields are {@link PaymentDisplay#fields}.
 */
final class PaymentRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;
    private final Optional<DemoWallet> demoWallet;

    PaymentRoutes(ThreebotDeployer deployer, WebLogin web, Optional<DemoWallet> demoWallet) {
        super(web);
        this.deployer = deployer;
        this.demoWallet = demoWallet;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException {
        String method = exchange.getRequestMethod();
        OwnerDeployer me = deployer.forOwner(principal);
        if (parts.length == 1 && parts[0].equals("demo-wallet") && method.equals("GET")) {
            JsonExchange.send(exchange, 200, Map.of("available", demoWallet.isPresent()));
        } else if (parts.length == 1 && !parts[0].isEmpty() && method.equals("GET")) {
            JsonExchange.send(exchange, 200, view(me.payment(parts[0])));
        } else if (parts.length == 2 && parts[1].equals("demo-pay") && method.equals("POST")
                && demoWallet.isPresent()) {
            // the request is looked up as the user's own first: another user's answers 404, as an unknown one
            demoWallet.get().pay(me.payment(parts[0]));
            JsonExchange.send(exchange, 200, view(me.payment(parts[0])));
        } else {
            JsonExchange.send(exchange, 404, Map.of("error", demoWallet.isEmpty() && parts.length == 2
                    ? "this host has no demo wallet: its payments are real" : "no such payment route"));
        }
    }

    /** What a page shows of a payment request: {@link PaymentDisplay#fields}. */
    static Map<String, Object> view(UserPayment p) {
        return PaymentDisplay.fields(p);
    }
}
