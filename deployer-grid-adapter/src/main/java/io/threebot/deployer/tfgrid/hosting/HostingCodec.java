package io.threebot.deployer.tfgrid.hosting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import io.threebot.deployer.tfgrid.deploy.Placement;
import io.threebot.deployer.tfgrid.deploy.WireguardKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON the hosting keeps in a {@link io.threebot.deployer.spi.HostingPlan}'s data and in its journal entries:
 * every field of a {@link DeploymentPlan} (its keys and environment included: the deployer seals it) and of a
 * {@link JournalEntry}, and the journal's records of a node refusing the VM for capacity and of the VM placed again
 * ({@link #readJournaled}). Reading is strict: text that is not such a record (malformed, a field missing or of another
 * type, too long) is an {@link InvalidInputException} naming it, never an unchecked exception.
 */
final class HostingCodec {
    /** The longest text read back: a plan with a large environment stays far below. */
    static final int MAX_CHARS = 256 * 1024;
    private static final int VERSION = 1;
    private static final int MAX_FARMS = 1000;
    private static final String REFUSED = "REFUSED";
    private static final String PLACED = "PLACED";
    private static final String GIVEN_UP = "GIVEN_UP";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostingCodec() {
    }

    /** A plan as JSON. */
    static String plan(DeploymentPlan plan) {
        return planNode(plan).toString();
    }

    /** A plan as JSON, with where the user let it go ({@link #readChoice}). */
    static String plan(DeploymentPlan plan, Optional<PlacementChoice> choice) {
        ObjectNode out = planNode(plan);
        choice.ifPresent(c -> choice(out.putObject("where"), c));
        return out.toString();
    }

    /**
     * A resize's or move's plan as JSON: with where the user let the 3Bot go ({@link #readChoice}) and where the
     * change's new VM may go when its node refuses it ({@link #readChangeScope}).
     */
    static String changePlan(DeploymentPlan plan, Optional<PlacementChoice> choice, ChangeScope scope) {
        ObjectNode out = planNode(plan);
        choice.ifPresent(c -> choice(out.putObject("where"), c));
        ObjectNode change = out.putObject("change");
        change.put("resize", scope.resize());
        choice(change, scope.where());
        return out.toString();
    }

    private static void choice(ObjectNode where, PlacementChoice choice) {
        ArrayNode farms = where.putArray("farms");
        choice.farmIds().forEach(farms::add);
        choice.nodeId().ifPresent(n -> where.put("node", n));
    }

    private static ObjectNode planNode(DeploymentPlan plan) {
        ObjectNode out = JSON.createObjectNode();
        out.put("v", VERSION);
        out.put("name", plan.name());
        out.put("twinId", plan.twinId());
        ObjectNode size = out.putObject("size");
        size.put("cpu", plan.size().cpu());
        size.put("memoryBytes", plan.size().memoryBytes());
        size.put("diskBytes", plan.size().diskBytes());
        Placement at = plan.placement();
        ObjectNode placement = out.putObject("placement");
        placement.put("nodeId", at.nodeId());
        placement.put("nodeTwin", at.nodeTwin());
        placement.put("farmId", at.farmId());
        placement.put("gatewayNodeId", at.gatewayNodeId());
        placement.put("gatewayTwin", at.gatewayTwin());
        placement.put("gatewayIp", at.gatewayIp());
        placement.put("domain", at.domain());
        out.put("flist", plan.flist());
        ObjectNode env = out.putObject("env");
        plan.env().forEach(env::put);
        out.put("rangeOctet", plan.rangeOctet());
        key(out, "vmNodeKey", plan.vmNodeKey());
        out.put("vmNodePort", plan.vmNodePort());
        key(out, "gatewayKey", plan.gatewayKey());
        out.put("gatewayPort", plan.gatewayPort());
        key(out, "userKey", plan.userKey());
        out.put("vmSubnet", plan.vmSubnet());
        out.put("vmHost", plan.vmHost());
        return out;
    }

    /**
     * The plan this JSON holds.
     *
     * @throws InvalidInputException when it is not one
     */
    static DeploymentPlan readPlan(String text) {
        return readPlan(Fields.parse(text, "plan"));
    }

    /**
     * Where the user let the plan's 3Bot go (farms or a node), as {@link #plan(DeploymentPlan, Optional)} wrote it;
     * empty for a plan written without it.
     *
     * @throws InvalidInputException when the text is not a plan or its {@code where} is malformed
     */
    static Optional<PlacementChoice> readChoice(String text) {
        Fields in = Fields.parse(text, "plan");
        in.version();
        JsonNode where = in.node.get("where");
        if (where == null || where.isNull()) {
            return Optional.empty();
        }
        if (!where.isObject()) {
            throw in.refused("where is not an object");
        }
        return Optional.of(choice(new Fields(where, "plan.where")));
    }

    /**
     * Where a change's new VM may go when its node refuses it, as {@link #changePlan} wrote it; empty for a plan
     * written without it (a deploy's, or a change's planned before changes were placed again: not placed again).
     *
     * @throws InvalidInputException when the text is not a plan or its {@code change} is malformed
     */
    static Optional<ChangeScope> readChangeScope(String text) {
        Fields in = Fields.parse(text, "plan");
        in.version();
        JsonNode change = in.node.get("change");
        if (change == null || change.isNull()) {
            return Optional.empty();
        }
        if (!change.isObject()) {
            throw in.refused("change is not an object");
        }
        Fields scope = new Fields(change, "plan.change");
        JsonNode resize = scope.node("resize");
        if (!resize.isBoolean()) {
            throw scope.refused("resize is not true or false");
        }
        return Optional.of(new ChangeScope(resize.booleanValue(), choice(scope)));
    }

    private static PlacementChoice choice(Fields choice) {
        JsonNode farms = choice.node("farms");
        if (!farms.isArray() || farms.size() > MAX_FARMS) {
            throw choice.refused("farms is not a list of at most " + MAX_FARMS + " farm ids");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode farm : farms) {
            if (!farm.isIntegralNumber() || !farm.canConvertToLong() || farm.longValue() < 1) {
                throw choice.refused("farms holds " + farm + ", not a farm id");
            }
            ids.add(farm.longValue());
        }
        JsonNode node = choice.node.get("node");
        Optional<Long> nodeId = node == null || node.isNull() ? Optional.empty() : Optional.of(choice.number("node"));
        return new PlacementChoice(ids, nodeId);
    }

    private static DeploymentPlan readPlan(Fields in) {
        in.version();
        Fields size = in.object("size");
        Fields at = in.object("placement");
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode envNode = in.node("env");
        if (!envNode.isObject()) {
            throw in.refused("env is not an object");
        }
        envNode.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw in.refused("env." + e.getKey() + " is not text");
            }
            env.put(e.getKey(), e.getValue().textValue());
        });
        return new DeploymentPlan(in.text("name"), in.number("twinId"),
                new BotSize(size.smallNumber("cpu"), size.number("memoryBytes"), size.number("diskBytes")),
                new Placement(at.number("nodeId"), at.number("nodeTwin"), at.number("farmId"),
                        at.number("gatewayNodeId"), at.number("gatewayTwin"), at.text("gatewayIp"), at.text("domain")),
                in.text("flist"), env, in.smallNumber("rangeOctet"), key(in.object("vmNodeKey")),
                in.smallNumber("vmNodePort"), key(in.object("gatewayKey")), in.smallNumber("gatewayPort"),
                key(in.object("userKey")), in.smallNumber("vmSubnet"), in.smallNumber("vmHost"));
    }

    /** A journal entry as JSON. */
    static String entry(JournalEntry entry) {
        ObjectNode out = JSON.createObjectNode();
        out.put("v", VERSION);
        out.put("step", entry.step().name());
        out.put("nodeId", entry.nodeId());
        out.put("contractId", entry.contractId());
        out.put("deploymentHash", entry.deploymentHash());
        out.put("ready", entry.ready());
        return out.toString();
    }

    /** The journal's record that a node refused the plan's VM for lack of capacity. */
    static String refused(long nodeId) {
        return line(REFUSED, "nodeId", nodeId);
    }

    /** The journal's record that the VM was placed again: the plan deployed from there on. */
    static String placed(DeploymentPlan plan) {
        ObjectNode out = JSON.createObjectNode();
        out.put("v", VERSION);
        out.put("step", PLACED);
        out.set("plan", planNode(plan));
        return out.toString();
    }

    /**
     * The journal's record that a contract is no longer the 3Bot's to keep but could not be cancelled yet (the old VM of
     * a change whose cancellation failed): whoever next stops, destroys or changes the 3Bot cancels it.
     */
    static String givenUp(long contractId) {
        return line(GIVEN_UP, "contractId", contractId);
    }

    /** A journal line of one number besides its step. */
    private static String line(String step, String field, long value) {
        ObjectNode out = JSON.createObjectNode();
        out.put("v", VERSION);
        out.put("step", step);
        out.put(field, value);
        return out.toString();
    }

    /**
     * What a journal line holds: a step's entry, a node's refusal, a new placement or a contract given up.
     *
     * @throws InvalidInputException when it is none of them
     */
    static Journaled readJournaled(String text) {
        Fields in = Fields.parse(text, "journal entry");
        in.version();
        return switch (in.text("step")) {
            case REFUSED -> new Journaled.Refused(in.number("nodeId"));
            case PLACED -> new Journaled.Placed(readPlan(in.object("plan")));
            case GIVEN_UP -> new Journaled.GivenUp(in.number("contractId"));
            default -> new Journaled.Step(readEntry(in));
        };
    }

    /** A line of a deploy's journal. */
    sealed interface Journaled {
        /** A step's entry. */
        record Step(JournalEntry entry) implements Journaled {
        }

        /** The node refused the VM of the plan deployed then for lack of capacity. */
        record Refused(long nodeId) implements Journaled {
        }

        /** The VM was placed again: this plan is deployed from here on. */
        record Placed(DeploymentPlan plan) implements Journaled {
        }

        /** The contract is to be cancelled: it was left when its cancellation failed. */
        record GivenUp(long contractId) implements Journaled {
        }
    }

    /**
     * The journal entry this JSON holds.
     *
     * @throws InvalidInputException when it is not one
     */
    static JournalEntry readEntry(String text) {
        return readEntry(Fields.parse(text, "journal entry"));
    }

    private static JournalEntry readEntry(Fields in) {
        in.version();
        String step = in.text("step");
        JournalEntry.Step which;
        try {
            which = JournalEntry.Step.valueOf(step.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw in.refused("step " + step + " is not a step of a deploy");
        }
        JsonNode ready = in.node("ready");
        if (!ready.isBoolean()) {
            throw in.refused("ready is not true or false");
        }
        return new JournalEntry(which, in.number("nodeId"), in.number("contractId"), in.text("deploymentHash"),
                ready.booleanValue());
    }

    private static void key(ObjectNode out, String field, WireguardKey key) {
        ObjectNode node = out.putObject(field);
        node.put("privateKey", key.privateKey());
        node.put("publicKey", key.publicKey());
    }

    private static WireguardKey key(Fields in) {
        return new WireguardKey(in.text("privateKey"), in.text("publicKey"));
    }

    /** Strict reads of one JSON object's fields. */
    private static final class Fields {
        private final JsonNode node;
        private final String what;

        private Fields(JsonNode node, String what) {
            this.node = node;
            this.what = what;
        }

        static Fields parse(String text, String what) {
            if (text == null || text.length() > MAX_CHARS) {
                throw new InvalidInputException(what, "the stored " + what + " is missing or longer than "
                        + MAX_CHARS + " characters");
            }
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new InvalidInputException(what, "the stored " + what + " is not a JSON object");
                }
                return new Fields(node, what);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(what, "the stored " + what + " is not JSON: "
                        + e.getOriginalMessage());
            }
        }

        void version() {
            JsonNode v = node.get("v");
            if (v == null || !v.isIntegralNumber() || v.longValue() != VERSION) {
                throw refused("is not a version " + VERSION + " TFGrid v3 record");
            }
        }

        JsonNode node(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw refused("has no " + field);
            }
            return value;
        }

        Fields object(String field) {
            JsonNode value = node(field);
            if (!value.isObject()) {
                throw refused(field + " is not an object");
            }
            return new Fields(value, what + "." + field);
        }

        String text(String field) {
            JsonNode value = node(field);
            if (!value.isTextual()) {
                throw refused(field + " is not text");
            }
            return value.textValue();
        }

        long number(String field) {
            JsonNode value = node(field);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw refused(field + " is not a whole number of 0 or more");
            }
            return value.longValue();
        }

        int smallNumber(String field) {
            long value = number(field);
            if (value > Integer.MAX_VALUE) {
                throw refused(field + " is too large");
            }
            return (int) value;
        }

        DeployerException refused(String problem) {
            return new InvalidInputException(what, "the stored " + what + " " + problem);
        }
    }
}
