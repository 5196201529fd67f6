package io.threebot.deployer.tfgrid.proxy;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What every gridproxy filter is: an immutable set of query parameters, checked when they were set, under the
 * gridproxy's own names (tfgrid-sdk-go {@code grid-proxy/pkg/types}). Two filters with the same parameters are equal.
 */
public abstract sealed class ProxyFilter permits NodeFilter, FarmFilter, TwinFilter, ContractFilter {
    private final Map<String, String> parameters;

    ProxyFilter(QueryParams parameters) {
        this.parameters = parameters.asMap();
    }

    /** The query parameters, by the gridproxy's names, in name order; list values joined with commas. */
    public Map<String, String> queryParameters() {
        return parameters;
    }

    /** The parameters as a percent-encoded query string, without the {@code ?}; empty when there is none. */
    public String toQueryString() {
        return QueryParams.encode(parameters);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && ((ProxyFilter) other).parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + parameters.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + parameters;
    }

    /** Node statuses as the gridproxy takes them, refusing {@link NodeStatus#UNKNOWN}. */
    static void statuses(QueryParams params, String name, NodeStatus... statuses) {
        List<NodeStatus> list = statuses == null ? List.of() : Arrays.asList(statuses);
        params.list(name, list, status -> {
            if (status == NodeStatus.UNKNOWN) {
                throw new InvalidInputException(name, "UNKNOWN is not a status to filter by");
            }
            return status.wireName();
        });
    }

    /** Ids from varargs, for the builders. */
    static List<Long> idList(long... ids) {
        return ids == null ? List.of() : Arrays.stream(ids).boxed().toList();
    }
}
