/**
 * The deployer's own certificate by ACME: {@link io.threebot.deployer.acme.AcmeCertificateIssuer} with HTTP-01
 * challenges.
 */
package io.threebot.deployer.acme;
