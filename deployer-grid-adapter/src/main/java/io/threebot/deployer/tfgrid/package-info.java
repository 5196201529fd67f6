/**
 * ThreeFold Grid v3: the public networks and their endpoints ({@link io.threebot.deployer.tfgrid.TfgridNetwork}), the
 * settings of a deployer on one of them ({@link io.threebot.deployer.tfgrid.TfgridSettings}, with the operator's
 * {@link io.threebot.deployer.tfgrid.OperatorKey}); the sub-packages hold the keys, the chain's codec, zos
 * deployments, RMB envelopes and the gridproxy client.
 */
package io.threebot.deployer.tfgrid;
