package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/** Reads a workload's {@code data} as the record its {@code type} names (the other fields as Go reads them). */
final class WorkloadDeserializer extends StdDeserializer<Workload> {
    private static final long serialVersionUID = 1L;

    WorkloadDeserializer() {
        super(Workload.class);
    }

    @Override
    public Workload deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (node == null || !node.isObject()) {
            throw new InvalidDeploymentException("workloads", "a workload is not a JSON object");
        }
        String type = text(node, "type");
        JsonNode dataNode = node.get("data");
        if (dataNode == null || dataNode.isNull()) {
            throw new InvalidDeploymentException("workloads.data", "a workload has no data");
        }
        WorkloadData data = switch (type) {
            case Network.TYPE -> ZosJson.convert(dataNode, Network.class, "workloads.data");
            case ZMachine.TYPE -> ZosJson.convert(dataNode, ZMachine.class, "workloads.data");
            case ZMount.TYPE -> ZosJson.convert(dataNode, ZMount.class, "workloads.data");
            case PublicIp.TYPE -> ZosJson.convert(dataNode, PublicIp.class, "workloads.data");
            case GatewayNameProxy.TYPE -> ZosJson.convert(dataNode, GatewayNameProxy.class, "workloads.data");
            case GatewayFqdnProxy.TYPE -> ZosJson.convert(dataNode, GatewayFqdnProxy.class, "workloads.data");
            default -> new OtherWorkloadData(type, dataNode);
        };
        JsonNode resultNode = node.get("result");
        WorkloadResult result = resultNode == null || resultNode.isNull()
                ? null : ZosJson.convert(resultNode, WorkloadResult.class, "workloads.result");
        return new Workload(number(node, "version"), text(node, "name"), type, data, text(node, "metadata"),
                text(node, "description"), result);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidDeploymentException("workloads." + field, "workloads." + field + " is not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidDeploymentException("workloads." + field, "workloads." + field + " is not an integer");
        }
        return value.longValue();
    }
}
