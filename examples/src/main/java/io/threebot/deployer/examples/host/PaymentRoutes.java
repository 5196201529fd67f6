package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.billing.PaymentDisplay;
import java.io.IOException;
import java.util.Map;

/**
 * The user's payment requests over HTTP:
 * <pre>
 * GET /payments/{id}     the request as it stands: status, amount, address, memo, deadline, QR code (base64 PNG)
 * </pre>
 * Another user's request answers 404, as an unknown one does. The fields are {@link PaymentDisplay#fields}.
 */
final class PaymentRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;

    PaymentRoutes(ThreebotDeployer deployer, WebLogin web) {
        super(web);
        this.deployer = deployer;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException {
        if (parts.length != 1 || parts[0].isEmpty() || !exchange.getRequestMethod().equals("GET")) {
            JsonExchange.send(exchange, 404, Map.of("error", "no such payment route"));
            return;
        }
        JsonExchange.send(exchange, 200, view(deployer.forOwner(principal).payment(parts[0])));
    }

    /** What a page shows of a payment request: {@link PaymentDisplay#fields}. */
    static Map<String, Object> view(UserPayment p) {
        return PaymentDisplay.fields(p);
    }
}
