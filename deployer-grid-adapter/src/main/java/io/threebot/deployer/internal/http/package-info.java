/**
 * Internal: reading HTTP answers within a size cap and a deadline, shared by the explorer and gridproxy clients. Not
 * part of the published API.
 */
package io.threebot.deployer.internal.http;
