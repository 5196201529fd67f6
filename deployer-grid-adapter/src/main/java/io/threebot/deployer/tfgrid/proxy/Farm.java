package io.threebot.deployer.tfgrid.proxy;

import java.util.List;
import java.util.Optional;

/**
 * A farm as {@code /farms} lists it.
 *
 * @param farmId            its id on tfchain
 * @param name              its name
 * @param twinId            its farmer's twin
 * @param pricingPolicyId   its pricing policy
 * @param certificationType as the gridproxy spells it ({@code Certified}, {@code DIY}, {@code NotCertified})
 * @param stellarAddress    where the farmer is paid, when set
 * @param dedicated         whether its nodes are rented whole only
 * @param publicIps         its public IPv4 addresses, free and used
 */
public record Farm(long farmId, String name, long twinId, long pricingPolicyId, String certificationType,
                   Optional<String> stellarAddress, boolean dedicated, List<FarmPublicIp> publicIps) {
    /** Copies the list. */
    public Farm {
        publicIps = List.copyOf(publicIps);
    }

    /** How many of its public IPs no contract uses. */
    public long freeIps() {
        return publicIps.stream().filter(FarmPublicIp::free).count();
    }

    /** {@code farmId}, {@code name} and {@code twinId} are required. */
    static Farm read(JsonFields json) {
        return new Farm(json.requiredCount("farmId"), json.requiredText("name"), json.requiredCount("twinId"),
                json.count("pricingPolicyId"), json.text("certificationType"), json.optionalText("stellarAddress"),
                json.flag("dedicated"), json.objects("publicIps", FarmPublicIp::read));
    }
}
