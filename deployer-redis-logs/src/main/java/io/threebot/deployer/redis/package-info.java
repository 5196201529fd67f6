/**
 * Container logs and deployment events on Redis: {@link io.threebot.deployer.redis.RedisLogStreams}, {@link
 * io.threebot.deployer.redis.LogTail} and {@link io.threebot.deployer.redis.RedisDeploymentEvents}.
 */
package io.threebot.deployer.redis;
