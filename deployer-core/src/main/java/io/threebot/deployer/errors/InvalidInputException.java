package io.threebot.deployer.errors;

import java.util.Objects;
import java.util.Optional;

/** An input the deployer (or a host built on it) cannot take; {@link #field()} names the field at fault. */
public class InvalidInputException extends DeployerException {
    private final String field;

    /**
     * @param field   the field at fault, as the client named it (e.g. {@code days})
     * @param message what is wrong with it, for the user
     */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }

    @Override
    public Optional<String> field() {
        return Optional.of(field);
    }
}
