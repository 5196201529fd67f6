package io.threebot.deployer.examples.host;

import java.util.Objects;
import java.util.Optional;

/**
 * What the host's page shows that the deployer does not decide: the terms users accept (Markdown, from the host's
 * configuration) and, on a simulated ledger only, the demo wallet a user can pay with.
 *
 * @param termsMarkdown the terms and conditions shown before the first deploy
 * @param demoWallet    the simulated user wallet behind "Pay with the demo wallet"; empty on a real ledger
 */
record PageSettings(String termsMarkdown, Optional<DemoWallet> demoWallet) {
    /** The terms shown when the host is given none: a pointer to ThreeFold's own. */
    static final String DEFAULT_TERMS = """
            ## Terms and conditions of the ThreeFold Grid

            Your 3Bot runs on capacity of the ThreeFold Grid, which independent farmers provide. By deploying it you \
            accept the terms and conditions of the ThreeFold Grid, which you can read at \
            <https://library.threefold.me/info/legal/>.

            - You pay for the capacity your 3Bot uses before it is bought; what is not used is refunded.
            - Your recovery password cannot be reset by anyone: keep it safe.
            - You are responsible for what your 3Bot serves.""";

    /** Terms of the default text, and no demo wallet. */
    static final PageSettings DEFAULT = new PageSettings(DEFAULT_TERMS, Optional.empty());

    PageSettings {
        Objects.requireNonNull(termsMarkdown, "termsMarkdown");
        Objects.requireNonNull(demoWallet, "demoWallet");
        if (termsMarkdown.isBlank()) {
            throw new IllegalArgumentException("the terms text is empty");
        }
    }

    /** These settings with a demo wallet. */
    PageSettings withDemoWallet(DemoWallet wallet) {
        return new PageSettings(termsMarkdown, Optional.of(wallet));
    }
}
