package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * gridproxy's filters and sort keys ({@code NodeFilter}, {@code FarmFilter}, {@code TwinFilter},
 * {@code ContractFilter} of tfgrid-sdk-go {@code grid-proxy/pkg/types}), as predicates over the grid index.
 * Parameters it does not know are ignored, as gridproxy ignores them.
 */
final class ProxyFilters {
    private ProxyFilters() {
    }

    /** Collects the conditions of one request; all must hold. */
    private static final class Conditions<T> {
        private final List<Predicate<T>> all = new ArrayList<>();

        <V> Conditions<T> when(Optional<V> value, java.util.function.BiPredicate<T, V> test) {
            value.ifPresent(v -> all.add(item -> test.test(item, v)));
            return this;
        }

        <V> Conditions<T> whenAny(List<V> values, Function<T, V> field) {
            if (!values.isEmpty()) {
                all.add(item -> values.contains(field.apply(item)));
            }
            return this;
        }

        Predicate<T> build() {
            return item -> all.stream().allMatch(p -> p.test(item));
        }
    }

    private static boolean same(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static boolean contains(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    static Predicate<GridIndex.NodeView> nodes(QueryParams q) {
        List<String> statuses = q.texts("status").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        for (String status : statuses) {
            if (!List.of("up", "down", "standby").contains(status)) {
                throw new InvalidInputException("status", "status is up, down or standby: " + status);
            }
        }
        return new Conditions<GridIndex.NodeView>()
                .whenAny(statuses, n -> n.up() ? "up" : "down")
                .when(q.flag("healthy"), (n, v) -> n.up() == v)
                .when(q.number("free_mru"), (n, v) -> n.free().mru() >= v)
                .when(q.number("free_sru"), (n, v) -> n.free().sru() >= v)
                .when(q.number("free_hru"), (n, v) -> n.free().hru() >= v)
                .when(q.number("total_mru"), (n, v) -> n.node().resources().mru() >= v)
                .when(q.number("total_sru"), (n, v) -> n.node().resources().sru() >= v)
                .when(q.number("total_hru"), (n, v) -> n.node().resources().hru() >= v)
                .when(q.number("total_cru"), (n, v) -> n.node().resources().cru() >= v)
                .when(q.text("country"), (n, v) -> same(n.node().location().country(), v))
                .when(q.text("country_contains"), (n, v) -> contains(n.node().location().country(), v))
                .when(q.text("city"), (n, v) -> same(n.node().location().city(), v))
                .when(q.text("city_contains"), (n, v) -> contains(n.node().location().city(), v))
                .when(q.text("region"), (n, v) -> same(n.node().location().continent(), v))
                .when(q.text("farm_name"), (n, v) -> n.farm() != null && same(n.farm().name(), v))
                .when(q.text("farm_name_contains"), (n, v) -> n.farm() != null && contains(n.farm().name(), v))
                .whenAny(q.numbers("farm_ids"), n -> n.node().farmId())
                .when(q.number("free_ips"), (n, v) -> n.farm() != null && ProxyViews.freeIps(n.farm()) >= v)
                .when(q.flag("ipv4"), (n, v) -> n.node().publicConfig().isPresent() == v)
                .when(q.flag("ipv6"), (n, v) -> n.node().publicConfig().flatMap(NodePublicConfig::ip6)
                        .isPresent() == v)
                .when(q.flag("domain"), (n, v) -> n.node().isGateway() == v)
                .when(q.flag("dedicated"), (n, v) -> !v)
                .when(q.flag("in_dedicated_farm"), (n, v) -> n.farm() != null && n.farm().dedicated() == v)
                .when(q.flag("rentable"), (n, v) -> (n.farm() != null && n.farm().dedicated()) == v)
                .when(q.flag("rented"), (n, v) -> !v)
                .when(q.number("rented_by"), (n, v) -> false)
                .when(q.number("available_for"), (n, v) -> n.farm() == null || !n.farm().dedicated())
                .when(q.number("owned_by"), (n, v) -> n.farm() != null && n.farm().twinId() == v)
                .when(q.number("node_id"), (n, v) -> n.node().id() == v)
                .whenAny(q.numbers("node_ids"), n -> n.node().id())
                .when(q.number("twin_id"), (n, v) -> n.node().twinId() == v)
                .when(q.text("certification_type"), (n, v) -> same("Diy", v))
                .when(q.flag("has_gpu"), (n, v) -> !v)
                .when(Optional.of(q.numbers("excluded")).filter(l -> !l.isEmpty()),
                        (n, v) -> !v.contains(n.node().id()))
                .build();
    }

    static Map<String, Comparator<GridIndex.NodeView>> nodeSorts() {
        return Map.ofEntries(
                Map.entry("node_id", Comparator.comparingLong(n -> n.node().id())),
                Map.entry("farm_id", Comparator.comparingLong(n -> n.node().farmId())),
                Map.entry("twin_id", Comparator.comparingLong(n -> n.node().twinId())),
                Map.entry("country", Comparator.comparing(n -> n.node().location().country())),
                Map.entry("city", Comparator.comparing(n -> n.node().location().city())),
                Map.entry("created", Comparator.comparingLong(n -> n.node().created())),
                Map.entry("status", Comparator.comparing(n -> n.up() ? "up" : "down")),
                Map.entry("free_cru", Comparator.comparingLong(n -> n.free().cru())),
                Map.entry("free_mru", Comparator.comparingLong(n -> n.free().mru())),
                Map.entry("free_sru", Comparator.comparingLong(n -> n.free().sru())),
                Map.entry("free_hru", Comparator.comparingLong(n -> n.free().hru())),
                Map.entry("total_cru", Comparator.comparingLong(n -> n.node().resources().cru())),
                Map.entry("total_mru", Comparator.comparingLong(n -> n.node().resources().mru())),
                Map.entry("total_sru", Comparator.comparingLong(n -> n.node().resources().sru())),
                Map.entry("total_hru", Comparator.comparingLong(n -> n.node().resources().hru())),
                Map.entry("used_cru", Comparator.comparingLong(n -> n.used().cru())),
                Map.entry("used_mru", Comparator.comparingLong(n -> n.used().mru())),
                Map.entry("used_sru", Comparator.comparingLong(n -> n.used().sru())),
                Map.entry("used_hru", Comparator.comparingLong(n -> n.used().hru())));
    }

    static Predicate<Farm> farms(QueryParams q, List<GridIndex.NodeView> nodes) {
        Predicate<GridIndex.NodeView> nodeCondition = new Conditions<GridIndex.NodeView>()
                .when(q.number("node_free_mru"), (n, v) -> n.free().mru() >= v)
                .when(q.number("node_free_sru"), (n, v) -> n.free().sru() >= v)
                .when(q.number("node_free_hru"), (n, v) -> n.free().hru() >= v)
                .when(q.text("node_status"), (n, v) -> same(n.up() ? "up" : "down", v))
                .when(q.number("node_available_for"), (n, v) -> n.farm() == null || !n.farm().dedicated())
                .when(q.number("node_rented_by"), (n, v) -> false)
                .when(q.flag("node_has_gpu"), (n, v) -> !v)
                .when(q.flag("node_certified"), (n, v) -> !v)
                .when(q.text("country"), (n, v) -> same(n.node().location().country(), v))
                .build();
        boolean aboutNodes = List.of("node_free_mru", "node_free_sru", "node_free_hru", "node_status",
                "node_available_for", "node_rented_by", "node_has_gpu", "node_certified", "country").stream()
                .anyMatch(k -> !q.texts(k).isEmpty());
        return new Conditions<Farm>()
                .when(q.number("free_ips"), (f, v) -> ProxyViews.freeIps(f) >= v)
                .when(q.number("total_ips"), (f, v) -> f.publicIps().size() >= v)
                .when(q.number("pricing_policy_id"), (f, v) -> f.pricingPolicyId() == v)
                .when(q.number("farm_id"), (f, v) -> f.id() == v)
                .when(q.number("twin_id"), (f, v) -> f.twinId() == v)
                .when(q.text("name"), (f, v) -> same(f.name(), v))
                .when(q.text("farm_name"), (f, v) -> same(f.name(), v))
                .when(q.text("name_contains"), (f, v) -> contains(f.name(), v))
                .when(q.text("certification_type"), (f, v) -> same("NotCertified", v))
                .when(q.flag("dedicated"), (f, v) -> f.dedicated() == v)
                .when(Optional.of(aboutNodes).filter(b -> b), (f, v) -> nodes.stream()
                        .anyMatch(n -> n.node().farmId() == f.id() && nodeCondition.test(n)))
                .build();
    }

    static Map<String, Comparator<Farm>> farmSorts() {
        return Map.of("farm_id", Comparator.comparingLong(Farm::id), "twin_id", Comparator.comparingLong(Farm::twinId),
                "name", Comparator.comparing(Farm::name),
                "public_ips", Comparator.comparingLong(f -> f.publicIps().size()),
                "free_ips", Comparator.comparingLong(ProxyViews::freeIps));
    }

    static Predicate<Twin> twins(QueryParams q) {
        return new Conditions<Twin>()
                .when(q.number("twin_id"), (t, v) -> t.id() == v)
                .when(q.text("account_id"), (t, v) -> ProxyViews.accountId(t).equals(v))
                .when(q.text("relay"), (t, v) -> t.relay().orElse("").equals(v))
                .when(q.text("public_key"), (t, v) -> t.publicKey().orElse("").equalsIgnoreCase(v))
                .build();
    }

    static Map<String, Comparator<Twin>> twinSorts() {
        return Map.of("twin_id", Comparator.comparingLong(Twin::id), "relay",
                Comparator.comparing((Twin t) -> t.relay().orElse("")));
    }

    static Predicate<GridIndex.ContractView> contracts(QueryParams q) {
        List<String> states = q.texts("state");
        for (String state : states) {
            if (!List.of("created", "graceperiod", "deleted").contains(state.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("state", "state is Created, GracePeriod or Deleted: " + state);
            }
        }
        Optional<String> type = q.text("type").map(t -> t.toLowerCase(Locale.ROOT));
        if (type.isPresent() && !List.of("node", "name", "rent").contains(type.get())) {
            throw new InvalidInputException("type", "type is node, name or rent: " + type.get());
        }
        return new Conditions<GridIndex.ContractView>()
                .when(Optional.of(states).filter(s -> !s.isEmpty()),
                        (c, v) -> v.stream().anyMatch(s -> same(s, c.state())))
                .when(q.number("contract_id"), (c, v) -> c.contract().id() == v)
                .when(q.number("twin_id"), (c, v) -> c.contract().twinId() == v)
                .when(q.number("node_id"), (c, v) -> c.contract().type() == Contract.Type.NODE
                        && c.contract().nodeId() == v)
                .when(type, (c, v) -> c.type().equals(v))
                .when(q.text("name"), (c, v) -> c.contract().name().equals(v))
                .when(q.number("number_of_public_ips"), (c, v) -> c.contract().publicIps() >= v)
                .when(q.text("deployment_data"), (c, v) -> ProxyViews.text(c.contract().deploymentData()).equals(v))
                .when(q.text("deployment_hash"), (c, v) -> ProxyViews.text(c.contract().deploymentHash()).equals(v))
                .when(q.text("farm_name"), (c, v) -> c.farm().map(f -> same(f.name(), v)).orElse(false))
                .when(q.number("farm_id"), (c, v) -> c.farm().map(f -> f.id() == v).orElse(false))
                .build();
    }

    static Map<String, Comparator<GridIndex.ContractView>> contractSorts() {
        return Map.of("contract_id", Comparator.comparingLong(c -> c.contract().id()),
                "twin_id", Comparator.comparingLong(c -> c.contract().twinId()),
                "created_at", Comparator.comparingLong(GridIndex.ContractView::createdAt),
                "state", Comparator.comparing(GridIndex.ContractView::state),
                "type", Comparator.comparing(GridIndex.ContractView::type));
    }
}
