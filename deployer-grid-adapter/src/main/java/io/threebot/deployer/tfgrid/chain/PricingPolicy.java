package io.threebot.deployer.tfgrid.chain;

import java.util.Objects;

/**
 * A pricing policy as {@code TfgridModule.PricingPolicies} holds it: what each unit of capacity costs an hour, in
 * ten-millionths of a USD, and the amount of a resource one unit of price counts (its {@code unit}).
 *
 * @param id         the policy's id
 * @param name       its name
 * @param su         the price of a storage unit an hour
 * @param cu         the price of a compute unit an hour
 * @param nu         the price of a network unit (of traffic)
 * @param ipu        the price of a public IPv4 an hour
 * @param uniqueName the price of a name contract an hour
 * @param domainName the price of a domain name an hour
 */
public record PricingPolicy(long id, String name, Price su, Price cu, Price nu, Price ipu, Price uniqueName,
        Price domainName) {

    /**
     * One price of a policy.
     *
     * @param value     ten-millionths of a USD
     * @param unitBytes the bytes its unit stands for (1024^3 for {@code Gigabytes}), 1 for prices of things
     */
    public record Price(long value, long unitBytes) {
    }

    /** @throws NullPointerException when a part is null */
    public PricingPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(su, "su");
        Objects.requireNonNull(cu, "cu");
        Objects.requireNonNull(nu, "nu");
        Objects.requireNonNull(ipu, "ipu");
        Objects.requireNonNull(uniqueName, "uniqueName");
        Objects.requireNonNull(domainName, "domainName");
    }
}
