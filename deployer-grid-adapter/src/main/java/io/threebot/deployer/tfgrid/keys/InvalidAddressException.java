package io.threebot.deployer.tfgrid.keys;

import io.threebot.deployer.errors.InvalidInputException;

/** A text that is not an SS58 address of a 32-byte key (bad base58, length, checksum or network prefix). */
public final class InvalidAddressException extends InvalidInputException {
    InvalidAddressException(String message) {
        super("address", message);
    }
}
