package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.internal.lifecycle.AutoRenewals;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.ExpiryNotice;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Auto-renew asks the owner to pay ahead of expiry and extends the pool once paid; the operator never pays for it. */
class AutoRenewTest {
    private static final Secret PW = Secret.of(ChatDriver.DEFAULTS.get("password"));

    private final SimulatedClock clock = new SimulatedClock();
    private final SimulatedWorld world = SimulatedWorld.builder().clock(clock).workloadDelay(Duration.ZERO).build();
    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

    private ThreebotDeployer deployer() {
        ThreebotDeployer deployer = world.deployerBuilder(SimulatedWorld.fastSettings().build()).events(events::add)
                .build().start();
        assertThat(ChatDriver.start(deployer, "kim").runToEnd(Map.of("days", "3")).category())
                .isEqualTo(Category.END);
        return deployer;
    }

    private static String uuid(ThreebotDeployer deployer) {
        return deployer.forOwner("kim").threebots().get(0).uuid();
    }

    @Test
    void aPaidRenewalExtendsThePoolBeforeItRunsDry() {
        try (ThreebotDeployer deployer = deployer()) {
            OwnerDeployer kim = deployer.forOwner("kim");
            String uuid = uuid(deployer);
            kim.autoRenew(uuid, PW, 5);
            assertThat(kim.autoRenewDays(uuid)).contains(5);
            int operatorPaid = world.payments().receipts().size();

            clock.advance(Duration.ofHours(26));
            ExpiryNotice notice = deployer.checkExpiry().get(0);
            assertThat(notice.expiry()).isEqualTo(Expiry.EXPIRES_SOON);
            String request = notice.renewalPayment().orElseThrow();
            assertThat(notice.message()).contains("pay the renewal request " + request);
            assertThat(deployer.forOwner("kim").payment(request).days()).isEqualTo(5);
            assertThat(deployer.forOwner("kim").payment(request).status()).isEqualTo(PaymentStatus.SETTLED);
            assertThat(events).filteredOn(e -> e.kind() == DeploymentEvent.Kind.RENEWED).singleElement()
                    .satisfies(e -> assertThat(e.message()).isEqualTo("3Bot 'mybot' was renewed for 5 days."));
            assertThat(kim.threebots().get(0).poolTimeLeft().orElseThrow()).isGreaterThan(Duration.ofDays(6));
            assertThat(kim.threebots().get(0).expiry()).contains(Expiry.OK);
            assertThat(world.payments().receipts()).as("the grid was paid from the user's payment")
                    .hasSize(operatorPaid + 1);

            assertThat(deployer.checkExpiry()).as("renewed: nothing to tell").isEmpty();
            clock.advance(Duration.ofDays(5));
            assertThat(deployer.checkExpiry()).singleElement()
                    .satisfies(n -> assertThat(n.renewalPayment()).isPresent().isNotEqualTo(notice.renewalPayment()));
        }
    }

    @Test
    void anUnpaidRenewalBuysNothingAndTheOwnerIsTold() {
        try (ThreebotDeployer deployer = deployer()) {
            world.ledger().payNothing();
            String uuid = uuid(deployer);
            deployer.forOwner("kim").autoRenew(uuid, PW, 5);
            int operatorPaid = world.payments().receipts().size();

            clock.advance(Duration.ofHours(26));
            String request = deployer.checkExpiry().get(0).renewalPayment().orElseThrow();
            assertThat(deployer.forOwner("kim").payment(request).status()).isEqualTo(PaymentStatus.AWAITING);
            assertThat(deployer.forOwner("kim").payment(request).deadline()).as("payable until the pool runs dry")
                    .isAfter(clock.instant().plus(Duration.ofHours(40)));

            clock.advance(Duration.ofDays(2));
            assertThat(deployer.checkExpiry()).extracting(ExpiryNotice::expiry).containsExactly(Expiry.RAN_DRY);
            assertThat(deployer.forOwner("kim").payment(request).status()).isEqualTo(PaymentStatus.EXPIRED);
            assertThat(events).filteredOn(e -> e.kind() == DeploymentEvent.Kind.RENEWAL_FAILED).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("was not paid in time"));
            assertThat(world.payments().receipts()).as("the operator paid nothing").hasSize(operatorPaid);
            assertThat(deployer.forOwner("kim").autoRenewDays(uuid)).as("auto-renew stays on").contains(5);
        }
    }

    @Test
    void autoRenewIsRefusedWithAWrongPasswordBadDaysOrAnotherOwnersBotAndCanBeTurnedOff() {
        try (ThreebotDeployer deployer = deployer()) {
            OwnerDeployer kim = deployer.forOwner("kim");
            String uuid = uuid(deployer);
            assertThatThrownBy(() -> kim.autoRenew(uuid, Secret.of("not the password"), 5))
                    .isInstanceOf(WrongPasswordException.class);
            assertThatThrownBy(() -> kim.autoRenew(uuid, PW, 0)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Auto-renew buys 1 to");
            assertThatThrownBy(() -> deployer.forOwner("eve").autoRenew(uuid, PW, 5))
                    .isInstanceOf(ThreebotNotFoundException.class);
            assertThat(kim.autoRenewDays(uuid)).isEmpty();

            kim.autoRenew(uuid, PW, 5);
            assertThat(kim.stopAutoRenew(uuid)).isTrue();
            assertThat(world.store().list(AutoRenewals.KIND, AutoRenewals.Renewal.class)).as("the key is gone")
                    .isEmpty();
            clock.advance(Duration.ofHours(26));
            assertThat(deployer.checkExpiry()).singleElement()
                    .satisfies(n -> assertThat(n.renewalPayment()).isEmpty());
        }
    }

    @Test
    void autoRenewFollowsTheBotThroughARestartAndAsksEvenWhenTurnedOnAfterTheWarning() {
        try (ThreebotDeployer deployer = deployer()) {
            OwnerDeployer kim = deployer.forOwner("kim");
            clock.advance(Duration.ofHours(26));
            assertThat(deployer.checkExpiry()).singleElement()
                    .satisfies(n -> assertThat(n.renewalPayment()).as("auto-renew is off yet").isEmpty());

            String first = uuid(deployer);
            Internals.lifecycle(deployer).stop("kim", first, PW.value());
            String restarted = kim.start(first, PW, java.util.Optional.empty(), Progress.silent()).uuid();
            assertThat(restarted).isNotEqualTo(first);
            kim.autoRenew(restarted, PW, 4);
            Internals.lifecycle(deployer).stop("kim", restarted, PW.value());
            String again = kim.start(restarted, PW, java.util.Optional.empty(), Progress.silent()).uuid();
            assertThat(kim.autoRenewDays(again)).as("still on after another restart").contains(4);

            ExpiryNotice asked = deployer.checkExpiry().get(0);
            assertThat(asked.renewalPayment()).as("asked although the warning was told before").isPresent();
            assertThat(events).filteredOn(e -> e.kind() == DeploymentEvent.Kind.RENEWED).singleElement()
                    .satisfies(e -> assertThat(e.deploymentId()).isEqualTo(again));
            assertThat(kim.threebots().get(0).poolTimeLeft().orElseThrow()).isGreaterThan(Duration.ofDays(4));
        }
    }

    @Test
    void destroyForgetsTheKeyAndWithdrawsAnOpenRequest() {
        try (ThreebotDeployer deployer = deployer()) {
            world.ledger().payNothing();
            OwnerDeployer kim = deployer.forOwner("kim");
            String uuid = uuid(deployer);
            kim.autoRenew(uuid, PW, 5);
            clock.advance(Duration.ofHours(26));
            String request = deployer.checkExpiry().get(0).renewalPayment().orElseThrow();
            kim.destroy(uuid, PW);
            assertThat(world.store().list(AutoRenewals.KIND, AutoRenewals.Renewal.class)).isEmpty();
            assertThat(deployer.forOwner("kim").payment(request).status()).isEqualTo(PaymentStatus.CANCELLED);
        }
    }
}
