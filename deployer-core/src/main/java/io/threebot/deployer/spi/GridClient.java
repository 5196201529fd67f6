package io.threebot.deployer.spi;

import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.PoolPayment;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.model.UnitPrices;
import io.threebot.deployer.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The grid, as the deployer uses it: the directory of farms, nodes and gateways, the phonebook, capacity pools and
 * workloads. Implemented by the simulated grid in core and by the explorer HTTP adapter.
 *
 * <p>Every method throws a subclass of {@link io.threebot.deployer.grid.GridException} on failure.
 *
 * <p>Every method may be called from several threads at once (deployments, listings and the workload poller run in
 * parallel).
 */
public interface GridClient {

    List<Farm> listFarms();

    Optional<Farm> getFarm(long farmId);

    /** The nodes of one farm. */
    List<Node> listNodes(long farmId);

    Optional<Node> getNode(String nodeId);

    List<Gateway> listGateways();

    Optional<Gateway> getGateway(String nodeId);

    Optional<GridUser> findUser(String name);

    /** Registers a user; fails with a conflict when the name or e-mail is taken. */
    GridUser registerUser(String name, String email, String pubkeyHex);

    /**
     * The grid's default prices, from which the deployer quotes users before it reserves anything. The reservation
     * itself says what the grid charges (a farm may have a deal); the deployer never pays more than the user paid.
     */
    UnitPrices unitPrices();

    /** Asks for a new pool or an extension, signed by {@code customer}; the answer says what to pay. */
    PoolReservation reservePool(PoolRequest request, GridIdentity customer);

    Optional<PoolPayment> getPoolPayment(long reservationId);

    Optional<Pool> getPool(long poolId);

    List<Pool> listPools(long ownerTid);

    /** Sends a workload signed by {@code customer}; returns its id. */
    long deployWorkload(Workload workload, GridIdentity customer);

    Optional<Workload> getWorkload(long workloadId);

    /** Several workloads at once; the default asks one by one. Unknown ids are left out. */
    default List<Workload> getWorkloads(List<Long> workloadIds) {
        List<Workload> found = new ArrayList<>();
        for (long id : workloadIds) {
            getWorkload(id).ifPresent(found::add);
        }
        return found;
    }

    /** Every workload of a customer, in any state. */
    List<Workload> listWorkloads(long customerTid);

    /** Asks the grid to remove a workload; a workload already on its way out is left alone. */
    void decommission(long workloadId, GridIdentity customer);
}
