/**
 * The deployer's side of 3Bot backups: one-time tokens, the sealed-password exchange ({@link
 * io.threebot.deployer.internal.backup.BackupService}) and its HTTP form.
 */
package io.threebot.deployer.backup;

import io.threebot.deployer.internal.backup.BackupService;
