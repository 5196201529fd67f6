package io.threebot.deployer.spi;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.model.Flavor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A grid that hosts whole 3Bots, each on capacity its own account pays for: TFGrid v3, where a 3Bot's twin pays its
 * contracts from its balance. The deployer drives it through the same chat, payment step and "My 3Bots" as the
 * explorer grid ({@link GridClient}); a host chooses one when it builds the deployer. Implemented by the v3 adapter
 * ({@code io.threebot.deployer.tfgrid.hosting.TfgridHosting}) and by test doubles.
 *
 * <p>The deployer journals everything a call reports before it goes on, and gives it back when it resumes: an
 * implementation finds what exists from the plan and the journal, and never creates anything twice. The plan and the
 * journal hold keys (the WireGuard peers'); the deployer keeps them sealed.
 *
 * <p>Amounts are in stroops, 10^-7 TFT, the unit users pay in. Every method has a deadline, may be called from several
 * threads at once (for different 3Bots), and fails with a {@link io.threebot.deployer.errors.DeployerException}:
 * a {@link HostingException} for what the user should read, another one (unavailable) for an outage.
 */
public interface ThreebotHosting {

    /** The grid's name for messages and logs, such as {@code "TFGrid v3 (devnet)"}. */
    String gridName();

    /** Farms with room for a 3Bot of this size and a gateway near it, for the chat's location choice. */
    List<HostingFarm> farms(Flavor flavor);

    /** The nodes of these farms with room for a 3Bot of this size, for the chat's node choice. */
    List<HostingNode> nodes(Collection<Long> farmIds, Flavor flavor);

    /** What the 3Bot's contracts cost over {@code period}, in stroops, before the operator's fee. */
    long quote(Flavor flavor, Duration period);

    /** The account a 3Bot with these keys pays from; funds sent there buy its capacity. */
    String account(IdentityKeys keys);

    /**
     * Sends funds from the operator to a 3Bot's account, once. Never called twice for one payment: a transfer whose
     * outcome is unknown fails with {@link HostingException.Kind#TRANSFER_UNKNOWN} and the deployer looks at the
     * balance instead of sending again.
     *
     * @return the account's spendable balance after the transfer
     */
    long topUp(String account, long stroops) throws InterruptedException;

    /**
     * Sends what a 3Bot's account can spend back to the operator, less the transfer's fee: the capacity money of a
     * deploy that was undone (its user is refunded in full). An account with nothing to send sends nothing.
     *
     * @return what was sent back
     */
    long reclaim(IdentityKeys keys) throws InterruptedException;

    /** What an account can still spend, in stroops. */
    long balance(String account);

    /**
     * Chooses where the 3Bot goes and everything its deploy sends (placement, network range, keys). Opens the 3Bot's
     * account on the grid when it has none yet (a funded account only).
     *
     * @throws HostingException {@link HostingException.Kind#NO_CAPACITY} when nothing fits the order
     */
    HostingPlan plan(IdentityKeys keys, HostingOrder order) throws InterruptedException;

    /**
     * Deploys a plan, reporting each step to {@code journal} as soon as it exists; given the entries journaled
     * before, it resumes and makes only what is missing. A step that fails cancels what this call created.
     *
     * @param journaled what earlier calls reported, in order
     * @throws HostingException {@link HostingException.Kind#DEPLOYMENT_FAILED} when a step fails
     */
    HostedThreebot deploy(IdentityKeys keys, HostingPlan plan, List<String> journaled, HostingJournal journal,
                          Progress progress) throws InterruptedException;

    /**
     * Stops a 3Bot: cancels the contracts its capacity is billed for (its VM, its gateway, its networks) and keeps its
     * account and its name. A later {@link #deploy} of the returned journal starts it again on the same plan.
     *
     * @return the 3Bot as it is now: its journal keeps what was not cancelled
     */
    HostedThreebot stop(IdentityKeys keys, HostedThreebot threebot) throws InterruptedException;

    /**
     * Plans a resize or a move of a running 3Bot: its new size and, when {@code where} names farms or a node, a node
     * there (its gateway, name and the owner's network stay). Persist it before {@link #change}, to resume with it.
     *
     * @param where the farms or node it may go to; none (no farm, no node) keeps it on its node
     * @throws HostingException {@link HostingException.Kind#NO_CAPACITY} when nothing there fits
     */
    HostingPlan planChange(IdentityKeys keys, HostedThreebot threebot, Flavor flavor, HostingOrder where)
            throws InterruptedException;

    /**
     * Resizes or moves a running 3Bot to a plan from {@link #planChange} without downtime: the new VM comes up beside
     * the old one, the gateway switches to it once it is ready, then the old one is cancelled. Each step is reported to
     * {@code journal} as soon as it exists; run again with the same 3Bot, plan and the entries journaled before after a
     * crash, it makes only what is missing. A grid may put the new VM on another node than the plan's (the planned one
     * refused it): the 3Bot returned carries the plan it runs with.
     *
     * @param journaled what earlier calls of this change reported, in order
     * @return the 3Bot as it now is
     * @throws HostingException {@link HostingException.Kind#DEPLOYMENT_FAILED} when a step fails: what it made is
     *                          cancelled and the old VM keeps running
     */
    HostedThreebot change(IdentityKeys keys, HostedThreebot threebot, HostingPlan changed, List<String> journaled,
                          HostingJournal journal, Progress progress) throws InterruptedException;

    /**
     * The 3Bot's state as the grid has it, read without its keys. A 3Bot whose capacity was taken back for lack of
     * funds shows as {@link HostingStatus.State#DELETED_OUT_OF_FUNDS} when {@code previous} was the grace period.
     */
    HostingStatus status(HostedThreebot threebot, Optional<HostingStatus.State> previous)
            throws InterruptedException;

    /** How long the 3Bot's account keeps paying its contracts. */
    FundedCapacity funding(HostedThreebot threebot);

    /**
     * Cancels every contract the plan's deploy made (journaled, or found on the grid by name and hash); cancelling
     * what is gone already is no error.
     */
    void destroy(IdentityKeys keys, HostingPlan plan, List<String> journaled) throws InterruptedException;
}
