package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The genesis of the local chain: the sample topology the simulated grid has (five farms on three continents, one
 * without a location; nodes of several sizes; gateway nodes with domains in Europe and North America), each farmer
 * and node with a twin and an endowed account of its own, and a foundation account that holds the rest.
 */
final class SampleChainTopology {
    private static final long GIB = 1L << 30;

    private SampleChainTopology() {
    }

    /** The key of a genesis account, derived from its name (deterministic, so restarts and tests agree). */
    static Ed25519KeyPair key(String name) {
        byte[] seed = new byte[32];
        byte[] bytes = ("tfchain-local/" + name).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(io.threebot.deployer.tfgrid.chain.Hashing.blake2b256(bytes), 0, seed, 0, 32);
        return Ed25519KeyPair.fromSeed(seed);
    }

    static String foundationAccount() {
        return HexFormat.of().formatHex(key("foundation").publicKey());
    }

    static void install(BlockContext ctx) {
        BalancesPallet.mint(ctx, foundationAccount(), java.math.BigInteger.valueOf(1_000_000_000L)
                .multiply(java.math.BigInteger.valueOf(TfchainRuntime.ONE_TFT)));
        NodeLocation ghent = new NodeLocation("Ghent", "Belgium", "Europe", "51.05", "3.72");
        NodeLocation vienna = new NodeLocation("Vienna", "Austria", "Europe", "48.21", "16.37");
        NodeLocation toronto = new NodeLocation("Toronto", "Canada", "North America", "43.65", "-79.38");
        NodeLocation tokyo = new NodeLocation("Tokyo", "Japan", "Asia", "35.68", "139.69");
        NodeLocation nowhere = new NodeLocation("", "", "", "", "");
        long freefarm = farm(ctx, "freefarm", List.of("185.206.122.33/24", "185.206.122.34/24"), "185.206.122.1");
        long alpine = farm(ctx, "alpine-farm", List.of("91.134.10.5/24"), "91.134.10.1");
        long greenedge = farm(ctx, "greenedge", List.of("142.44.10.21/24"), "142.44.10.1");
        long tokyoHub = farm(ctx, "tokyo-hub", List.of(), "");
        long unplaced = farm(ctx, "unplaced-farm", List.of(), "");
        node(ctx, "node-ghent-1", freefarm, ghent, 16, 64, 1000, Optional.empty());
        node(ctx, "node-ghent-2", freefarm, ghent, 8, 32, 500, Optional.empty());
        node(ctx, "node-ghent-3", freefarm, ghent, 8, 32, 500, Optional.empty());
        node(ctx, "node-vienna-1", alpine, vienna, 8, 32, 500, Optional.empty());
        node(ctx, "node-vienna-2", alpine, vienna, 4, 16, 250, Optional.empty());
        node(ctx, "node-toronto-1", greenedge, toronto, 8, 32, 500, Optional.empty());
        node(ctx, "node-toronto-2", greenedge, toronto, 8, 32, 500, Optional.empty());
        node(ctx, "node-tokyo-1", tokyoHub, tokyo, 4, 8, 100, Optional.empty());
        node(ctx, "node-nowhere-1", unplaced, nowhere, 8, 32, 500, Optional.empty());
        node(ctx, "gw-ghent-1", freefarm, ghent, 4, 8, 100, Optional.of(new NodePublicConfig("185.69.166.10/24",
                "185.69.166.1", Optional.of("2a02:1802:5e::10/64"), Optional.of("2a02:1802:5e::1"),
                Optional.of("3bot.grid.tf"))));
        node(ctx, "gw-toronto-1", greenedge, toronto, 4, 8, 100, Optional.of(new NodePublicConfig(
                "142.44.10.20/24", "142.44.10.1", Optional.empty(), Optional.empty(),
                Optional.of("3bot.toronto.grid.tf"))));
    }

    /** The key of a sample node's twin (the account its twin is bound to). */
    static Ed25519KeyPair nodeKey(Node node) {
        return key(node.serialNumber().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A twin with an endowed account. Node twins get no end-to-end key: the official clients then send them plain
     * payloads, which the simulated nodes read (they do not decrypt).
     */
    private static long twin(BlockContext ctx, String name, boolean endToEndKey) {
        String account = HexFormat.of().formatHex(key(name).publicKey());
        BalancesPallet.mint(ctx, account, java.math.BigInteger.valueOf(1000 * TfchainRuntime.ONE_TFT));
        TfgridPallet.userAcceptTc(ctx, account, ScaleValues.text("https://library.threefold.me/info/legal/#/"),
                ScaleValues.text("2612b39e1de5d0b8b95c8e9c87d6c8b3"));
        TfgridPallet.createTwin(ctx, account, Optional.of(ScaleValues.text("relay.grid.local")),
                endToEndKey ? Optional.of(key(name).publicKey()) : Optional.empty());
        return ctx.state.lastTwinId;
    }

    private static long farm(BlockContext ctx, String name, List<String> ips, String gateway) {
        long twinId = twin(ctx, "farmer-" + name, true);
        long id = ++ctx.state.lastFarmId;
        Farm farm = new Farm(id, name, twinId, PricingPolicy.ID,
                ips.stream().map(ip -> new PublicIp(ip, gateway, 0)).toList(), false);
        ctx.state.farms.put(id, farm);
        ctx.deposit(TfgridPallet.NAME, "FarmStored", ScaleValues.farm(farm));
        return id;
    }

    private static void node(BlockContext ctx, String name, long farmId, NodeLocation location, int cores,
            int memoryGib, int ssdGib, Optional<NodePublicConfig> publicConfig) {
        long twinId = twin(ctx, name, false);
        long id = ++ctx.state.lastNodeId;
        long scale = ctx.config.nodeCapacityScale();
        Node node = new Node(id, farmId, twinId, new Resources(2000 * GIB * scale, ssdGib * GIB * scale,
                cores * scale, memoryGib * GIB * scale),
                location, publicConfig, ctx.nowSeconds, name.toUpperCase(java.util.Locale.ROOT));
        ctx.state.nodes.put(id, node);
        ctx.deposit(TfgridPallet.NAME, "NodeStored", ScaleValues.node(node));
    }
}
