package io.threebot.deployer.internal.flows;

import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.Action;
import io.threebot.deployer.internal.chat.FlowContext;
import io.threebot.deployer.internal.chat.FlowDefinition;
import io.threebot.deployer.internal.chat.Question;
import io.threebot.deployer.internal.chat.Rules;
import io.threebot.deployer.internal.chat.Step;
import io.threebot.deployer.internal.crypto.PasswordPolicy;
import io.threebot.deployer.internal.crypto.SshPublicKeys;
import io.threebot.deployer.internal.deploy.DeployOrder;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.internal.deploy.NameReservations;
import io.threebot.deployer.internal.deploy.PaidPurchase;
import io.threebot.deployer.internal.deploy.PasswordGuard;
import io.threebot.deployer.internal.deploy.DeploySteps;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.grid.LocationCatalog;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.terms.TermsService;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guided flow that deploys a 3Bot: name, size, SSH key, recovery password, location, lifetime, then set-up,
 * reservation and initialization as long steps, the WireGuard configuration, and the address to open.
 */
public final class ThreebotDeployFlow {
    /** The flow id hosts start sessions with. */
    public static final String ID = "threebot";

    /** The key of the answer naming the new 3Bot. */
    public static final String NAME = "name";
    static final String FLAVOR = "flavor";
    static final String SSH_KEY = "ssh_key";
    static final String PASSWORD = "password";
    static final String DAYS = "days";


    private static final String IDENTITY_EXISTS = "identity_exists";
    /** The name whose identity this chat registered. */
    private static final String IDENTITY_CREATED = "identity_created";
    private static final String WIREGUARD = "wireguard_config";
    private static final String RESULT = "threebot";
    private static final int MAX_PASSWORD = 32;

    private final DeployerSettings settings;
    private final IdentityService identities;
    private final ThreebotRepository threebots;
    private final DeploySteps deployment;
    private final TermsService terms;
    private final PaymentSteps payments;
    private final LocationSlides location;
    private final PasswordGuard passwords;
    private final NameReservations names;

    public ThreebotDeployFlow(DeployerSettings settings, IdentityService identities, LocationCatalog capacity,
                              ThreebotRepository threebots, DeploySteps deployment, TermsService terms,
                              UserBilling billing, PasswordGuard passwords, NameReservations names) {
        this.passwords = passwords;
        this.names = names;
        this.terms = terms;
        this.payments = new PaymentSteps(billing, settings.pollInterval());
        this.location = new LocationSlides(capacity, ThreebotDeployFlow::flavor);
        this.settings = settings;
        this.identities = identities;
        this.threebots = threebots;
        this.deployment = deployment;
    }

    public FlowDefinition definition() {
        return new FlowDefinition(ID, "3Bot", List.of(
                Step.of("3Bot Name", termsCheck(), nameQuestion()),
                Step.of("Deployer Information", flavorQuestion()),
                Step.of("SSH key (Optional)", sshKeyQuestion()),
                Step.of("Recovery Password", passwordQuestion()),
                Step.of("Deployment location policy", location.discoverFarms(), location.policyQuestion()),
                Step.of("Deployment location", location.continentQuestion(), location.farmQuestion(),
                        location.listNodes(), location.nodeQuestion(),
                        createIdentity()),
                Step.of("Expiration", daysQuestion()),
                Step.of("Payment", payments.request(this::purchase), payments.show()),
                Step.of("Setup", payments.await(), Action.of("setup", "Preparing infrastructure.",
                        // while the network comes up, the step runs again without a thread
                        (state, progress) -> deployment.setUpOrPause(order(state), password(state), progress)))
                        .withBackDisabled(),
                Step.of("Reservation", Action.of("reservation", "Deploying your 3Bot.", (state, progress) -> {
                    Threebot threebot = deployment.reserveOrPause(order(state), password(state), progress);
                    state.put(RESULT, threebot.uuid());
                })).withBackDisabled(),
                Step.of("Initializing", Action.of("initializing", "Initializing your 3Bot.", (state, progress) -> {
                    // one look a run: while the 3Bot does not answer yet, the step runs again without a thread
                    deployment.lookReady(order(state), progress);
                    state.putSecret(WIREGUARD, deployment.wireGuardConfig(order(state)));
                })).withBackDisabled(),
                Step.of("Container Access", wireGuardDownload()).withBackDisabled(),
                Step.of("Success", successMessage()).asFinal()));
    }

    // ---- questions ------------------------------------------------------------------------------------------

    private Action termsCheck() {
        return Action.of("terms", "Starting.", (state, progress) -> {
            if (!terms.allowed(state.owner())) {
                throw new StopFlowException("Please accept the terms and conditions on the main page before you "
                        + "deploy a 3Bot.");
            }
        }).onlyWhen(ctx -> settings.requireTerms());
    }

    /** Why the owner may not deploy another 3Bot, if they may not: they have as many as one owner may have. */
    private Optional<String> tooMany3Bots(FlowContext ctx) {
        int max = settings.billing().maxThreebotsPerOwner();
        return activeNames(ctx).size() >= max ? Optional.of("You have " + max + " 3Bots, the most one user may "
                + "have; destroy one before you deploy another. Nothing was bought.") : Optional.empty();
    }

    /**
     * What the session buys: a new 3Bot of the chosen name and size for the chosen days; checked again against the
     * owner's limit, since another chat may have deployed one meanwhile.
     */
    private UserBilling.Target purchase(FlowContext ctx) {
        tooMany3Bots(ctx).ifPresent(problem -> {
            throw new StopFlowException(problem);
        });
        return new UserBilling.Target(PurchaseKind.DEPLOY, "", ctx.requireAnswer(NAME), flavor(ctx), days(ctx));
    }

    private Question nameQuestion() {
        return Question.builder(NAME, Category.STRING_ASK)
                .text("Choose a name for your 3Bot. It becomes its identity on the grid and part of its address; "
                        + "use lowercase letters and digits, starting with a letter.")
                .required().identifier().maxLength(30)
                .rule(Rules.notIn("3Bots", this::activeNames))
                .rule((name, ctx) -> tooMany3Bots(ctx))
                .rule((name, ctx) -> names.heldByAnother(identityName(ctx.owner(), name), ctx.sessionId())
                        ? Optional.of("Another of your chats is deploying a 3Bot named '" + name + "'; choose another "
                        + "name.") : Optional.empty())
                .onAnswer((name, state) -> {
                    try {
                        Optional<GridUser> user = identities.existing(identityName(state.owner(), name));
                        state.put(IDENTITY_EXISTS, user.isPresent());
                        return Optional.empty();
                    } catch (GridException e) {
                        return Optional.of(gridUnreachable(e));
                    }
                })
                .build();
    }

    private Question flavorQuestion() {
        List<String> labels = Arrays.stream(Flavor.values()).map(Flavor::label).toList();
        return Question.builder(FLAVOR, Category.SINGLE_CHOICE)
                .text("Choose the size of your 3Bot.")
                .options(labels).defaultValue(labels.get(0)).required()
                .build();
    }

    private Question sshKeyQuestion() {
        return Question.builder(SSH_KEY, Category.UPLOAD_FILE)
                .text("Upload an SSH public key to reach your 3Bot's container over SSH (optional).")
                .rule((key, ctx) -> key.isBlank() ? Optional.empty() : SshPublicKeys.problem(key)
                        .map(p -> "This is not an OpenSSH public key: " + p + "."))
                .build();
    }

    private Question passwordQuestion() {
        return Question.builder(PASSWORD, Category.SECRET_ASK)
                .text(ctx -> !identityExists(ctx)
                        ? "Choose a recovery password (" + PasswordPolicy.MIN_LENGTH + " to " + MAX_PASSWORD
                        + " characters, not a common one). You need it to recover, stop or move your 3Bot; it cannot "
                        + "be reset."
                        : ctx.data(IDENTITY_CREATED, String.class).filter(ctx.requireAnswer(NAME)::equals).isPresent()
                        ? "Your 3Bot's identity was created with the recovery password you gave first; enter that "
                        + "password again (it cannot be changed any more)."
                        : "The name '" + ctx.requireAnswer(NAME) + "' was used for a 3Bot before. Enter that 3Bot's "
                        + "recovery password to take it over, or go back and choose another name.")
                .required().maxLength(MAX_PASSWORD)
                // a new password is typed twice on a page (it cannot be reset); one to prove is typed once
                .hints(ctx -> Map.of("new_password", !identityExists(ctx)))
                .rule((password, ctx) -> password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD
                        ? Optional.of("Use at most " + MAX_PASSWORD + " bytes; some characters count as several.")
                        : Optional.empty())
                .onAnswer((password, state) -> {
                    // whether the identity exists is asked again now: an earlier step of this chat may have made it
                    String name = state.requireAnswer(NAME);
                    String identity = identityName(state.owner(), name);
                    Optional<GridUser> user;
                    try {
                        user = identities.existing(identity);
                    } catch (GridException e) {
                        return Optional.of(gridUnreachable(e));
                    }
                    if (user.isEmpty()) {
                        return PasswordPolicy.problem(password);
                    }
                    PasswordGuard.Outcome outcome = passwords.check(state.owner(), identity,
                            () -> identities.passwordMatches(user.get(), password));
                    return outcome instanceof PasswordGuard.Outcome.Accepted ? Optional.empty()
                            : Optional.of(PasswordGuard.refusal(outcome, name));
                })
                .build();
    }

    /** Whether the chosen name's identity is on the grid now; the answer to the name question if the grid is down. */
    private boolean identityExists(FlowContext ctx) {
        try {
            return identities.existing(identityName(ctx.owner(), ctx.requireAnswer(NAME))).isPresent();
        } catch (GridException e) {
            return ctx.data(IDENTITY_EXISTS, Boolean.class).orElse(false);
        }
    }

    private static String gridUnreachable(GridException e) {
        return "The grid cannot be reached right now (" + e.getMessage() + "); please try again in a moment.";
    }

    private Action createIdentity() {
        return Action.of("identity", "Creating your 3Bot's identity.", (state, progress) -> {
            String name = state.requireAnswer(NAME);
            String identity = identityName(state.owner(), name);
            boolean existed = identities.existing(identity).isPresent();
            try {
                identities.ensureRegistered(identity, password(state));
            } catch (GridConflictException | IllegalArgumentException e) {
                throw new StopFlowException("Could not register the identity " + identity
                        + "; check the recovery password.", e);
            }
            if (!existed) {
                state.put(IDENTITY_CREATED, name);
            }
            progress.update("User identity created.");
        }).onlyWhen(ctx -> deployment.registersIdentity());
    }

    private Question daysQuestion() {
        int max = settings.billing().maxDaysPerPurchase();
        return Question.builder(DAYS, Category.INT_ASK)
                .text("For how many days should your 3Bot run before its capacity needs topping up? ("
                        + BillingSettings.MIN_DAYS_PER_PURCHASE + " to " + max + ")")
                .defaultValue("14").required()
                .rule(Rules.integer(BillingSettings.MIN_DAYS_PER_PURCHASE, max))
                .hint("min", BillingSettings.MIN_DAYS_PER_PURCHASE).hint("max", max)
                .build();
    }

    private Question wireGuardDownload() {
        return Question.builder("wireguard", Category.DOWNLOAD_FILE)
                .text("Your 3Bot's container sits on a private network. To reach it over SSH, install WireGuard "
                        + "(https://www.wireguard.com/install/), download this configuration and run "
                        + "`wg-quick up ./apps.conf`.")
                .hints(ctx -> Map.of("filename", "apps.conf", "data", ctx.secret(WIREGUARD).orElse("")))
                .secretHint("data")
                .build();
    }

    private Question successMessage() {
        return Question.builder("success", Category.MD_SHOW)
                .text(ctx -> {
                    Threebot threebot = threebots.find(ctx.require(RESULT, String.class)).orElseThrow();
                    return "# Your 3Bot is ready\n\nYou deployed the 3Bot **" + threebot.name() + "**.\n\n"
                            + "- Open it at <" + threebot.url() + ">\n"
                            + "- Its container's address is `" + threebot.ipAddress()
                            + "` (reachable once WireGuard is up)\n- State: " + threebot.state();
                })
                .build();
    }

    // ---- reading the session --------------------------------------------------------------------------------

    /** What the owner asked for, read from the session. */
    DeployOrder order(FlowContext ctx) {
        return new DeployOrder(ctx.sessionId(), ctx.owner(), ctx.requireAnswer(NAME), flavor(ctx),
                ctx.answer(SSH_KEY).orElse(""), location.candidates(ctx), location.chosenNode(ctx), days(ctx),
                PaymentSteps.paymentId(ctx).map(id -> new PaidPurchase(id, PurchaseKind.DEPLOY)));
    }

    private Set<String> activeNames(FlowContext ctx) {
        Set<String> names = new TreeSet<>();
        threebots.listByOwner(ctx.owner()).stream().filter(t -> t.state() != ThreebotState.DELETED)
                .forEach(t -> names.add(t.name()));
        return names;
    }

    private static String identityName(String owner, String name) {
        return IdentityNames.of(owner, name);
    }

    private static String password(FlowContext ctx) {
        return ctx.secret(PASSWORD).orElseThrow(() -> new StopFlowException(
                "The recovery password is no longer available; please start a new deployment."));
    }

    private static int days(FlowContext ctx) {
        return Integer.parseInt(ctx.requireAnswer(DAYS));
    }

    private static Flavor flavor(FlowContext ctx) {
        return Flavor.fromLabel(ctx.requireAnswer(FLAVOR)).orElseThrow();
    }


}
