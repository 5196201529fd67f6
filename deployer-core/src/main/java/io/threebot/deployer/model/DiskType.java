package io.threebot.deployer.model;

/** Disk kind of a container's root filesystem. */
public enum DiskType { HDD, SSD }
