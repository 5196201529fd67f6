/**
 * The chats users meet: the deploy chat ({@link io.threebot.deployer.internal.flows.ThreebotDeployFlow}), the maintenance chats
 * ({@link io.threebot.deployer.internal.flows.MaintenanceFlows}) and the slides they share (location questions, payment steps).
 * They ask and show; the work is done by the deployment, lifecycle and billing services they call.
 */
package io.threebot.deployer.internal.flows;

