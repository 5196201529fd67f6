/**
 * ThreeFold Connect login for a host application ({@link io.threebot.deployer.login.ConnectLogin}): the redirect
 * to the login service and the check of its callback, every failure a typed
 * {@link io.threebot.deployer.login.LoginRefusedException}.
 */
package io.threebot.deployer.login;
