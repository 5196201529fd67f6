package io.threebot.deployer.tfgrid.zos;

import io.threebot.deployer.errors.InvalidInputException;

/**
 * A deployment, workload or workload result that zos would not read as given: malformed or oversized JSON, a
 * number out of its type's range, an IP or CIDR that is not one, a workload type whose challenge is unknown, or
 * signatures that do not satisfy the signature requirement. Reason {@link Reason#INVALID_INPUT}; {@link #field()}
 * names the JSON field at fault.
 */
public final class InvalidDeploymentException extends InvalidInputException {
    InvalidDeploymentException(String field, String message) {
        super(field, message);
    }

    InvalidDeploymentException(String field, String message, Throwable cause) {
        super(field, message);
        initCause(cause);
    }
}
