package io.threebot.deployer.internal.flows;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.chat.Action;
import io.threebot.deployer.internal.chat.FlowContext;
import io.threebot.deployer.internal.chat.Question;
import io.threebot.deployer.internal.grid.LocationCatalog;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Node;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The location questions of the deploy and change-location chats: farms with room are discovered, then a policy
 * (automatic, continent, farm, specific node) and what it needs are asked, from the farms and nodes that have room
 * for the 3Bot's size.
 */
public final class LocationSlides {
    static final String POLICY = "policy";
    static final String CONTINENT = "continent";
    static final String FARM = "farm";
    static final String NODE = "node";

    static final String AUTOMATIC = "Automatic";
    static final String BY_CONTINENT = "Continent";
    static final String BY_FARM = "Farm";
    static final String BY_NODE = "Specific node";

    private static final String FARMS = "eligible_farms";
    private static final String NODES = "node_choices";

    /** A node the owner may choose, with its farm. */
    public record NodeChoice(String nodeId, long farmId) {
    }

    private final LocationCatalog capacity;
    private final Function<FlowContext, Flavor> flavor;

    /** @param flavor the size the 3Bot will run at, read from the session */
    public LocationSlides(LocationCatalog capacity, Function<FlowContext, Flavor> flavor) {
        this.capacity = capacity;
        this.flavor = flavor;
    }

    /** Finds the farms with room; ends the chat when there are none. */
    public Action discoverFarms() {
        return Action.of("discover_farms", "Fetching farms with room for your 3Bot.", (state, progress) -> {
            Flavor size = flavor.apply(state);
            List<EligibleFarm> farms = capacity.farmsFor(size);
            if (farms.isEmpty()) {
                throw new StopFlowException("No farm has enough free capacity for a " + size.displayName()
                        + " 3Bot right now. Please try a smaller size or come back later.");
            }
            state.put(FARMS, farms);
        });
    }

    public Question policyQuestion() {
        return Question.builder(POLICY, Category.SINGLE_CHOICE)
                .text("Where should your 3Bot run?")
                .options(ctx -> continents(ctx).isEmpty() ? List.of(AUTOMATIC, BY_FARM, BY_NODE)
                        : List.of(AUTOMATIC, BY_CONTINENT, BY_FARM, BY_NODE))
                .defaultValue(AUTOMATIC).required()
                .build();
    }

    public Question continentQuestion() {
        return choice(CONTINENT, "Choose a continent.", BY_CONTINENT, ctx -> List.copyOf(continents(ctx)));
    }

    public Question farmQuestion() {
        return choice(FARM, "Choose a farm.", BY_FARM, ctx -> farms(ctx).stream().map(EligibleFarm::name).toList());
    }

    /** Lists the nodes with room, under the specific-node policy. */
    public Action listNodes() {
        return Action.of("list_nodes", "Looking for nodes with room for your 3Bot.", (state, progress) -> {
            List<Long> farmIds = farms(state).stream().map(EligibleFarm::id).toList();
            Flavor size = flavor.apply(state);
            List<LocationCatalog.NodeOption> nodes = capacity.nodesFor(farmIds, size);
            if (nodes.isEmpty()) {
                throw new StopFlowException("No node has room for a " + size.displayName()
                        + " 3Bot right now. Please choose another location policy or come back later.");
            }
            state.put(NODES, nodes.stream().map(n -> new NodeChoice(n.nodeId(), n.farmId())).toList());
        }).onlyWhen(ctx -> policy(ctx).equals(BY_NODE));
    }

    public Question nodeQuestion() {
        return choice(NODE, "Choose a node.", BY_NODE, ctx -> nodeChoices(ctx).stream().map(NodeChoice::nodeId)
                .toList());
    }

    /** The location policy the answers chose. */
    public LocationPolicy locationPolicy(FlowContext ctx) {
        return switch (policy(ctx)) {
            case BY_CONTINENT -> LocationPolicy.continent(ctx.requireAnswer(CONTINENT));
            case BY_FARM -> LocationPolicy.farm(ctx.requireAnswer(FARM));
            case BY_NODE -> LocationPolicy.node(ctx.requireAnswer(NODE));
            default -> LocationPolicy.automatic();
        };
    }

    /** The farms with room that the chosen policy allows. */
    public List<EligibleFarm> candidates(FlowContext ctx) {
        return capacity.allowedBy(locationPolicy(ctx), farms(ctx));
    }

    /** The node the owner chose, under the specific-node policy. */
    public Optional<String> chosenNode(FlowContext ctx) {
        return policy(ctx).equals(BY_NODE) ? ctx.answer(NODE) : Optional.empty();
    }

    /** A drop-down asked only under one location policy. */
    private static Question choice(String key, String text, String policy,
                                   Function<FlowContext, List<String>> options) {
        return Question.builder(key, Category.DROP_DOWN_CHOICE).text(text).options(options).required()
                .onlyWhen(ctx -> policy(ctx).equals(policy)).build();
    }

    private static String policy(FlowContext ctx) {
        return ctx.answer(POLICY).orElse(AUTOMATIC);
    }

    private static List<EligibleFarm> farms(FlowContext ctx) {
        return ctx.data(FARMS, EligibleFarm[].class).map(List::of).orElse(List.of());
    }

    private static List<NodeChoice> nodeChoices(FlowContext ctx) {
        return ctx.data(NODES, NodeChoice[].class).map(List::of).orElse(List.of());
    }

    private static Set<String> continents(FlowContext ctx) {
        Set<String> continents = new TreeSet<>();
        farms(ctx).stream().map(EligibleFarm::continent).filter(c -> !c.isBlank()).forEach(continents::add);
        return continents;
    }
}
