package io.threebot.deployer.tfgrid.proxy;

/**
 * A public IPv4 address of a farm.
 *
 * @param id         the proxy's id of the address
 * @param ip         the address with its prefix (e.g. {@code 185.206.122.40/24})
 * @param gateway    its gateway
 * @param contractId the contract using it, 0 when it is free
 */
public record FarmPublicIp(String id, String ip, String gateway, long contractId) {
    /** Whether no contract uses it. */
    public boolean free() {
        return contractId == 0;
    }

    static FarmPublicIp read(JsonFields json) {
        return new FarmPublicIp(json.text("id"), json.requiredText("ip"), json.text("gateway"),
                json.count("contract_id"));
    }
}
