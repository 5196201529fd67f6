/**
 * TFT payments on Stellar through Horizon and the Stellar SDK: {@link io.threebot.deployer.stellar.StellarUserPayments}
 * takes users' payments into the operator's account and sends refunds, {@link io.threebot.deployer.stellar.StellarPayments}
 * pays explorer v2 pool reservations, both configured by {@link io.threebot.deployer.stellar.StellarSettings} for a
 * {@link io.threebot.deployer.stellar.StellarNetwork}. Everything they send is journaled in the state store before
 * it is submitted; failures are {@link io.threebot.deployer.stellar.StellarPaymentException}s.
 */
package io.threebot.deployer.stellar;
