package io.threebot.deployer.sim;

import io.threebot.deployer.backup.BackupException;
import io.threebot.deployer.backup.BackupInitRequest;
import io.threebot.deployer.backup.Backups;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.model.ContainerSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started 3Bot container does with the deployer, as the stock entrypoint does: it derives its identity key
 * from its {@code BACKUP_PASSWORD} ({@code zfill(32)}), seals that password for the deployer's key and asks the
 * backup service for its account, first as an existing one, then as a new one with its {@code BACKUP_TOKEN}.
 */
public final class SimulatedEntrypoint {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedEntrypoint.class);

    private final Backups backups;

    public SimulatedEntrypoint(Backups backups) {
        this.backups = backups;
    }

    /** Runs the container's backup set-up; a failure is logged, as the stock container carries on without it. */
    public void started(ContainerSpec container) {
        String owner = container.environment().get("THREEBOT_NAME");
        String name = container.environment().get("INSTANCE_NAME");
        Optional<String> secret = Optional.ofNullable(container.secretEnvironment().get("BACKUP_PASSWORD"))
                .map(s -> s.value()).filter(s -> !s.isEmpty());
        if (owner == null || name == null || secret.isEmpty()) {
            return;
        }
        String threebot = owner + "_" + name + ".3bot";
        try {
            IdentityKeys keys = IdentityKeys.fromSeed(KeyDerivation.legacySeed(secret.get()));
            byte[] deployer = Base64.getDecoder().decode(backups.publicKey());
            String sealed = Base64.getEncoder().encodeToString(NaCl.box(NaCl.curvePrivateKey(keys.seed()), deployer,
                    secret.get().getBytes(StandardCharsets.UTF_8)));
            try {
                backups.init(BackupInitRequest.existing(threebot, sealed));
            } catch (BackupException notYet) {
                String token = Optional.ofNullable(container.secretEnvironment().get("BACKUP_TOKEN"))
                        .map(s -> s.value()).orElse("");
                backups.init(BackupInitRequest.create(threebot, sealed, token));
            }
        } catch (RuntimeException e) {
            LOG.warn("3Bot {} could not set up its backups: {}", threebot, e.getMessage());
        }
    }
}
