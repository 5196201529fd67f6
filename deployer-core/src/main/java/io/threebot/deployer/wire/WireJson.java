package io.threebot.deployer.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.internal.store.Json;

/**
 * JSON as the deployer writes it (its records, its views, chat messages' wire form): Java time as ISO-8601 text,
 * {@code Optional} as its value or null, unknown fields ignored when reading. For a host that sends the deployer's
 * views to browsers the way the deployer itself writes them.
 */
public final class WireJson {
    private WireJson() {
    }

    /** A new mapper with the deployer's settings, the host's to configure further. */
    public static ObjectMapper mapper() {
        return Json.mapper().copy();
    }
}
