package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.backup.BackupAccessDeniedException;
import io.threebot.deployer.backup.BackupCredentialsException;
import io.threebot.deployer.backup.BackupIdentityNotFoundException;
import io.threebot.deployer.backup.InvalidBackupRequestException;
import io.threebot.deployer.billing.PaymentNotFoundException;
import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.chat.BackNotAllowedException;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.chat.SessionFinishedException;
import io.threebot.deployer.chat.TooManyChatsException;
import io.threebot.deployer.chat.UnknownFlowException;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.grid.GridNotFoundException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.lifecycle.DamagedThreebotException;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.PaidOperationFailedException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.TooManyAttemptsException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.StoreException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error a host meets carries the reason it maps by, with one switch and no message text. */
class DeployerExceptionReasonTest {

    @Test
    void eachErrorHasItsReasonAndStatus() {
        Map<DeployerException, Reason> expected = Map.ofEntries(
                Map.entry(new UnknownSessionException("x"), Reason.NOT_FOUND),
                Map.entry(new UnknownFlowException("x"), Reason.NOT_FOUND),
                Map.entry(new ThreebotNotFoundException("x"), Reason.NOT_FOUND),
                Map.entry(new PaymentNotFoundException("x"), Reason.NOT_FOUND),
                Map.entry(new BackupIdentityNotFoundException("x"), Reason.NOT_FOUND),
                Map.entry(new WrongPasswordException("x"), Reason.FORBIDDEN),
                Map.entry(new SpendingLimitException("x"), Reason.FORBIDDEN),
                Map.entry(new BackupAccessDeniedException("x"), Reason.FORBIDDEN),
                Map.entry(new SessionFinishedException("x"), Reason.CONFLICT),
                Map.entry(new SessionBusyException("x"), Reason.CONFLICT),
                Map.entry(new BackNotAllowedException("x"), Reason.CONFLICT),
                Map.entry(new InvalidStateException("x"), Reason.CONFLICT),
                Map.entry(new DamagedThreebotException("x", null), Reason.CONFLICT),
                Map.entry(new TooManyAttemptsException("x", Duration.ofMinutes(3)), Reason.RATE_LIMITED),
                Map.entry(new TooManyChatsException("x"), Reason.RATE_LIMITED),
                Map.entry(new InvalidInputException("days", "x"), Reason.INVALID_INPUT),
                Map.entry(new InvalidBackupRequestException("x"), Reason.INVALID_INPUT),
                Map.entry(new BackupCredentialsException("x"), Reason.INVALID_INPUT),
                Map.entry(new PaymentRequiredException("x"), Reason.PAYMENT_REQUIRED),
                Map.entry(new GridUnavailableException("x"), Reason.UNAVAILABLE),
                Map.entry(new GridNotFoundException("x"), Reason.UNAVAILABLE),
                Map.entry(new PaymentException("x"), Reason.UNAVAILABLE),
                Map.entry(new PaidOperationFailedException("x", 5, null), Reason.UNAVAILABLE),
                Map.entry(new StoreException("x"), Reason.INTERNAL));
        expected.forEach((e, reason) -> assertThat(e.reason()).as(e.getClass().getSimpleName()).isEqualTo(reason));
        assertThat(new TooManyAttemptsException("x", Duration.ofMinutes(3)).retryAfter())
                .contains(Duration.ofMinutes(3));
        assertThat(new InvalidInputException("days", "x").field()).contains("days");
        assertThat(new WrongPasswordException("x").field()).isEmpty();
    }

    @Test
    void reasonsMapToTheUsualHttpStatuses() {
        assertThat(Reason.NOT_FOUND.httpStatus()).isEqualTo(404);
        assertThat(Reason.FORBIDDEN.httpStatus()).isEqualTo(403);
        assertThat(Reason.CONFLICT.httpStatus()).isEqualTo(409);
        assertThat(Reason.RATE_LIMITED.httpStatus()).isEqualTo(429);
        assertThat(Reason.INVALID_INPUT.httpStatus()).isEqualTo(400);
        assertThat(Reason.PAYMENT_REQUIRED.httpStatus()).isEqualTo(402);
        assertThat(Reason.UNAVAILABLE.httpStatus()).isEqualTo(502);
        assertThat(Reason.INTERNAL.httpStatus()).isEqualTo(500);
    }
}
