/**
 * What an owner does with deployed 3Bots: live listing, stop, start, resize, move, extend and destroy, as service
 * calls and chats.
 */
package io.threebot.deployer.lifecycle;
