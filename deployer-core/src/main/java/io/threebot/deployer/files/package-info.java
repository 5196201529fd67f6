/** Files the deployer and its hosts keep: written whole or not at all, and key files only their owner reads. */
package io.threebot.deployer.files;
