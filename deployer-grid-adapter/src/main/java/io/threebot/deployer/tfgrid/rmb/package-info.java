/**
 * The RMB message model: the protobuf {@link io.threebot.deployer.tfgrid.rmb.Envelope} (encoded with protobuf-java
 * from {@code src/main/proto/rmb_types.proto}), its signature as rmb-rs and {@code @threefold/rmb_direct_client} make
 * and check it, the relay login token ({@link io.threebot.deployer.tfgrid.rmb.RelayToken}) and replies matched to
 * requests by uid ({@link io.threebot.deployer.tfgrid.rmb.PendingCalls}). The websocket transport, reconnecting and
 * end-to-end encryption are not here yet. Checked against {@code @threefold/rmb_direct_client} in the tests.
 */
package io.threebot.deployer.tfgrid.rmb;
