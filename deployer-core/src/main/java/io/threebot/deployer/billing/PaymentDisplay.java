package io.threebot.deployer.billing;

import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a page shows of a payment request, as wire fields: the chat's {@code qrcode_show} kwargs and a host's JSON
 * view alike. Sums only; no sender addresses or refund keys.
 */
public final class PaymentDisplay {
    private PaymentDisplay() {
    }

    /**
     * {@code payment_id}, {@code status}, {@code operation}, {@code threebot}, {@code days}, {@code amount},
     * {@code fee}, {@code currency}, {@code address}, {@code memo}, {@code deadline}, {@code received},
     * {@code refunded}, {@code data} (the wallet URI) and {@code qrcode} (a base64 PNG of it).
     */
    public static Map<String, Object> fields(UserPayment p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("payment_id", p.id());
        fields.put("status", p.status().name());
        fields.put("operation", p.kind().name());
        fields.put("threebot", p.threebotName());
        fields.put("days", p.days());
        fields.put("amount", p.amountText());
        fields.put("fee", Tft.format(p.feeStroops()));
        fields.put("currency", p.currency());
        fields.put("address", p.address());
        fields.put("memo", p.memo());
        fields.put("deadline", p.deadline().toString());
        fields.put("received", Tft.format(p.receivedStroops()));
        fields.put("refunded", Tft.format(p.refundedStroops()));
        fields.put("data", p.walletUri());
        fields.put("qrcode", Base64.getEncoder().encodeToString(PaymentQrCode.of(p.walletUri()).png()));
        return fields;
    }
}
