package io.threebot.deployer.stellar;

/**
 * The Stellar networks TFT lives on, with their public Horizon, network passphrase and TFT issuer.
 *
 * <p>The Horizon URLs and TFT issuers are those of ThreeFold's own Stellar client, which the original deployer paid
 * through: threefoldtech/js-sdk {@code jumpscale/clients/stellar/stellar.py} ({@code _HORIZON_NETWORKS},
 * {@code _NETWORK_KNOWN_TRUSTS}: {@code STD} is the public network, {@code TEST} the test network); the same issuers
 * are in ThreeFold's TFT bridge ({@code TFTMainnet}, {@code TFTTest}). The passphrases are Stellar's
 * ({@code org.stellar.sdk.Network.PUBLIC} and {@code TESTNET}).
 */
public enum StellarNetwork {
    /** The public network, where ThreeFold Connect users hold their TFT. */
    PUBLIC("https://horizon.stellar.org", "Public Global Stellar Network ; September 2015",
            "GBOVQKJYHXRR3DX6NOX2RRYFRCUMSADGDESTDNBDS6CDVLGVESRTAC47"),
    /** Stellar's test network, with ThreeFold's test TFT. */
    TESTNET("https://horizon-testnet.stellar.org", "Test SDF Network ; September 2015",
            "GA47YZA3PKFUZMPLQ3B5F2E3CJIB57TGGU7SPCQT2WAEYKN766PWIMB3");

    /** The code of the ThreeFold token on Stellar. */
    public static final String TFT = "TFT";

    private final String horizonUrl;
    private final String passphrase;
    private final String tftIssuer;

    StellarNetwork(String horizonUrl, String passphrase, String tftIssuer) {
        this.horizonUrl = horizonUrl;
        this.passphrase = passphrase;
        this.tftIssuer = tftIssuer;
    }

    /** The public Horizon server of this network. */
    public String horizonUrl() {
        return horizonUrl;
    }

    /** The network passphrase transactions are signed for. */
    public String passphrase() {
        return passphrase;
    }

    /** The account that issues TFT on this network. */
    public String tftIssuer() {
        return tftIssuer;
    }
}
