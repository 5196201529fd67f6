/**
 * RMB, the grid's message bus, as a twin speaks it directly to the relays: the protobuf
 * {@link io.threebot.deployer.tfgrid.rmb.Envelope} (encoded with protobuf-java from {@code src/main/proto/rmb_types.proto})
 * and its signature as rmb-rs and {@code @threefold/rmb_direct_client} make and check it, the relay login token
 * ({@link io.threebot.deployer.tfgrid.rmb.RelayToken}), replies matched to requests by uid
 * ({@link io.threebot.deployer.tfgrid.rmb.PendingCalls}), end-to-end encryption
 * ({@link io.threebot.deployer.tfgrid.rmb.E2eKey}: secp256k1 from the twin's seed, ECDH, SHA-256, AES-256-GCM) and the
 * client itself ({@link io.threebot.deployer.tfgrid.rmb.RmbClient}): the JDK's websocket, a deadline on every call,
 * keep-alive, reconnecting with capped backoff and jitter, and typed failures that say whether a request was sent
 * ({@link io.threebot.deployer.tfgrid.rmb.RmbNotSentException}) or its outcome is unknown
 * ({@link io.threebot.deployer.tfgrid.rmb.RmbConnectionLostException},
 * {@link io.threebot.deployer.tfgrid.rmb.RmbTimeoutException}); nothing is re-sent. Peers' keys come from a
 * {@link io.threebot.deployer.tfgrid.rmb.TwinKeys} lookup (tfchain's twins). Envelopes, tokens and encryption are
 * checked against {@code @threefold/rmb_direct_client} in the tests, the client against a scripted relay.
 */
package io.threebot.deployer.tfgrid.rmb;
