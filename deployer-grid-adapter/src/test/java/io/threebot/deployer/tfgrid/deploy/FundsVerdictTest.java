package io.threebot.deployer.tfgrid.deploy;

import static io.threebot.deployer.tfgrid.deploy.BotState.ContractState.CREATED;
import static io.threebot.deployer.tfgrid.deploy.BotState.ContractState.GONE;
import static io.threebot.deployer.tfgrid.deploy.BotState.ContractState.GRACE_PERIOD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule on what a 3Bot's contracts say of its funds, for every mix of their states. */
class FundsVerdictTest {
    @Test
    void aContractInItsGracePeriodIsTheGracePeriodUntilOneIsGoneAfterItWasSeen() {
        assertThat(FundsVerdict.of(List.of(CREATED, GRACE_PERIOD), false)).isEqualTo(FundsVerdict.GRACE_PERIOD);
        assertThat(FundsVerdict.of(List.of(CREATED, GRACE_PERIOD), true)).isEqualTo(FundsVerdict.GRACE_PERIOD);
        assertThat(FundsVerdict.of(List.of(GONE, GRACE_PERIOD), true)).as("billed one at a time")
                .isEqualTo(FundsVerdict.REMOVED);
        assertThat(FundsVerdict.of(List.of(GONE, GRACE_PERIOD), false)).as("gone by a change, maybe")
                .isEqualTo(FundsVerdict.GRACE_PERIOD);
    }

    @Test
    void contractsGoneAreARemovalOnlyOnceTheGracePeriodWasSeen() {
        assertThat(FundsVerdict.of(List.of(GONE, GONE), true)).isEqualTo(FundsVerdict.REMOVED);
        assertThat(FundsVerdict.of(List.of(GONE, CREATED), true)).isEqualTo(FundsVerdict.REMOVED);
        assertThat(FundsVerdict.of(List.of(GONE, GONE), false)).isEqualTo(FundsVerdict.FUNDED);
        assertThat(FundsVerdict.of(List.of(CREATED, CREATED), true)).as("topped up in time")
                .isEqualTo(FundsVerdict.FUNDED);
    }
}
