package io.threebot.deployer.billing;

/** What a user pays for. */
public enum PurchaseKind {
    DEPLOY("a new 3Bot"),
    START("starting a 3Bot"),
    RESTART("restarting a 3Bot"),
    CHANGE_SIZE("a 3Bot's new size"),
    CHANGE_LOCATION("moving a 3Bot"),
    EXTEND("extending a 3Bot");

    private final String description;

    PurchaseKind(String description) {
        this.description = description;
    }

    /** Words for the user, e.g. "extending a 3Bot". */
    public String description() {
        return description;
    }
}
