package io.threebot.deployer.internal.chat;

/**
 * Where the Back button leads from a slide of a flow: the first question of the step that asked the latest question
 * before it, or a refusal the user is shown (a step that did something that cannot be undone, or nothing asked
 * before).
 *
 * @param refusal why Back leads nowhere; null when it may be taken
 */
record BackTarget(int step, int slide, String refusal) {

    /** Whether the user may go back. */
    boolean allowed() {
        return refusal == null;
    }

    /** Where Back leads from {@code slide} of {@code step}, given the answers in {@code ctx}. */
    static BackTarget from(FlowDefinition flow, FlowContext ctx, int step, int slide) {
        Step current = flow.steps().get(step);
        if (current.backDisabled()) {
            return refused("You cannot go back from '" + current.title()
                    + "': what happened before it cannot be undone.");
        }
        for (int i = 0; i < slide; i++) {
            Slide earlier = current.slides().get(i);
            if (earlier instanceof Question && earlier.when().test(ctx)) {
                return new BackTarget(step, 0, null);
            }
        }
        for (int p = step - 1; p >= 0; p--) {
            Step previous = flow.steps().get(p);
            if (previous.backDisabled()) {
                return refused("You cannot go back past '" + previous.title() + "'.");
            }
            boolean asks = previous.slides().stream().anyMatch(s -> s instanceof Question && s.when().test(ctx));
            if (asks) {
                return new BackTarget(p, 0, null);
            }
        }
        return refused("This is the first question; there is nothing to go back to.");
    }

    private static BackTarget refused(String why) {
        return new BackTarget(0, 0, why);
    }
}
