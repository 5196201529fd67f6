package io.threebot.deployer.internal.flows;

import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.billing.PaymentDisplay;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.Action;
import io.threebot.deployer.internal.chat.FlowContext;
import io.threebot.deployer.internal.chat.Question;
import io.threebot.deployer.internal.support.ResumeLater;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;

/**
 * The chat slides through which a user pays for a purchase, shared by the deploy and maintenance chats: a long step
 * that opens the payment request (after the limits allowed it), a {@code qrcode_show} message with the amount,
 * address, memo, deadline and QR code, and a long step that waits, with progress, until the payment arrived or the
 * request expired. The request's id is kept in the session, so a restarted deployer waits for the same payment.
 */
public final class PaymentSteps {
    /** The session fact holding the payment request's id. */
    public static final String PAYMENT_ID = "payment_id";
    /** The key of the QR message. */
    public static final String QUESTION_KEY = "payment";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final UserBilling billing;
    private final Duration poll;

    public PaymentSteps(UserBilling billing, Duration poll) {
        this.billing = billing;
        this.poll = poll;
    }

    /** The id of the session's payment request, once one was opened. */
    public static Optional<String> paymentId(FlowContext ctx) {
        return ctx.data(PAYMENT_ID, String.class);
    }

    /**
     * Opens the payment request for what the session buys, or keeps the one it opened when the purchase did not
     * change (the user went back and forth); a changed purchase, or one that buys no days, withdraws the old
     * request. A limit that refuses the purchase ends the chat with nothing bought.
     *
     * @param target what the session buys; a target of 0 days buys nothing and asks for no payment
     */
    public Action request(Function<FlowContext, UserBilling.Target> target) {
        return Action.of("payment_request", "Preparing your payment request.", (state, progress) -> {
            UserBilling.Target wanted = target.apply(state);
            Optional<UserPayment> previous = paymentId(state).map(id -> billing.get(state.owner(), id));
            if (previous.isPresent() && billing.reusableFor(previous.get(), wanted)) {
                return;
            }
            previous.ifPresent(p -> billing.withdraw(p.id()));
            state.remove(PAYMENT_ID);
            if (wanted.days() == 0) {
                return;
            }
            try {
                UserPayment opened = billing.open(state.owner(), wanted.kind(), wanted.threebotUuid(),
                        wanted.threebotName(), wanted.flavor(), wanted.days());
                state.put(PAYMENT_ID, opened.id());
            } catch (SpendingLimitException e) {
                throw new StopFlowException(e.getMessage(), e);
            }
        });
    }

    /**
     * The request to pay: amount with the fee, currency, address, memo, deadline and the QR code to scan; shown when
     * the session has a request.
     */
    public Question show() {
        return Question.builder(QUESTION_KEY, Category.QRCODE_SHOW)
                .text(ctx -> instructions(payment(ctx)))
                .hints(ctx -> PaymentDisplay.fields(payment(ctx)))
                .onlyWhen(ctx -> paymentId(ctx).isPresent())
                .build();
    }

    /**
     * Waits for the session's payment with progress; ends the chat, with nothing bought, when it did not arrive in
     * time. Skipped when the session buys nothing.
     */
    public Action await() {
        return Action.of("await_payment", "Waiting for your payment.", (state, progress) -> {
            String id = paymentId(state).orElseThrow();
            // one look a run: while the payment has not arrived, the step runs again after a poll, without a thread
            Optional<UserPayment> before = ResumeLater.left(UserPayment.class);
            UserPayment last = before.orElseGet(() -> {
                UserPayment shown = billing.get(state.owner(), id);
                progress.update(waiting(shown));
                return shown;
            });
            UserPayment end = billing.look(id);
            if (end.status() == PaymentStatus.AWAITING) {
                if (!end.equals(last)) {
                    progress.update(waiting(end)); // a part arrived, say
                }
                throw new ResumeLater(poll, end);
            }
            boolean ours = end.status() == PaymentStatus.PAID || end.status() == PaymentStatus.IN_USE
                    && end.operationId().equals(state.sessionId());
            if (!ours) {
                throw new StopFlowException(unpaid(end));
            }
            progress.update("Payment of " + end.amountText() + " " + end.currency() + " received.");
        }).onlyWhen(ctx -> paymentId(ctx).isPresent());
    }

    // ---- text -----------------------------------------------------------------------------------------------

    private UserPayment payment(FlowContext ctx) {
        return billing.get(ctx.owner(), paymentId(ctx).orElseThrow());
    }

    static String instructions(UserPayment p) {
        return "### Pay for " + p.kind().description() + "\n\n"
                + "Send **" + p.amountText() + " " + p.currency() + "** (" + Tft.format(p.costStroops()) + " for "
                + p.days() + " days of a " + p.flavor().displayName() + " 3Bot, plus a " + Tft.format(p.feeStroops())
                + " " + p.currency() + " fee) to\n\n`" + p.address() + "`\n\nwith the memo `" + p.memo()
                + "`, exactly: a payment with another memo cannot be matched. Scan the QR code with your wallet app, "
                + "or pay by hand.\n\nThe request is open until " + TIME.format(p.deadline()) + ". Nothing is "
                + "reserved or deployed until your payment arrives; if it does not arrive in full by then, whatever "
                + "you sent is refunded minus the fee.\n\nPress Next once you have paid.";
    }

    static String waiting(UserPayment p) {
        return "Waiting for your payment of " + p.amountText() + " " + p.currency() + " with memo `" + p.memo()
                + "`: " + Tft.format(p.receivedStroops()) + " received so far; the request is open until "
                + TIME.format(p.deadline()) + ".";
    }

    static String unpaid(UserPayment p) {
        String back = p.refundedStroops() > 0 ? " The " + Tft.format(p.refundedStroops()) + " " + p.currency()
                + " that arrived " + (p.refundsPending() ? "will be" : "were") + " refunded (minus the fee)." : "";
        return switch (p.status()) {
            case EXPIRED -> "Your payment of " + p.amountText() + " " + p.currency() + " with memo " + p.memo()
                    + " did not arrive in full before " + TIME.format(p.deadline()) + ", so nothing was bought."
                    + back + " Start again when you are ready to pay.";
            case REFUNDED -> "Your payment was refunded in full and nothing was bought; please start again.";
            default -> "This payment request can no longer be used (" + p.status().name().toLowerCase(
                    java.util.Locale.ROOT) + "); nothing was bought. Please start again.";
        };
    }
}
