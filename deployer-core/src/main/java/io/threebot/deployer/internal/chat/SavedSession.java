package io.threebot.deployer.internal.chat;

/**
 * A session as a transition (or a take-over) saved it: its new version, and the run of the long step it starts or
 * resumes.
 *
 * @param run null when no long step starts
 */
record SavedSession(long version, StepRun run) {
}
