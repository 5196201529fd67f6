package io.threebot.deployer;

import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.internal.flows.MaintenanceFlows;
import io.threebot.deployer.internal.flows.ThreebotDeployFlow;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.lifecycle.DamagedThreebot;
import io.threebot.deployer.lifecycle.DamagedThreebotException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.Progress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one authenticated owner may do, bound to that owner: their chats, their 3Bots, their payments. No
 * method takes an owner name, so a host cannot mix users up; ids of other owners' sessions, 3Bots and payments
 * answer exactly as unknown ones. Get one per request from {@link ThreebotDeployer#forOwner(String)}.
 *
 * <pre>{@code
 * OwnerDeployer alice = deployer.forOwner(principal);          // from the host's login, never from the client
 * ChatMessage first = alice.startChat(Flow.DEPLOY);
 * ChatMessage next = alice.answer(first.sessionId(), "mybot");
 * List<ThreebotView> mine = alice.threebots();
 * }</pre>
 */
public final class OwnerDeployer {
    private final String owner;
    private final ChatEngine chats;
    private final ThreebotService threebots;
    private final UserBilling billing;

    OwnerDeployer(String owner, ChatEngine chats, ThreebotService threebots, UserBilling billing) {
        this.owner = owner;
        this.chats = chats;
        this.threebots = threebots;
        this.billing = billing;
    }

    /** The owner name this handle is bound to, e.g. {@code alice} for {@code alice.3bot}. */
    public String owner() {
        return owner;
    }

    // ---- chats ------------------------------------------------------------------------------------------------

    /**
     * Starts a chat and returns its first message.
     *
     * @throws io.threebot.deployer.chat.TooManyChatsException when the owner has as many open chats as allowed
     * @throws ThreebotNotFoundException for a maintenance chat when the owner has no 3Bot (none is opened)
     */
    public ChatMessage startChat(Flow flow) {
        if (flow != Flow.DEPLOY && !threebots.hasAny(owner)) {
            throw new ThreebotNotFoundException("You have no 3Bot yet: deploy one first.");
        }
        return chats.start(owner, flow.id());
    }

    /**
     * Starts a maintenance chat for one of the owner's 3Bots, by its id or its name: the chat does not ask which.
     *
     * @throws ThreebotNotFoundException for an unknown id or name and for another owner's 3Bot alike
     * @throws IllegalArgumentException  for {@link Flow#DEPLOY}, which is for a new 3Bot
     */
    public ChatMessage startChat(Flow flow, String threebot) {
        if (flow == Flow.DEPLOY) {
            throw new IllegalArgumentException("a deploy chat is for a new 3Bot");
        }
        Threebot chosen = threebots.find(owner, threebot).orElseThrow(() -> new ThreebotNotFoundException(
                "No 3Bot has the id '" + threebot + "'."));
        return chats.start(owner, flow.id(), Map.of(MaintenanceFlows.THREEBOT_FACT, chosen.uuid()));
    }

    /**
     * Answers whatever question is asked now; a refused answer returns the same question with the reason. A host
     * that shows messages to a person should use {@link #answer(String, String, long)}, so that a second click or a
     * second tab cannot answer the next question.
     */
    public ChatMessage answer(String sessionId, String value) {
        return chats.answer(sessionId, owner, value);
    }

    /**
     * Answers the question of the message the person saw ({@link ChatMessage#sequence()}); a refused answer returns
     * the same question with the reason.
     *
     * @throws io.threebot.deployer.chat.StaleAnswerException when the chat moved on from that message (reason
     *                                                        {@code CONFLICT}); nothing changed
     */
    public ChatMessage answer(String sessionId, String value, long sequence) {
        return chats.answer(sessionId, owner, value, sequence);
    }

    /** Goes back to the previous question, where the step allows it. */
    public ChatMessage back(String sessionId) {
        return chats.back(sessionId, owner);
    }

    /**
     * Goes back from the message the person saw ({@link ChatMessage#sequence()}).
     *
     * @throws io.threebot.deployer.chat.StaleAnswerException when the chat moved on from that message; nothing changed
     */
    public ChatMessage back(String sessionId, long sequence) {
        return chats.back(sessionId, owner, sequence);
    }

    /** The message to show now: the question waiting, the latest progress of a long step, or the end. */
    public ChatMessage current(String sessionId) {
        return chats.current(sessionId, owner);
    }

    /** Where the session stands: waiting for an answer, busy with a long step, finished or failed. */
    public SessionStatus status(String sessionId) {
        return chats.status(sessionId, owner);
    }

    /** Waits while a long step runs, up to {@code timeout}, and returns the message to show then. */
    public ChatMessage awaitNext(String sessionId, Duration timeout) throws InterruptedException {
        return chats.awaitNext(sessionId, owner, timeout);
    }

    /**
     * The owner's chats that have not ended, the most recently changed first: the chats a page offers again after a
     * reload, and the deployments under way (busy deploy chats) to show beside the owner's 3Bots.
     */
    public List<OpenChat> openChats() {
        return chats.openSessions(owner).stream().map(this::openChat).toList();
    }

    private OpenChat openChat(ChatEngine.Open open) {
        ChatSession session = open.session();
        Flow flow = Arrays.stream(Flow.values()).filter(f -> f.id().equals(session.flowId())).findFirst()
                .orElse(Flow.DEPLOY);
        Optional<String> threebot = flow == Flow.DEPLOY
                ? Optional.ofNullable(session.answers().get(ThreebotDeployFlow.NAME))
                : Optional.ofNullable(session.data().get(MaintenanceFlows.THREEBOT_FACT))
                        .map(com.fasterxml.jackson.databind.JsonNode::asText)
                        .flatMap(uuid -> threebots.find(owner, uuid)).map(Threebot::name);
        return new OpenChat(session.id(), flow, session.status(), open.info().step(), open.info().steps(),
                open.info().title(), threebot, session.createdAt(), session.updatedAt());
    }

    /**
     * Closes a chat the owner leaves: it ends, and no longer counts against their open chats. A chat that ended is
     * left as it is.
     *
     * @throws io.threebot.deployer.chat.SessionBusyException while a long step runs (reason {@code CONFLICT}): a
     *                                                        deploy under way is never cut short
     * @throws io.threebot.deployer.chat.UnknownSessionException for an unknown or another owner's session
     */
    public ChatMessage closeChat(String sessionId) {
        return chats.close(sessionId, owner);
    }

    // ---- 3Bots ------------------------------------------------------------------------------------------------

    /**
     * The owner's 3Bots with their live state, oldest first. A 3Bot whose stored record cannot be read is not among
     * them: {@link #damagedThreebots()} gives those, and a listing should show both.
     */
    public List<ThreebotView> threebots() {
        return threebots.list(owner);
    }

    /**
     * The owner's 3Bots whose stored records cannot be read (cut short by a full disk, say), by id only: show each as
     * damaged, with no actions, and ask the user to contact support with its id. Operations on them are refused with
     * {@link DamagedThreebotException}. Each one found is published as a
     * {@link io.threebot.deployer.spi.DeploymentEvent.Kind#RECORD_DAMAGED} event, which
     * {@link io.threebot.deployer.metrics.DeployerMetrics} counts.
     */
    public List<DamagedThreebot> damagedThreebots() {
        return threebots.damaged(owner);
    }

    /**
     * Removes a 3Bot's workloads; its pool and backups stay: {@code STOPPED}.
     *
     * @throws DamagedThreebotException when the 3Bot's record cannot be read (so for every operation below)
     */
    public ThreebotView stop(String uuid, Secret password) {
        return ThreebotView.of(threebots.stop(owner, uuid, password.value()));
    }

    /**
     * Deploys a stopped 3Bot again.
     *
     * @param paymentId a paid request for {@link Purchase#start} to add days, or empty to add none
     */
    public ThreebotView start(String uuid, Secret password, Optional<String> paymentId, Progress progress) {
        return ThreebotView.of(threebots.start(owner, uuid, password.value(), paymentId, progress));
    }

    /** Stops the 3Bot if it runs and starts it again; {@code paymentId} as for {@link #start}. */
    public ThreebotView restart(String uuid, Secret password, Optional<String> paymentId, Progress progress) {
        return ThreebotView.of(threebots.restart(owner, uuid, password.value(), paymentId, progress));
    }

    /** Runs the 3Bot at another size; {@code paymentId} a paid request for {@link Purchase#changeSize}, or empty. */
    public ThreebotView changeSize(String uuid, Secret password, Flavor size, Optional<String> paymentId,
                                   Progress progress) {
        return ThreebotView.of(threebots.changeSize(owner, uuid, password.value(), size, paymentId, progress));
    }

    /**
     * Turns auto-renew on: when the 3Bot's pool runs dry within {@code expiryWarning}, the user is asked to pay for
     * {@code days} more (the request is in the expiry notice, payable until the pool runs dry), and the pool is
     * extended once it is paid. The recovery password is checked and not kept.
     */
    public void autoRenew(String uuid, Secret password, int days) {
        threebots.autoRenew(owner, uuid, password.value(), days);
    }

    /** Turns auto-renew off; false when it was off. */
    public boolean stopAutoRenew(String uuid) {
        return threebots.stopAutoRenew(owner, uuid);
    }

    /** The days auto-renew buys for the 3Bot, or empty when it is off. */
    public Optional<Integer> autoRenewDays(String uuid) {
        return threebots.autoRenewDays(owner, uuid);
    }

    /**
     * Moves the 3Bot where the location policy allows ({@code LocationPolicy.parse("continent:Europe")}), keeping
     * its domain; a farm where it still has a pool with time uses that pool, elsewhere a paid request for
     * {@link Purchase#changeLocation} buys a new one.
     */
    public ThreebotView changeLocation(String uuid, Secret password, LocationPolicy location,
                                       Optional<String> paymentId, Progress progress) {
        return ThreebotView.of(threebots.changeLocation(owner, uuid, password.value(), location, paymentId,
                progress));
    }

    /** Buys the days of a paid request for {@link Purchase#extend}. */
    public ThreebotView extend(String uuid, Secret password, String paymentId, Progress progress) {
        return ThreebotView.of(threebots.extend(owner, uuid, password.value(), paymentId, progress));
    }

    /**
     * The WireGuard configuration of the 3Bot's private network (to reach its container over SSH), once its recovery
     * password is checked: kept sealed at rest, opened for this call only.
     *
     * @throws io.threebot.deployer.lifecycle.InvalidStateException for a destroyed 3Bot
     */
    public String wireGuardConfig(String uuid, Secret password) {
        return threebots.wireGuardConfig(owner, uuid, password.value());
    }

    /** Stops the 3Bot, removes its network and backup accounts: {@code DELETED}. */
    public ThreebotView destroy(String uuid, Secret password) {
        return ThreebotView.of(threebots.destroy(owner, uuid, password.value()));
    }

    // ---- payments ---------------------------------------------------------------------------------------------

    /** Opens a payment request for something the owner buys for one of their 3Bots. */
    public UserPayment requestPayment(String uuid, Purchase purchase) {
        return threebots.requestPayment(owner, uuid, purchase);
    }

    /** One of the owner's payment requests as it stands now. */
    public UserPayment payment(String paymentId) {
        return billing.get(owner, paymentId);
    }
}
