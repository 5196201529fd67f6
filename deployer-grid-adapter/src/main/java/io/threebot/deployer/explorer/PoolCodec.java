package io.threebot.deployer.explorer;

import static io.threebot.deployer.explorer.WireJson.decimal;
import static io.threebot.deployer.explorer.WireJson.field;
import static io.threebot.deployer.explorer.WireJson.flag;
import static io.threebot.deployer.explorer.WireJson.number;
import static io.threebot.deployer.explorer.WireJson.optionalText;
import static io.threebot.deployer.explorer.WireJson.text;
import static io.threebot.deployer.explorer.WireJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.PoolPayment;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import java.time.Instant;
import java.util.Optional;

/** Pools, pool requests, reservations and payments in the explorer's JSON, both ways. */
final class PoolCodec {
    /** The explorer's empty-at for a pool nothing consumes. */
    static final long NEVER = Long.MAX_VALUE;

    private PoolCodec() {
    }

    /** The {@code data_reservation} object; its exact serialization is what the customer signs. */
    static ObjectNode reservation(PoolRequest r) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("pool_id", r.poolId()).put("cus", r.cus()).put("sus", r.sus()).put("ipv4us", r.ipv4us());
        r.nodeIds().forEach(n.putArray("node_ids")::add);
        r.currencies().forEach(n.putArray("currencies")::add);
        return n;
    }

    static PoolRequest request(JsonNode dataReservation) {
        return new PoolRequest(number(dataReservation, "pool_id"), number(dataReservation, "cus"),
                number(dataReservation, "sus"), number(dataReservation, "ipv4us"), texts(dataReservation, "node_ids"),
                texts(dataReservation, "currencies"));
    }

    static PoolReservation created(JsonNode n) {
        JsonNode escrow = field(n, "escrow_information");
        return new PoolReservation(number(n, "reservation_id"), text(escrow, "address"), text(escrow, "asset"),
                number(escrow, "amount"));
    }

    static ObjectNode created(PoolReservation r) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("reservation_id", r.reservationId());
        n.putObject("escrow_information").put("address", r.escrowAddress()).put("asset", r.asset())
                .put("amount", r.amountStroops());
        return n;
    }

    static PoolPayment payment(JsonNode n) {
        return new PoolPayment(number(n, "id"), flag(n, "paid"), flag(n, "released"), flag(n, "canceled"),
                optionalText(n, "cause"));
    }

    static ObjectNode payment(PoolPayment p) {
        ObjectNode n = Json.mapper().createObjectNode();
        return n.put("id", p.reservationId()).put("paid", p.paid()).put("released", p.released())
                .put("canceled", p.canceled()).put("cause", p.cause());
    }

    static Pool pool(JsonNode n) {
        long emptyAt = number(n, "empty_at");
        return new Pool(number(n, "pool_id"), number(n, "customer_tid"), decimal(n, "cus"), decimal(n, "sus"),
                texts(n, "node_ids"), decimal(n, "active_cu"), decimal(n, "active_su"),
                emptyAt == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochSecond(emptyAt)));
    }

    static ObjectNode pool(Pool p) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("pool_id", p.poolId()).put("customer_tid", p.customerTid()).put("cus", p.cus()).put("sus", p.sus())
                .put("ipv4us", 0).put("active_cu", p.activeCu()).put("active_su", p.activeSu()).put("active_ipv4", 0)
                .put("empty_at", p.emptyAt().map(Instant::getEpochSecond).orElse(NEVER))
                .put("last_updated", Instant.now().getEpochSecond());
        p.nodeIds().forEach(n.putArray("node_ids")::add);
        return n;
    }
}
