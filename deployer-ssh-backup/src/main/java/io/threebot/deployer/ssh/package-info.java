/**
 * Backup servers over SSH: {@link io.threebot.deployer.ssh.SshBackupServers} manages rest-server accounts, {@link
 * io.threebot.deployer.ssh.BackupServerSetup} prepares servers.
 */
package io.threebot.deployer.ssh;
