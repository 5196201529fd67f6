/**
 * Micrometer meters for a deployer ({@link io.threebot.deployer.metrics.DeployerMetrics}); Micrometer is an optional
 * dependency of the core, needed only by hosts that use this package.
 */
package io.threebot.deployer.metrics;
