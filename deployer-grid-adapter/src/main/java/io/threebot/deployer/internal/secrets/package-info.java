/**
 * Internal: where the adapters' operator secrets are read from (an environment variable, or a file only its owner
 * may read), shared by the Stellar and TFGrid settings. Not part of the published API.
 */
package io.threebot.deployer.internal.secrets;
