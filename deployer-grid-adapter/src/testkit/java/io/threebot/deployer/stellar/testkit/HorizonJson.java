package io.threebot.deployer.stellar.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Horizon's JSON shapes for the double's answers: accounts, payments, transactions, pages and problems. */
final class HorizonJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MAX_LIMIT = "922337203685.4775807";

    private final String base;
    private final String issuer;

    HorizonJson(String base, String issuer) {
        this.base = base;
        this.issuer = issuer;
    }

    static String amount(long stroops) {
        return BigDecimal.valueOf(stroops, 7).toPlainString();
    }

    /** The root resource, whose passphrase the SDK checks before it submits. */
    ObjectNode root(String passphrase) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("_links", links("self", "/"));
        n.put("horizon_version", "double");
        n.put("core_version", "double");
        n.put("network_passphrase", passphrase);
        n.put("current_protocol_version", 20);
        n.put("supported_protocol_version", 20);
        n.put("core_supported_protocol_version", 20);
        return n;
    }

    ObjectNode account(DoubleLedger.Account a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("_links", links("self", "/accounts/" + a.id));
        n.put("id", a.id);
        n.put("account_id", a.id);
        n.put("sequence", Long.toString(a.sequence));
        n.put("subentry_count", a.tft == null ? 0 : 1);
        n.put("last_modified_ledger", 1);
        n.put("last_modified_time", "2026-01-01T00:00:00Z");
        ObjectNode thresholds = n.putObject("thresholds");
        thresholds.put("low_threshold", 0);
        thresholds.put("med_threshold", 0);
        thresholds.put("high_threshold", 0);
        ObjectNode flags = n.putObject("flags");
        flags.put("auth_required", false);
        flags.put("auth_revocable", false);
        flags.put("auth_immutable", false);
        flags.put("auth_clawback_enabled", false);
        ArrayNode balances = n.putArray("balances");
        if (a.tft != null) {
            ObjectNode b = balances.addObject();
            b.put("balance", amount(a.tft));
            b.put("limit", MAX_LIMIT);
            b.put("buying_liabilities", "0.0000000");
            b.put("selling_liabilities", "0.0000000");
            b.put("last_modified_ledger", 1);
            b.put("is_authorized", true);
            b.put("is_authorized_to_maintain_liabilities", true);
            b.put("asset_type", "credit_alphanum4");
            b.put("asset_code", "TFT");
            b.put("asset_issuer", issuer);
        }
        ObjectNode xlm = balances.addObject();
        xlm.put("balance", amount(a.xlm));
        xlm.put("buying_liabilities", "0.0000000");
        xlm.put("selling_liabilities", "0.0000000");
        xlm.put("asset_type", "native");
        ArrayNode signers = n.putArray("signers");
        ObjectNode signer = signers.addObject();
        signer.put("weight", 1);
        signer.put("key", a.id);
        signer.put("type", "ed25519_public_key");
        n.putObject("data");
        n.put("num_sponsoring", 0);
        n.put("num_sponsored", 0);
        n.put("paging_token", a.id);
        return n;
    }

    ObjectNode payment(DoubleLedger.Payment p, Optional<DoubleLedger.Applied> joined) {
        ObjectNode n = MAPPER.createObjectNode();
        String id = Long.toString(p.id());
        n.set("_links", links("self", "/operations/" + id));
        n.put("id", id);
        n.put("paging_token", id);
        n.put("transaction_successful", true);
        n.put("source_account", p.from());
        n.put("type", "payment");
        n.put("type_i", 1);
        n.put("created_at", p.at().toString());
        n.put("transaction_hash", p.txHash());
        if (p.native_()) {
            n.put("asset_type", "native");
        } else {
            n.put("asset_type", "credit_alphanum4");
            n.put("asset_code", "TFT");
            n.put("asset_issuer", issuer);
        }
        n.put("from", p.from());
        n.put("to", p.to());
        n.put("amount", amount(p.amountStroops()));
        joined.ifPresent(tx -> n.set("transaction", transaction(tx)));
        return n;
    }

    ObjectNode transaction(DoubleLedger.Applied t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("_links", links("self", "/transactions/" + t.hash()));
        n.put("id", t.hash());
        n.put("paging_token", Long.toString(t.ledger() << 32 | 1L << 12));
        n.put("successful", t.successful());
        n.put("hash", t.hash());
        n.put("ledger", t.ledger());
        n.put("created_at", t.at().toString());
        n.put("source_account", t.source());
        n.put("source_account_sequence", Long.toString(t.sequence()));
        n.put("fee_account", t.source());
        n.put("fee_charged", Long.toString(t.fee()));
        n.put("max_fee", Long.toString(t.fee()));
        n.put("operation_count", t.operations());
        n.put("envelope_xdr", t.envelopeXdr());
        n.put("result_xdr", "");
        n.put("result_meta_xdr", "");
        n.put("fee_meta_xdr", "");
        n.put("memo_type", t.memoType());
        if ("text".equals(t.memoType())) {
            n.put("memo", t.memoText());
            n.put("memo_bytes", java.util.Base64.getEncoder().encodeToString(
                    t.memoText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        ArrayNode signatures = n.putArray("signatures");
        t.signatures().forEach(signatures::add);
        return n;
    }

    ObjectNode page(String path, List<ObjectNode> records, String nextCursor) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode links = n.putObject("_links");
        links.putObject("self").put("href", base + path);
        links.putObject("next").put("href", base + path + "?cursor=" + nextCursor);
        links.putObject("prev").put("href", base + path);
        ArrayNode array = n.putObject("_embedded").putArray("records");
        records.forEach(array::add);
        return n;
    }

    static ObjectNode problem(int status, String type, String title, String detail) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "https://stellar.org/horizon-errors/" + type);
        n.put("title", title);
        n.put("status", status);
        n.put("detail", detail);
        return n;
    }

    ObjectNode submitted(DoubleLedger.Applied t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("_links", links("transaction", "/transactions/" + t.hash()));
        n.put("hash", t.hash());
        n.put("ledger", t.ledger());
        n.put("envelope_xdr", t.envelopeXdr());
        n.put("successful", true);
        return n;
    }

    static ObjectNode failed(String envelopeXdr, String txCode, List<String> opCodes) {
        ObjectNode n = problem(400, "transaction_failed", "Transaction Failed",
                "The transaction failed when submitted to the stellar network.");
        ObjectNode extras = n.putObject("extras");
        extras.put("envelope_xdr", envelopeXdr);
        ObjectNode codes = extras.putObject("result_codes");
        codes.put("transaction", txCode);
        if (!opCodes.isEmpty()) {
            ArrayNode ops = codes.putArray("operations");
            opCodes.forEach(ops::add);
        }
        return n;
    }

    private ObjectNode links(String name, String path) {
        ObjectNode links = MAPPER.createObjectNode();
        links.putObject(name).put("href", base + path);
        return links;
    }
}
