/**
 * What an owner does with deployed 3Bots: live listing, stop, start, resize, move, extend and destroy, expiry
 * reminders and auto-renew (the chats for them are in {@code io.threebot.deployer.flows}).
 */
package io.threebot.deployer.lifecycle;
