package io.threebot.deployer.model;

import java.util.regex.Pattern;

/** The grid identity of an owner's 3Bot, {@code <owner>_<name>}: how it is made and what it may look like. */
public final class IdentityNames {
    /**
     * What {@link #of} makes of a valid owner and 3Bot name: {@code <owner>_<name>} in lower-case letters and digits.
     * Anything a remote shell or a backup request carries as an identity is checked against it.
     */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}_[a-z][a-z0-9]{0,31}");

    private IdentityNames() {
    }

    /** The grid identity of an owner's 3Bot, {@code <owner>_<name>}. */
    public static String of(String owner, String threebotName) {
        return owner + "_" + threebotName;
    }

    /** The e-mail address the identity is registered with. */
    public static String email(String identityName) {
        return identityName + "@threefold.me";
    }
}
