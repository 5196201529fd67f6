package io.threebot.deployer.config;

import java.net.URI;

/** The grid networks a deployer can work on. */
public enum GridNetwork {
    MAIN("https://explorer.grid.tf/api/v1", "main"),
    TEST("https://explorer.testnet.grid.tf/api/v1", "test"),
    DEV("https://explorer.devnet.grid.tf/api/v1", "dev");

    private final URI explorerUrl;
    private final String identitySuffix;

    GridNetwork(String explorerUrl, String identitySuffix) {
        this.explorerUrl = URI.create(explorerUrl);
        this.identitySuffix = identitySuffix;
    }

    public URI explorerUrl() {
        return explorerUrl;
    }

    /** What 3Bots are told in {@code DEFAULT_IDENTITY}: main, test or dev. */
    public String identitySuffix() {
        return identitySuffix;
    }
}
