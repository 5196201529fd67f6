package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.grid.GridConflictException;

/** The 3Bot's name is held on the grid by another twin's name contract. Reason {@link Reason#CONFLICT}. */
public final class NameTakenException extends GridConflictException {
    private final String name;

    NameTakenException(String name) {
        super("the name " + name + " is taken on the grid");
        this.name = name;
    }

    /** The name. */
    public String name() {
        return name;
    }

    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
