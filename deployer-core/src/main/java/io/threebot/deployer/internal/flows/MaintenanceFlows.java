package io.threebot.deployer.internal.flows;

import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.Action;
import io.threebot.deployer.internal.chat.FlowContext;
import io.threebot.deployer.internal.chat.FlowDefinition;
import io.threebot.deployer.internal.chat.Question;
import io.threebot.deployer.internal.chat.Rules;
import io.threebot.deployer.internal.chat.Slide;
import io.threebot.deployer.internal.chat.Step;
import io.threebot.deployer.internal.grid.LocationCatalog;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chats an owner uses on a deployed 3Bot: restart, change size, change location and extend. Each asks which
 * 3Bot and its recovery password (checked on the server, attempts limited), then what the operation needs, runs it
 * as a long step with progress, and shows the result.
 */
public final class MaintenanceFlows {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceFlows.class);

    public static final String RESTART = "threebot-restart";
    public static final String CHANGE_SIZE = "threebot-change-size";
    public static final String CHANGE_LOCATION = "threebot-change-location";
    public static final String EXTEND = "threebot-extend";

    private static final String BOT = "threebot";
    private static final String PASSWORD = "password";
    /** The session fact naming the 3Bot a maintenance chat is for; given at the start, the chat does not ask. */
    public static final String THREEBOT_FACT = "threebot_uuid";
    private static final String UUID = THREEBOT_FACT;
    private static final String RESULT = "result";

    /** What the long step of a maintenance chat does, with the session's paid request (if it bought days). */
    @FunctionalInterface
    private interface Operation {
        Threebot run(ThreebotService service, FlowContext ctx, String uuid, String password,
                     Optional<String> paymentId, Progress progress);
    }

    private final ThreebotService service;
    private final LocationSlides location;
    private final BillingSettings billingSettings;
    private final PaymentSteps payments;

    /**
     * @param locations the farms and nodes a 3Bot can move to: the explorer grid's, or the hosting grid's when the
     *                  deployer deploys on one
     */
    public MaintenanceFlows(ThreebotService service, LocationCatalog locations, UserBilling billing,
                            Duration pollInterval) {
        this.service = service;
        this.location = new LocationSlides(locations,
                ctx -> service.get(ctx.owner(), ctx.require(UUID, String.class)).flavor());
        this.billingSettings = billing.settings();
        this.payments = new PaymentSteps(billing, pollInterval);
    }

    /** The maintenance chats, to register with the chat engine. */
    public List<FlowDefinition> definitions() {
        return List.of(
                flow(RESTART, "Start", PurchaseKind.RESTART, List.of(startDaysQuestion()),
                        MaintenanceFlows::restart),
                flow(CHANGE_SIZE, "Change size", PurchaseKind.CHANGE_SIZE, List.of(flavorQuestion(), daysQuestion(0)),
                        (s, ctx, uuid, pw, paid, p) -> s.changeSize(ctx.owner(), uuid, pw, newSize(ctx).orElseThrow(),
                                paid, p)),
                flow(CHANGE_LOCATION, "Change location", PurchaseKind.CHANGE_LOCATION,
                        List.of(location.discoverFarms(), location.policyQuestion(), location.continentQuestion(),
                                location.farmQuestion(), location.listNodes(), location.nodeQuestion(),
                                moveDaysQuestion()),
                        (s, ctx, uuid, pw, paid, p) -> s.changeLocation(ctx.owner(), uuid, pw,
                                location.candidates(ctx), location.chosenNode(ctx), paid, p)),
                flow(EXTEND, "Extend", PurchaseKind.EXTEND, List.of(daysQuestion(1)),
                        (s, ctx, uuid, pw, paid, p) -> s.extend(ctx.owner(), uuid, pw, paid.orElseThrow(), p)));
    }

    /**
     * Restarts the 3Bot with the days the chat bought. On a hosting grid a restart buys no days: the chat bought them
     * as an extension (see {@link #purchase}), which tops up the 3Bot's account first; then it restarts on that.
     */
    private static Threebot restart(ThreebotService service, FlowContext ctx, String uuid, String password,
                                    Optional<String> paymentId, Progress progress) {
        if (paymentId.isPresent() && service.startBuysNoDays(ctx.owner(), uuid)) {
            service.extend(ctx.owner(), uuid, password, paymentId.get(), progress);
            return service.restart(ctx.owner(), uuid, password, Optional.empty(), progress);
        }
        return service.restart(ctx.owner(), uuid, password, paymentId, progress);
    }

    private FlowDefinition flow(String id, String title, PurchaseKind kind, List<Slide> questions,
                                Operation operation) {
        List<Slide> choose = new ArrayList<>(List.of(botQuestion(), passwordQuestion()));
        return new FlowDefinition(id, title, List.of(
                new Step("Choose your 3Bot", choose, false, false),
                new Step(title, questions, false, false),
                Step.of("Payment", payments.request(ctx -> purchase(ctx, kind)), payments.show()),
                Step.of("Working", payments.await(), Action.of("operation", title + ": working.", (state, progress) -> {
                    String password = state.secret(PASSWORD).orElseThrow();
                    try {
                        Threebot result = operation.run(service, state, state.require(UUID, String.class), password,
                                PaymentSteps.paymentId(state), progress);
                        state.put(RESULT, result.uuid());
                    } catch (LifecycleException | PaymentRequiredException e) {
                        throw new StopFlowException(e.getMessage(), e);
                    }
                })).withBackDisabled(),
                Step.of("Done", Question.builder("done", Category.MD_SHOW).text(ctx -> {
                    Threebot t = service.get(ctx.owner(), ctx.require(RESULT, String.class));
                    return "3Bot **" + t.name() + "** is " + t.state() + " at <" + t.url() + ">, size "
                            + t.flavor().displayName() + ", farm " + t.farmName()
                            + t.expiresAt().map(e -> ", runs until " + e).orElse("") + ".";
                }).build()).asFinal()));
    }

    private List<String> bots(String owner) {
        return service.list(owner).stream().filter(v -> v.state() != ThreebotState.DELETED).map(ThreebotView::name)
                .distinct().toList();
    }

    private Question botQuestion() {
        return Question.builder(BOT, Category.DROP_DOWN_CHOICE)
                .text("Which 3Bot?")
                .onlyWhen(ctx -> ctx.data(UUID, String.class).isEmpty() || ctx.answer(BOT).isPresent())
                .options(ctx -> bots(ctx.owner()))
                .required()
                .onAnswer((name, state) -> {
                    state.put(UUID, service.list(state.owner()).stream()
                            .filter(v -> v.name().equals(name) && v.state() != ThreebotState.DELETED)
                            .findFirst().orElseThrow().uuid());
                    return Optional.empty();
                })
                .build();
    }

    private Question passwordQuestion() {
        return Question.builder(PASSWORD, Category.SECRET_ASK)
                .text(ctx -> "Enter the recovery password of 3Bot '" + service.get(ctx.owner(),
                        ctx.require(UUID, String.class)).name() + "'.")
                .required().maxLength(32)
                .onAnswer((password, state) -> {
                    try {
                        service.verify(state.owner(), state.require(UUID, String.class), password);
                        return Optional.empty();
                    } catch (LifecycleException e) {
                        return Optional.of(e.getMessage());
                    }
                })
                .build();
    }

    /**
     * The new size: every size but the one the 3Bot has now, which the text names (and the hint {@code current}
     * gives, for a page that marks it), so a change to the same size is never offered.
     */
    private Question flavorQuestion() {
        return Question.builder("flavor", Category.SINGLE_CHOICE)
                .text(ctx -> "Your 3Bot is " + currentSize(ctx).displayName() + " now. Choose the new size.")
                .options(ctx -> Arrays.stream(Flavor.values()).filter(f -> f != currentSize(ctx)).map(Flavor::label)
                        .toList())
                .hints(ctx -> Map.of("current", currentSize(ctx).label()))
                .required().build();
    }

    private Flavor currentSize(FlowContext ctx) {
        return service.get(ctx.owner(), ctx.require(UUID, String.class)).flavor();
    }

    /**
     * Days to buy for a move. On the explorer grid none are needed when the 3Bot's identity still has a pool with
     * time on the farm it moves to (moving back), at least one otherwise, as the move buys a new pool. On a hosting
     * grid (TFGrid v3) the 3Bot's account pays wherever it runs: the question is not asked while the account pays
     * for the move ({@link ThreebotService#moveIsPaidByItsAccount}), and asks for at least one day when it runs dry.
     */
    private Question moveDaysQuestion() {
        int max = billingSettings.maxDaysPerPurchase();
        return Question.builder("days", Category.INT_ASK)
                .text(ctx -> hosted(ctx) ? "Your 3Bot's account pays for less than an hour more: buy at least 1 day "
                        + "to move it (up to " + max + ")"
                        : reusedPool(ctx).map(left -> "Your 3Bot still has a capacity pool there that lasts about "
                        + Expiry.roughly(left) + ", so the move needs no payment. How many days should be added? "
                        + "(0 keeps that, at most " + max + ")")
                        .orElse("The move buys a new capacity pool there. How many days should it last? (1 to " + max
                                + ")"))
                .defaultValue(ctx -> Optional.of(reusedPool(ctx).isPresent() ? "0" : "14"))
                .onlyWhen(ctx -> !movePaidByAccount(ctx))
                .required().rule(Rules.integer(0, max))
                .rule((answer, ctx) -> !answer.strip().equals("0") || reusedPool(ctx).isPresent() ? Optional.empty()
                        : Optional.of(hosted(ctx) ? "The account runs dry: buy at least 1 day."
                        : "The move buys a new pool: buy at least 1 day."))
                .hint("max", max)
                .build();
    }

    private boolean hosted(FlowContext ctx) {
        return service.isHosted(ctx.owner(), ctx.require(UUID, String.class));
    }

    /**
     * Whether the 3Bot's account on a hosting grid pays for its move: the chat then asks for no days. A grid that
     * cannot tell now (an outage) gets the question, which a move of an account that pays may answer with 1 day.
     */
    private boolean movePaidByAccount(FlowContext ctx) {
        try {
            return service.moveIsPaidByItsAccount(ctx.owner(), ctx.require(UUID, String.class));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (DeployerException e) {
            LOG.warn("could not read whether the account of 3Bot {} pays for its move; asking for days: {}",
                    ctx.require(UUID, String.class), e.toString());
            return false;
        }
    }

    private Optional<Duration> reusedPool(FlowContext ctx) {
        try {
            return service.reusedPoolTimeLeft(ctx.owner(), ctx.require(UUID, String.class), location.candidates(ctx),
                    location.chosenNode(ctx));
        } catch (LifecycleException e) {
            return Optional.empty();
        }
    }

    /**
     * What the chat buys for the chosen 3Bot: its days at its size (the new size for a change of size); a restart's
     * days on a hosting grid are bought as an extension, as a restart there buys none, and a move its account pays
     * for buys nothing.
     */
    private UserBilling.Target purchase(FlowContext ctx, PurchaseKind kind) {
        Threebot threebot = service.get(ctx.owner(), ctx.require(UUID, String.class));
        PurchaseKind bought = kind == PurchaseKind.RESTART && service.startBuysNoDays(ctx.owner(), threebot.uuid())
                ? PurchaseKind.EXTEND : kind;
        // a move its account pays for skipped the days question (one whose account ran dry meanwhile is refused)
        int days = kind != PurchaseKind.CHANGE_LOCATION ? days(ctx)
                : ctx.answer("days").map(a -> Integer.parseInt(a.trim())).orElse(0);
        return new UserBilling.Target(bought, threebot.uuid(), threebot.name(), newSize(ctx).orElse(threebot.flavor()),
                days);
    }

    private Question daysQuestion(int min) {
        int max = billingSettings.maxDaysPerPurchase();
        return Question.builder("days", Category.INT_ASK)
                .text(min == 0 ? "How many days of capacity should be added? (0 keeps what the pool has left, at most "
                        + max + ")" : "How many days of capacity should be added? (" + min + " to " + max + ")")
                .defaultValue(min == 0 ? "0" : "14").required().rule(Rules.integer(min, max))
                .hint("min", min).hint("max", max)
                .build();
    }

    /**
     * Days to buy for a start: the question says how long the pool still lasts; none are needed while it has time,
     * at least one when it ran dry.
     */
    private Question startDaysQuestion() {
        int max = billingSettings.maxDaysPerPurchase();
        return Question.builder("days", Category.INT_ASK)
                .text(ctx -> {
                    Duration left = timeLeft(ctx);
                    return (dry(left) ? "Its capacity pool ran dry: buy at least 1 day to start it (up to " + max
                            : "Its capacity pool lasts about " + Expiry.roughly(left) + " more. How many days should be "
                            + "added? (0 keeps that, at most " + max) + ")";
                })
                .defaultValue(ctx -> Optional.of(dry(timeLeft(ctx)) ? "14" : "0"))
                .required().rule(Rules.integer(0, max))
                .rule((answer, ctx) -> answer.strip().equals("0") && dry(timeLeft(ctx))
                        ? Optional.of("The pool ran dry: buy at least 1 day.") : Optional.empty())
                .hint("max", max)
                .build();
    }

    private Duration timeLeft(FlowContext ctx) {
        return service.poolTimeLeft(ctx.owner(), ctx.require(UUID, String.class));
    }

    private static boolean dry(Duration left) {
        return left.compareTo(ThreebotService.MIN_TIME_TO_START) < 0;
    }

    private static Optional<Flavor> newSize(FlowContext ctx) {
        return ctx.answer("flavor").flatMap(Flavor::fromLabel);
    }

    private static int days(FlowContext ctx) {
        return Integer.parseInt(ctx.requireAnswer("days").trim());
    }
}
