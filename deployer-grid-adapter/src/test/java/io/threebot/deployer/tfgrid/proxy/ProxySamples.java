package io.threebot.deployer.tfgrid.proxy;

/**
 * Answers shaped as the gridproxy's swagger describes them (tfgrid-sdk-go {@code grid-proxy/docs/swagger.yaml}: every
 * field of {@code types.Node}, {@code types.Farm}, {@code types.Twin}, {@code types.Contract}), with made-up values.
 */
final class ProxySamples {
    private ProxySamples() {
    }

    /** A node as {@code /nodes} lists it; {@code extra} is spliced in before the closing brace. */
    static String node(long nodeId, long twinId, String status, String domain, String extra) {
        return """
                {"id":"node-%1$d","nodeId":%1$d,"farmId":1,"farmName":"Freefarm","twinId":%2$d,"country":"Belgium",
                 "gridVersion":3,"city":"Ghent","uptime":86400,"created":1700000000,"farmingPolicyId":1,
                 "updatedAt":1760000000,
                 "total_resources":{"cru":16,"sru":1024209543168,"hru":8001561821184,"mru":67377795072},
                 "used_resources":{"cru":4,"sru":107374182400,"hru":0,"mru":8589934592},
                 "location":{"country":"Belgium","city":"Ghent","longitude":3.7,"latitude":51.05},
                 "publicConfig":{"domain":"%3$s","gw4":"185.206.122.1","gw6":"2a10:b600::1",
                                 "ipv4":"185.206.122.33/24","ipv6":"2a10:b600::33/64"},
                 "status":"%4$s","certificationType":"Certified","dedicated":false,"inDedicatedFarm":false,
                 "rentContractId":0,"rented":false,"rentable":true,"rentedByTwinId":0,"serialNumber":"S3R1AL",
                 "power":{"state":"Up","target":"Up"},"num_gpu":0,"extraFee":0,"healthy":true,
                 "dmi":{"bios":{"vendor":"American Megatrends","version":"1.2"},"baseboard":{"manufacturer":"X",
                 "product_name":"Y"},"processor":[{"version":"Xeon","thread_count":"32"}],"memory":[]},
                 "speed":{"upload":1e9,"download":1e9},"gpus":[],"price_usd":42.5,"farm_free_ips":3,
                 "features":["zmachine","network","zmount","ip","gateway-name-proxy"]%5$s}
                """.formatted(nodeId, twinId, domain, status, extra);
    }

    /** A node as {@code /nodes/{id}} answers it: its resources nested under {@code capacity}. */
    static String nodeWithNestedCapacity(long nodeId) {
        return """
                {"id":"node-%1$d","nodeId":%1$d,"farmId":7,"farmName":"Edge","twinId":%2$d,"country":"Egypt",
                 "city":"Cairo","uptime":10,"created":1700000000,"updatedAt":1760000000,
                 "capacity":{"total_resources":{"cru":8,"sru":500107862016,"hru":0,"mru":33554432000},
                             "used_resources":{"cru":1,"sru":0,"hru":0,"mru":2147483648}},
                 "publicConfig":{"domain":"","gw4":"","gw6":"","ipv4":"","ipv6":""},
                 "status":"standby","healthy":false,"features":[]}
                """.formatted(nodeId, nodeId + 100);
    }

    static String farm(long farmId) {
        return """
                {"name":"Farm%1$d","farmId":%1$d,"twinId":%2$d,"pricingPolicyId":1,"certificationType":"NotCertified",
                 "stellarAddress":"GDHJP6TF3UXYXTNEZ2P36J5FH7W4BJJQ4AYYAXC66I2Q2AH5B6O6BCFG","dedicated":false,
                 "publicIps":[{"id":"ip-1","ip":"185.206.122.40/24","gateway":"185.206.122.1","contract_id":0,
                               "farm_id":%1$d},
                              {"id":"ip-2","ip":"185.206.122.41/24","gateway":"185.206.122.1","contract_id":77}]}
                """.formatted(farmId, farmId + 1000);
    }

    static String twin(long twinId) {
        return """
                {"twinId":%d,"accountId":"5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y","relay":"relay.grid.tf",
                 "publicKey":"0x02a1b2"}
                """.formatted(twinId);
    }

    static String nodeContract(long contractId) {
        return """
                {"contract_id":%d,"twin_id":42,"state":"Created","created_at":1760000000,"type":"node",
                 "details":{"nodeId":11,"deployment_data":"{\\"type\\":\\"vm\\",\\"name\\":\\"bot\\"}",
                            "deployment_hash":"4d7f3c2b1a0e9f8d7c6b5a4938271605","number_of_public_ips":1,
                            "farm_name":"Freefarm","farm_id":1}}
                """.formatted(contractId);
    }

    static String nameContract(long contractId) {
        return """
                {"contract_id":%d,"twin_id":42,"state":"GracePeriod","created_at":1760000100,"type":"name",
                 "details":{"name":"mybot"}}
                """.formatted(contractId);
    }

    static String rentContract(long contractId) {
        return """
                {"contract_id":%d,"twin_id":43,"state":"Deleted","created_at":1760000200,"type":"rent",
                 "details":{"nodeId":12,"farm_name":"Edge","farm_id":7}}
                """.formatted(contractId);
    }

    static String array(String... items) {
        return "[" + String.join(",", items) + "]";
    }
}
