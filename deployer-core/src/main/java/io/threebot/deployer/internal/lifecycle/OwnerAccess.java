package io.threebot.deployer.internal.lifecycle;

import java.util.Optional;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.crypto.PasswordHasher;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.internal.deploy.PasswordGuard;
import io.threebot.deployer.internal.deploy.ThreebotDeployment;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.lifecycle.TooManyAttemptsException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.crypto.IdentityKeys;

/**
 * The owner's recovery password and what it opens: a 3Bot's operations (the password is checked, with attempts
 * limited per 3Bot and per owner), its grid identity, which derives from the password, and its private network's
 * configuration.
 */
final class OwnerAccess {
    private final ThreebotLookup lookup;
    private final PasswordGuard passwords;
    private final PasswordHasher hasher;
    private final IdentityService identities;
    private final ThreebotDeployment deployment;
    private final HostedOperations hosted;

    OwnerAccess(ThreebotLookup lookup, PasswordGuard passwords, PasswordHasher hasher, IdentityService identities,
                ThreebotDeployment deployment, HostedOperations hosted) {
        this.hosted = hosted;
        this.lookup = lookup;
        this.passwords = passwords;
        this.hasher = hasher;
        this.identities = identities;
        this.deployment = deployment;
    }

    /**
     * The owner's 3Bot, once its recovery password is checked.
     *
     * @throws TooManyAttemptsException while too many wrong passwords lock it
     * @throws WrongPasswordException   for a wrong password
     */
    Threebot verify(String owner, String uuid, String password) {
        Threebot threebot = lookup.get(owner, uuid);
        PasswordGuard.Outcome outcome = passwords.check(owner, threebot.identityName(),
                () -> hasher.matches(password, threebot.passwordHash()));
        if (outcome instanceof PasswordGuard.Outcome.Locked locked) {
            throw new TooManyAttemptsException(PasswordGuard.refusal(outcome, threebot.name()), locked.retryAfter());
        }
        if (outcome instanceof PasswordGuard.Outcome.Wrong) {
            throw new WrongPasswordException(PasswordGuard.refusal(outcome, threebot.name()));
        }
        return threebot;
    }

    /**
     * The WireGuard configuration of the 3Bot's private network, once the recovery password is checked: opened from
     * the 3Bot's deployment journal, where its key stays sealed.
     *
     * @throws InvalidStateException for a destroyed 3Bot, or one whose journal keeps no network
     */
    String wireGuardConfig(String owner, String uuid, String password) {
        Threebot threebot = verify(owner, uuid, password);
        if (threebot.state() == ThreebotState.DELETED) {
            throw new InvalidStateException("3Bot '" + threebot.name() + "' was destroyed with its network.");
        }
        Optional<String> onHost = hosted.of(threebot).map(hosted::wireGuardConfig);
        if (onHost.isPresent()) {
            return onHost.get();
        }
        return deployment.wireGuardConfig(OperationRules.deploymentOf(threebot)).orElseThrow(
                () -> new InvalidStateException("3Bot '" + threebot.name() + "' has no private network on record; "
                        + "please contact support."));
    }

    /**
     * The 3Bot's keys, derived from its recovery password: on the explorer grid those of its registered identity, on
     * a hosting grid those of its account.
     *
     * @throws LifecycleException when the explorer grid does not know its identity or cannot be asked
     */
    IdentityKeys keys(Threebot threebot, String password) {
        return hosted.of(threebot).isPresent() ? identities.keys(threebot.identityName(), password)
                : identity(threebot, password).keys();
    }

    /**
     * The 3Bot's grid identity, derived from its recovery password.
     *
     * @throws LifecycleException when the grid does not know it or cannot be asked
     */
    GridIdentity identity(Threebot threebot, String password) {
        try {
            return identities.registered(threebot.identityName(), password);
        } catch (GridException e) {
            throw new LifecycleException("The grid identity of 3Bot '" + threebot.name() + "' cannot be used: "
                    + e.getMessage(), e);
        }
    }
}
