package io.threebot.deployer.lifecycle;

import java.util.Objects;

/**
 * One of the owner's 3Bots whose stored record cannot be read (cut short by a full disk, say): only its id is known,
 * from the store's index of owners. A listing shows it as damaged, with no data and no actions, and asks the user to
 * contact support with the id; operations on it are refused with a {@link DamagedThreebotException}.
 *
 * @param uuid the 3Bot's id (its solution uuid)
 */
public record DamagedThreebot(String uuid) {
    public DamagedThreebot {
        Objects.requireNonNull(uuid, "uuid");
    }
}
