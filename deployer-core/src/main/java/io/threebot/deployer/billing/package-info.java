/**
 * Users pay for what they buy: payment requests with a unique memo and a deadline, matched against what the
 * operator's wallet received ({@link io.threebot.deployer.spi.UserPayments}), refunds journaled with idempotency
 * keys, and the spending limits that keep a user from making the operator pay for anything they did not pay for.
 */
package io.threebot.deployer.billing;
