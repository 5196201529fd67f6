package io.threebot.deployer.lifecycle;

import io.threebot.deployer.chat.Action;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.FlowContext;
import io.threebot.deployer.chat.FlowDefinition;
import io.threebot.deployer.chat.Progress;
import io.threebot.deployer.chat.Question;
import io.threebot.deployer.chat.Rules;
import io.threebot.deployer.chat.Slide;
import io.threebot.deployer.chat.Step;
import io.threebot.deployer.chat.StopFlowException;
import io.threebot.deployer.grid.CapacityFinder;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The chats an owner uses on a deployed 3Bot: restart, change size, change location and extend. Each asks which
 * 3Bot and its recovery password (checked on the server, attempts limited), then what the operation needs, runs it
 * as a long step with progress, and shows the result.
 */
public final class MaintenanceFlows {
    public static final String RESTART = "threebot-restart";
    public static final String CHANGE_SIZE = "threebot-change-size";
    public static final String CHANGE_LOCATION = "threebot-change-location";
    public static final String EXTEND = "threebot-extend";

    private static final String BOT = "threebot";
    private static final String PASSWORD = "password";
    private static final String UUID = "threebot_uuid";
    private static final String RESULT = "result";

    /** What the long step of a maintenance chat does. */
    @FunctionalInterface
    private interface Operation {
        Threebot run(ThreebotService service, FlowContext ctx, String uuid, String password, Progress progress);
    }

    private final ThreebotService service;
    private final CapacityFinder capacity;

    public MaintenanceFlows(ThreebotService service, CapacityFinder capacity) {
        this.service = service;
        this.capacity = capacity;
    }

    /** The maintenance chats, to register with the chat engine. */
    public List<FlowDefinition> definitions() {
        return List.of(
                flow(RESTART, "Start", List.of(daysQuestion(0)),
                        (s, ctx, uuid, pw, p) -> s.restart(ctx.owner(), uuid, pw, days(ctx), p)),
                flow(CHANGE_SIZE, "Change size", List.of(flavorQuestion(), daysQuestion(0)),
                        (s, ctx, uuid, pw, p) -> s.changeSize(ctx.owner(), uuid, pw,
                                Flavor.fromLabel(ctx.requireAnswer("flavor")).orElseThrow(), days(ctx), p)),
                flow(CHANGE_LOCATION, "Change location", List.of(farmQuestion(), daysQuestion(1)),
                        (s, ctx, uuid, pw, p) -> s.changeLocation(ctx.owner(), uuid, pw, ctx.requireAnswer("farm"),
                                Optional.empty(), days(ctx), p)),
                flow(EXTEND, "Extend", List.of(daysQuestion(1)),
                        (s, ctx, uuid, pw, p) -> s.extend(ctx.owner(), uuid, pw, days(ctx), p)));
    }

    private FlowDefinition flow(String id, String title, List<Slide> questions, Operation operation) {
        List<Slide> choose = new ArrayList<>(List.of(botQuestion(), passwordQuestion()));
        return new FlowDefinition(id, title, List.of(
                new Step("Choose your 3Bot", choose, false, false),
                new Step(title, questions, false, false),
                Step.of("Working", Action.of("operation", title + ": working.", (state, progress) -> {
                    String password = state.secret(PASSWORD).orElseThrow();
                    try {
                        Threebot result = operation.run(service, state, state.require(UUID, String.class), password,
                                progress);
                        state.put(RESULT, result.uuid());
                    } catch (LifecycleException e) {
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

    private Question botQuestion() {
        return Question.builder(BOT, Category.DROP_DOWN_CHOICE)
                .text("Which 3Bot?")
                .options(ctx -> service.list(ctx.owner()).stream().filter(v -> v.state() != ThreebotState.DELETED)
                        .map(ThreebotView::name).distinct().toList())
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
                .text(ctx -> "Enter the recovery password of 3Bot '" + ctx.requireAnswer(BOT) + "'.")
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

    private static Question flavorQuestion() {
        List<String> labels = Arrays.stream(Flavor.values()).map(Flavor::label).toList();
        return Question.builder("flavor", Category.SINGLE_CHOICE).text("Choose the new size.").options(labels)
                .required().build();
    }

    private Question farmQuestion() {
        return Question.builder("farm", Category.DROP_DOWN_CHOICE)
                .text("Choose the farm to move to.")
                .options(ctx -> capacity.eligibleFarms(service.get(ctx.owner(), ctx.require(UUID, String.class))
                        .flavor().resources()).stream().map(CapacityFinder.EligibleFarm::name).toList())
                .required().build();
    }

    private static Question daysQuestion(int min) {
        return Question.builder("days", Category.INT_ASK)
                .text(min == 0 ? "How many days of capacity should be added? (0 keeps what the pool has left)"
                        : "How many days of capacity should be added? (1 to 365)")
                .defaultValue(min == 0 ? "0" : "14").required().rule(Rules.integer(min, 365))
                .build();
    }

    private static int days(FlowContext ctx) {
        return Integer.parseInt(ctx.requireAnswer("days").trim());
    }
}
