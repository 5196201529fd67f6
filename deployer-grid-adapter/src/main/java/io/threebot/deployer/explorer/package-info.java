/**
 * The explorer (TFGrid v1 REST API) adapter: request and workload signing. The HTTP client and the explorer
 * simulator build on these.
 */
package io.threebot.deployer.explorer;
