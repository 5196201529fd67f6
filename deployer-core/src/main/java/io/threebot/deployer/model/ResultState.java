package io.threebot.deployer.model;

/** What a node reported for a workload. */
public enum ResultState { ERROR, OK, DELETED }
