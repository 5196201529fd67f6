/**
 * zos deployments as zos reads them in JSON: {@link io.threebot.deployer.tfgrid.zos.Deployment}, its
 * {@link io.threebot.deployer.tfgrid.zos.SignatureRequirement} and {@link io.threebot.deployer.tfgrid.zos.Workload}s
 * with the data of the workload types {@code network}, {@code zmachine}, {@code zmount}, {@code ip},
 * {@code gateway-name-proxy} and {@code gateway-fqdn-proxy}, and what nodes report of them
 * ({@link io.threebot.deployer.tfgrid.zos.WorkloadResult}); the deployment challenge and its MD5 hash exactly as zos
 * computes them, ed25519 signing and zos's signature check; bounded, typed JSON reading
 * ({@link io.threebot.deployer.tfgrid.zos.ZosJson}); and the node calls over RMB
 * ({@link io.threebot.deployer.tfgrid.zos.ZosNodeClient}: deploy, update, get, changes, delete, wireguard ports, public
 * config, statistics), whose failures are typed ({@link io.threebot.deployer.tfgrid.zos.ZosNodeException} for a node's
 * error, {@link io.threebot.deployer.tfgrid.zos.MalformedZosReplyException} for an answer zos would not send).
 * Checked against {@code @threefold/grid_client} in the tests.
 */
package io.threebot.deployer.tfgrid.zos;
