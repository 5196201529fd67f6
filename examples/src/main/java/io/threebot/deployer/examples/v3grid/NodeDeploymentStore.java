package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.ZosJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps a simulated node's deployments in the data directory ({@code nodes/node-<id>.json}), written whole to a
 * temporary file and moved into place, so a kill leaves the previous or the new version, never half of one.
 */
final class NodeDeploymentStore {
    private final ObjectMapper json = new ObjectMapper();
    private final Path file;

    NodeDeploymentStore(Path dataDirectory, long nodeId) {
        this.file = dataDirectory.resolve("nodes").resolve("node-" + nodeId + ".json");
    }

    List<NodeDeployment> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            List<NodeDeployment> loaded = new ArrayList<>();
            for (JsonNode entry : root.path("deployments")) {
                Deployment deployment = ZosJson.readDeployment(json.writeValueAsBytes(entry.path("deployment")));
                List<Workload> changes = ZosJson.readWorkloads(json.writeValueAsBytes(entry.path("changes")));
                loaded.add(new NodeDeployment(deployment, changes));
            }
            return loaded;
        } catch (IOException e) {
            throw new DeployerException("the node deployments in " + file + " cannot be read", e);
        }
    }

    void save(Collection<NodeDeployment> deployments) {
        try {
            ObjectNode root = json.createObjectNode();
            ArrayNode list = root.putArray("deployments");
            for (NodeDeployment d : deployments) {
                ObjectNode entry = list.addObject();
                entry.set("deployment", json.readTree(ZosJson.write(d.deployment())));
                entry.set("changes", json.valueToTree(d.changes()));
            }
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, json.writeValueAsBytes(root));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeployerException("the node deployments could not be saved to " + file, e);
        }
    }
}
