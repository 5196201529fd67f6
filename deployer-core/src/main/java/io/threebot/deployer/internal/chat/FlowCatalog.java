package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.UnknownFlowException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The flows an engine runs, by id, in the order they were given. */
final class FlowCatalog {
    private final Map<String, FlowDefinition> flows = new LinkedHashMap<>();

    FlowCatalog(List<FlowDefinition> definitions) {
        definitions.forEach(f -> flows.put(f.id(), f));
    }

    /** The ids of the flows, in order. */
    List<String> ids() {
        return List.copyOf(flows.keySet());
    }

    /** The flow a user asks to start. @throws UnknownFlowException when there is none of that id */
    FlowDefinition named(String flowId) {
        FlowDefinition flow = flows.get(flowId);
        if (flow == null) {
            throw new UnknownFlowException("no flow '" + flowId + "'; known flows: " + flows.keySet());
        }
        return flow;
    }

    /** The flow a stored session runs. @throws UnknownFlowException when this deployer does not know it */
    FlowDefinition of(ChatSession session) {
        FlowDefinition flow = flows.get(session.flowId());
        if (flow == null) {
            throw new UnknownFlowException("session " + session.id() + " belongs to flow '" + session.flowId()
                    + "', which this deployer does not know");
        }
        return flow;
    }

    /** The flow of that id, if this deployer knows it. */
    Optional<FlowDefinition> find(String flowId) {
        return Optional.ofNullable(flows.get(flowId));
    }
}
