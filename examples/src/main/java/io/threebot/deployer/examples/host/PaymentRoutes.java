package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentQrCode;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user's payment requests over HTTP:
 * <pre>
 * GET /payments/{id}     the request as it stands: status, amount, address, memo, deadline, QR code (base64 PNG)
 * </pre>
 * Another user's request answers 404, as an unknown one does.
 */
final class PaymentRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;

    PaymentRoutes(ThreebotDeployer deployer) {
        this.deployer = deployer;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException {
        if (parts.length != 1 || parts[0].isEmpty() || !exchange.getRequestMethod().equals("GET")) {
            JsonExchange.send(exchange, 404, Map.of("error", "no such payment route"));
            return;
        }
        JsonExchange.send(exchange, 200, view(deployer.payment(principal, parts[0])));
    }

    /** What a page shows of a payment request; no transfer or refund details beyond the sums. */
    static Map<String, Object> view(UserPayment p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", p.id());
        view.put("status", p.status().name());
        view.put("operation", p.kind().name());
        view.put("threebot", p.threebotName());
        view.put("days", p.days());
        view.put("amount", p.amountText());
        view.put("fee", Tft.format(p.feeStroops()));
        view.put("currency", p.currency());
        view.put("address", p.address());
        view.put("memo", p.memo());
        view.put("deadline", p.deadline().toString());
        view.put("received", Tft.format(p.receivedStroops()));
        view.put("refunded", Tft.format(p.refundedStroops()));
        view.put("wallet_uri", p.walletUri());
        view.put("qrcode", Base64.getEncoder().encodeToString(PaymentQrCode.of(p.walletUri()).png()));
        return view;
    }
}
