package io.threebot.deployer.model;

import java.util.Objects;

/** A user in the grid's phonebook. */
public record GridUser(long id, String name, String email, String pubkeyHex) {
    public GridUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(pubkeyHex, "pubkeyHex");
    }
}
