/**
 * ThreeFold Grid v3: the public networks and their endpoints ({@link io.threebot.deployer.tfgrid.TfgridNetwork}); the
 * sub-packages hold the keys, the chain's codec, zos deployments, RMB envelopes and the gridproxy client.
 */
package io.threebot.deployer.tfgrid;
