/**
 * The ThreeFold Grid v3 gridproxy client: {@link io.threebot.deployer.tfgrid.proxy.GridProxyClient} lists nodes,
 * gateways, farms, twins and contracts a {@link io.threebot.deployer.tfgrid.proxy.Page} at a time, filtered by
 * {@link io.threebot.deployer.tfgrid.proxy.NodeFilter}, {@link io.threebot.deployer.tfgrid.proxy.FarmFilter},
 * {@link io.threebot.deployer.tfgrid.proxy.TwinFilter} and {@link io.threebot.deployer.tfgrid.proxy.ContractFilter},
 * as typed records ({@link io.threebot.deployer.tfgrid.proxy.GridNode}, {@link io.threebot.deployer.tfgrid.proxy.Farm},
 * {@link io.threebot.deployer.tfgrid.proxy.GridTwin}, {@link io.threebot.deployer.tfgrid.proxy.GridContract}).
 * Every call has a deadline and a cap on the answer's size; failures are typed
 * {@link io.threebot.deployer.tfgrid.proxy.GridProxyException}s. Checked against
 * {@code @threefold/gridproxy_client} in the tests.
 */
package io.threebot.deployer.tfgrid.proxy;
