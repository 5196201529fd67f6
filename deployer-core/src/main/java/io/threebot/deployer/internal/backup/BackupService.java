package io.threebot.deployer.internal.backup;

import io.threebot.deployer.backup.BackupCredentialsException;
import io.threebot.deployer.backup.BackupIdentityNotFoundException;
import io.threebot.deployer.backup.BackupInitRequest;
import io.threebot.deployer.backup.Backups;
import io.threebot.deployer.backup.InvalidBackupRequestException;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.GridClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployer's side of a 3Bot's backups: a 3Bot proves it holds its identity key by sealing its backup password
 * for the deployer's key, and gets an account on every backup server (new 3Bots, with their one-time token) or has
 * its password checked there (restored 3Bots). A host app serves {@link #publicKey()} and {@link #init} to its
 * 3Bots, e.g. over HTTP, mapping the exception types to status codes.
 */
public final class BackupService implements Backups {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private final GridClient grid;
    private final BackupServers servers;
    private final BackupTokens tokens;
    private final byte[] curvePrivateKey;
    private final byte[] curvePublicKey;

    /**
     * @param deployerKeys the deployer's own identity; its curve25519 form opens the 3Bots' sealed passwords
     */
    public BackupService(GridClient grid, BackupServers servers, BackupTokens tokens, IdentityKeys deployerKeys) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.curvePrivateKey = NaCl.curvePrivateKey(deployerKeys.seed());
        this.curvePublicKey = NaCl.curvePublicKeyOf(curvePrivateKey);
    }

    @Override
    public String publicKey() {
        return Base64.getEncoder().encodeToString(curvePublicKey);
    }

    @Override
    public List<String> init(BackupInitRequest request) {
        String identity = identityName(request.threebotName());
        GridUser user = grid.findUser(identity).orElseThrow(() ->
                new BackupIdentityNotFoundException("no 3Bot identity '" + identity + "' on the grid"));
        Secret password = open(request.encryptedPassword(), user);
        if (!request.newAccount()) {
            if (!servers.verifyUser(identity, password)) {
                throw new BackupCredentialsException("3Bot name or password is incorrect");
            }
            LOG.info("Backup account {} verified", identity);
            return servers.addresses();
        }
        String token = request.token().filter(t -> !t.isBlank()).orElseThrow(() ->
                new InvalidBackupRequestException("a new backup account needs the 3Bot's backup token"));
        tokens.consume(identity, token);
        try {
            List<String> addresses = servers.createUser(identity, password);
            LOG.info("Backup account {} created on {} servers", identity, addresses.size());
            return addresses;
        } catch (RuntimeException e) {
            tokens.restore(identity, token);
            throw e;
        }
    }

    private static String identityName(String threebotName) {
        String name = threebotName.trim().toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        String identity = dot < 0 ? name : name.substring(0, dot);
        if (!IdentityNames.PATTERN.matcher(identity).matches()) {
            throw new InvalidBackupRequestException("not a 3Bot identity name: expected <owner>_<name> in lower-case"
                    + " letters and digits");
        }
        return identity;
    }

    private Secret open(String encryptedPassword, GridUser user) {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(encryptedPassword.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidBackupRequestException("the encrypted password is not base64");
        }
        try {
            byte[] sender = NaCl.curvePublicKey(HexFormat.of().parseHex(user.pubkeyHex()));
            String password = new String(NaCl.openBox(curvePrivateKey, sender, sealed), StandardCharsets.UTF_8);
            if (password.isEmpty()) {
                throw new InvalidBackupRequestException("the backup password is empty");
            }
            return Secret.of(password);
        } catch (IllegalArgumentException e) {
            throw new BackupCredentialsException("the password was not sealed by " + user.name()
                    + "'s key for this deployer");
        }
    }
}
