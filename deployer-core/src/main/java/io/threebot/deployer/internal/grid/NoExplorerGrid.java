package io.threebot.deployer.internal.grid;

import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.PoolPayment;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.UnitPrices;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import java.util.List;
import java.util.Optional;

/**
 * The explorer grid of a deployer that runs on a hosting grid only (TFGrid v3): its directory and phonebook are empty
 * (no v2 identity, farm, pool or workload exists), and whatever would change it is refused as unavailable, naming
 * the grid the deployer runs on.
 */
public final class NoExplorerGrid implements GridClient {
    private final String gridName;

    public NoExplorerGrid(String gridName) {
        this.gridName = gridName;
    }

    private GridUnavailableException refused(String what) {
        return new GridUnavailableException("this deployer runs on " + gridName + ", which does not " + what);
    }

    @Override
    public List<Farm> listFarms() {
        return List.of();
    }

    @Override
    public Optional<Farm> getFarm(long farmId) {
        return Optional.empty();
    }

    @Override
    public List<Node> listNodes(long farmId) {
        return List.of();
    }

    @Override
    public Optional<Node> getNode(String nodeId) {
        return Optional.empty();
    }

    @Override
    public List<Gateway> listGateways() {
        return List.of();
    }

    @Override
    public Optional<Gateway> getGateway(String nodeId) {
        return Optional.empty();
    }

    @Override
    public Optional<GridUser> findUser(String name) {
        return Optional.empty();
    }

    @Override
    public GridUser registerUser(String name, String email, String pubkeyHex) {
        throw refused("keep a phonebook of 3Bot identities");
    }

    @Override
    public UnitPrices unitPrices() {
        throw refused("price capacity units");
    }

    @Override
    public PoolReservation reservePool(PoolRequest request, GridIdentity customer) {
        throw refused("sell capacity pools");
    }

    @Override
    public Optional<PoolPayment> getPoolPayment(long reservationId) {
        return Optional.empty();
    }

    @Override
    public Optional<Pool> getPool(long poolId) {
        return Optional.empty();
    }

    @Override
    public List<Pool> listPools(long ownerTid) {
        return List.of();
    }

    @Override
    public long deployWorkload(Workload workload, GridIdentity customer) {
        throw refused("take explorer workloads");
    }

    @Override
    public Optional<Workload> getWorkload(long workloadId) {
        return Optional.empty();
    }

    @Override
    public List<Workload> listWorkloads(long customerTid) {
        return List.of();
    }

    @Override
    public void decommission(long workloadId, GridIdentity customer) {
        throw refused("take explorer workloads");
    }
}
