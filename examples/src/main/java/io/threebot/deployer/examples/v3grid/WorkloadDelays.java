package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long simulated zos nodes take to bring a workload from {@code init} to its outcome, by workload type.
 *
 * @param otherwise the delay of a type not named
 * @param byType    delays by workload type ({@code network}, {@code zmachine}, ...)
 */
public record WorkloadDelays(Duration otherwise, Map<String, Duration> byType) {
    /** @throws InvalidInputException when a delay is negative */
    public WorkloadDelays {
        Objects.requireNonNull(otherwise, "otherwise");
        byType = Map.copyOf(byType);
        if (otherwise.isNegative() || byType.values().stream().anyMatch(Duration::isNegative)) {
            throw new InvalidInputException("workloadDelay", "a workload delay is not negative");
        }
    }

    /** The same delay for every type. */
    public static WorkloadDelays uniform(Duration delay) {
        return new WorkloadDelays(delay, Map.of());
    }

    /** The delay of a workload type. */
    public Duration of(String type) {
        return byType.getOrDefault(type, otherwise);
    }
}
