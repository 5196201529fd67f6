package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deployment as a simulated zos node keeps it: the deployment with each workload's latest result, and every
 * result the workloads went through, in order (what {@code zos.deployment.changes} answers).
 *
 * @param deployment the deployment, each workload carrying its current result
 * @param changes    each workload as it was at each change of its result, oldest first
 */
public record NodeDeployment(Deployment deployment, List<Workload> changes) {
    /** @throws NullPointerException when a part is null */
    public NodeDeployment {
        Objects.requireNonNull(deployment, "deployment");
        changes = List.copyOf(changes);
    }

    /** The contract it runs under. */
    public long contractId() {
        return deployment.contractId();
    }

    /** The state of the named workload, or {@link WorkloadResult.State#NONE} when it has none or no such one. */
    public WorkloadResult.State state(String workload) {
        Workload w = deployment.workload(workload);
        return w == null || w.result() == null ? WorkloadResult.State.NONE : w.result().state();
    }

    /** This deployment with one workload's result replaced, the change recorded. */
    NodeDeployment withResult(String workload, WorkloadResult result) {
        List<Workload> workloads = new ArrayList<>();
        List<Workload> newChanges = new ArrayList<>(changes);
        for (Workload w : deployment.workloads()) {
            if (w.name().equals(workload)) {
                Workload changed = new Workload(w.version(), w.name(), w.type(), w.data(), w.metadata(),
                        w.description(), result);
                workloads.add(changed);
                newChanges.add(changed);
            } else {
                workloads.add(w);
            }
        }
        Deployment d = deployment;
        return new NodeDeployment(new Deployment(d.version(), d.twinId(), d.contractId(), d.metadata(),
                d.description(), d.expiration(), d.signatureRequirement(), workloads), newChanges);
    }
}
