package io.threebot.deployer.terms;

import java.time.Instant;

/** That an owner accepted the terms of one grid network, and when. */
public record TermsAcceptance(String owner, String network, Instant acceptedAt) {
    /** The store kind acceptances are kept under, as {@code <network>_<owner>}. */
    public static final String KIND = "terms";
}
