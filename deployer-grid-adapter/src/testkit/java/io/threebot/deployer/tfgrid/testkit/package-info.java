/**
 * For tests and benchmarks of TFGrid v3 code: {@link io.threebot.deployer.tfgrid.testkit.NodePackages} runs Node
 * scripts beside the official JavaScript clients, installed from a pinned lock file, and
 * {@link io.threebot.deployer.tfgrid.testkit.TfchainRuntime} describes a runtime shaped like tfchain's and encodes
 * its metadata. {@link io.threebot.deployer.tfgrid.testkit.WriteDemands} works around a lost write in the
 * Java-WebSocket servers that stand in for tfchain and the relay.
 */
package io.threebot.deployer.tfgrid.testkit;
