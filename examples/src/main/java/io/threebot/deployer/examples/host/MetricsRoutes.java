package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployer's meters as JSON ({@code GET /metrics}), for an operator; a real host would hand its registry to
 * Prometheus or another backend instead.
 */
final class MetricsRoutes implements HttpHandler {
    private final MeterRegistry registry;

    MetricsRoutes(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<Map<String, Object>> meters = new ArrayList<>();
            for (Meter meter : registry.getMeters()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("name", meter.getId().getName());
                Map<String, String> tags = new LinkedHashMap<>();
                meter.getId().getTags().forEach(t -> tags.put(t.getKey(), t.getValue()));
                view.put("tags", tags);
                for (Measurement m : meter.measure()) {
                    view.put(m.getStatistic().name().toLowerCase(java.util.Locale.ROOT), m.getValue());
                }
                meters.add(view);
            }
            JsonExchange.send(exchange, 200, meters);
        }
    }
}
