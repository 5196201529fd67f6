package io.threebot.deployer.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.LogConfig;
import io.threebot.deployer.model.NetworkConnection;
import io.threebot.deployer.model.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds what a 3Bot's container is given, as the original deployer gave it. */
public final class ThreebotWorkloads {
    private ThreebotWorkloads() {
    }

    /** What the container needs to know and keep secret. */
    public record ContainerInputs(String name, String owner, String sshKey, GatewayChoice gateway, String ipAddress,
                                  Capacity capacity, Secret backupPassword, Secret backupToken, Secret trcSecret,
                                  Optional<LogConfig> logs) {
    }

    /** The deployer's metadata on every workload of a 3Bot. */
    public static String metadata(String owner, String name, String solutionUuid) {
        Map<String, Object> formInfo = new LinkedHashMap<>();
        formInfo.put("Solution name", name);
        formInfo.put("chatflow", "threebot");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("owner", owner + ".3bot");
        metadata.put("form_info", formInfo);
        metadata.put("solution_uuid", solutionUuid);
        try {
            return Json.mapper().writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ContainerSpec container(DeployerSettings settings, ContainerInputs in) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SDK_VERSION", settings.sdkVersion());
        env.put("INSTANCE_NAME", in.name());
        env.put("THREEBOT_NAME", in.owner());
        env.put("DOMAIN", in.gateway().fqdn());
        env.put("SSHKEY", in.sshKey());
        env.put("TEST_CERT", Boolean.toString(settings.testCert()));
        env.put("MARKETPLACE_URL", "https://" + settings.deployerDomain() + "/");
        env.put("DEFAULT_IDENTITY", settings.network().identitySuffix());
        env.put("EMAIL_HOST", "");
        env.put("EMAIL_HOST_USER", "");
        env.put("ESCALATION_MAIL", "");
        env.put("REMOTE_IP", in.gateway().remoteHost());
        env.put("REMOTE_PORT", Integer.toString(in.gateway().tcpRouterPort()));
        env.put("ACME_SERVER_URL", settings.acmeServerUrl());
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put("BACKUP_PASSWORD", in.backupPassword());
        secrets.put("BACKUP_TOKEN", in.backupToken());
        secrets.put("EMAIL_HOST_PASSWORD", Secret.of(""));
        secrets.put("TRC_SECRET", in.trcSecret());
        secrets.put("THREEBOT_WALLET_SECRET", Secret.of(""));
        return new ContainerSpec(settings.flist(), env, secrets, "", false, in.capacity(),
                List.of(new NetworkConnection("management", in.ipAddress(), true)), in.logs());
    }
}
