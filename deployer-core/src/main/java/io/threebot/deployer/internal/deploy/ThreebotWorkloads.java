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
        Map<String, String> env = common(settings, in.name(), in.owner(), Optional.of(in.gateway().fqdn()),
                in.sshKey());
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

    /**
     * The environment of a 3Bot's VM on a grid without secret environment variables (TFGrid v3): what the container
     * gets, its secrets in plain (the node and its farmer can read them), without the reverse proxy's settings (the
     * gateway reaches the VM over its network). The grid's hosting adds {@code DOMAIN}, once it chose the gateway.
     */
    public static Map<String, String> vmEnvironment(DeployerSettings settings, String name, String owner,
                                                    String sshKey, Secret backupPassword, Secret backupToken) {
        Map<String, String> env = common(settings, name, owner, Optional.empty(), sshKey);
        env.put("ACME_SERVER_URL", settings.acmeServerUrl());
        env.put("BACKUP_PASSWORD", backupPassword.value());
        env.put("BACKUP_TOKEN", backupToken.value());
        return env;
    }

    private static Map<String, String> common(DeployerSettings settings, String name, String owner,
                                              Optional<String> domain, String sshKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SDK_VERSION", settings.sdkVersion());
        env.put("INSTANCE_NAME", name);
        env.put("THREEBOT_NAME", owner);
        domain.ifPresent(d -> env.put("DOMAIN", d));
        env.put("SSHKEY", sshKey);
        env.put("TEST_CERT", Boolean.toString(settings.testCert()));
        env.put("MARKETPLACE_URL", "https://" + settings.deployerDomain() + "/");
        env.put("DEFAULT_IDENTITY", settings.network().identitySuffix());
        return env;
    }
}
