package io.threebot.deployer.sim;

import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.ResourceUnits;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The grid the embedded default runs on: five farms on three continents (one without a continent, one without
 * an access node), and gateways with {@code 3bot.} managed domains in Europe and North America.
 */
public final class SampleTopology {
    public static final long FARM_GHENT = 1;
    public static final long FARM_VIENNA = 2;
    public static final long FARM_TORONTO = 3;
    public static final long FARM_TOKYO = 4;
    public static final long FARM_NOWHERE = 5;

    private SampleTopology() {
    }

    public static void install(SimulatedGrid grid) {
        Instant now = grid.clock().instant();
        Location ghent = new Location("Europe", "Belgium", "Ghent");
        Location vienna = new Location("Europe", "Austria", "Vienna");
        Location toronto = new Location("North America", "Canada", "Toronto");
        Location tokyo = new Location("Asia", "Japan", "Tokyo");
        Location nowhere = new Location("", "", "");
        grid.addFarm(new Farm(FARM_GHENT, "freefarm", ghent));
        grid.addFarm(new Farm(FARM_VIENNA, "alpine-farm", vienna));
        grid.addFarm(new Farm(FARM_TORONTO, "greenedge", toronto));
        grid.addFarm(new Farm(FARM_TOKYO, "tokyo-hub", tokyo));
        grid.addFarm(new Farm(FARM_NOWHERE, "unplaced-farm", nowhere));

        grid.addNode(node("node-ghent-1", FARM_GHENT, ghent, 16, 64, 1000, true, now));
        grid.addNode(node("node-ghent-2", FARM_GHENT, ghent, 8, 32, 500, false, now));
        grid.addNode(node("node-ghent-3", FARM_GHENT, ghent, 8, 32, 500, false, now));
        grid.addNode(node("node-vienna-1", FARM_VIENNA, vienna, 8, 32, 500, true, now));
        grid.addNode(node("node-vienna-2", FARM_VIENNA, vienna, 4, 16, 250, false, now));
        grid.addNode(node("node-toronto-1", FARM_TORONTO, toronto, 8, 32, 500, true, now));
        grid.addNode(node("node-toronto-2", FARM_TORONTO, toronto, 8, 32, 500, false, now));
        grid.addNode(node("node-tokyo-1", FARM_TOKYO, tokyo, 4, 8, 100, true, now));
        grid.addNode(node("node-nowhere-1", FARM_NOWHERE, nowhere, 8, 32, 500, false, now));

        grid.addGateway(new Gateway("gw-ghent-1", FARM_GHENT, ghent,
                        List.of("3bot.grid.tf", "webg1.grid.tf", "vdc3bot.grid.tf"), List.of("ns1.gw-ghent-1.grid.tf"),
                        6060, now, key("gw-ghent-1")), "185.69.166.10");
        grid.addGateway(new Gateway("gw-toronto-1", FARM_TORONTO, toronto,
                        List.of("3bot.toronto.grid.tf"), List.of("ns1.gw-toronto-1.grid.tf"), 6060, now,
                        key("gw-toronto-1")), "142.44.10.20");
    }

    private static Node node(String id, long farmId, Location location, int cru, int mruGb, int sruGb,
                             boolean accessNode, Instant now) {
        int n = Math.abs(id.hashCode() % 200) + 10;
        Optional<String> ipv4 = accessNode ? Optional.of("185.206.122." + n + "/24") : Optional.empty();
        Optional<String> ipv6 = Optional.of("2a02:1802:5e:" + Integer.toHexString(n) + "::1/64");
        return new Node(id, farmId, location, new ResourceUnits(cru, mruGb, sruGb, 2000), ResourceUnits.ZERO,
                ResourceUnits.ZERO, now, ipv4, ipv6, key(id), false);
    }

    private static String key(String id) {
        byte[] bytes = new byte[32];
        byte[] name = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(name, 0, bytes, 0, Math.min(name.length, 32));
        return HexFormat.of().formatHex(bytes);
    }
}
