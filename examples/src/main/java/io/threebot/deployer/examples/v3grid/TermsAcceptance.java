package io.threebot.deployer.examples.v3grid;

import java.util.Objects;

/**
 * An account's acceptance of the terms and conditions ({@code TfgridModule.user_accept_tc}).
 *
 * @param timestamp    the chain time it was accepted at, seconds
 * @param documentLink the link to the document accepted
 * @param documentHash the document's hash as given
 */
public record TermsAcceptance(long timestamp, String documentLink, String documentHash) {
    /** @throws NullPointerException when a part is null */
    public TermsAcceptance {
        Objects.requireNonNull(documentLink, "documentLink");
        Objects.requireNonNull(documentHash, "documentHash");
    }
}
