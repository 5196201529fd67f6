package io.threebot.deployer.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StoreException;

/**
 * A value kept at rest as sealed JSON: a hosted 3Bot's plan and record, which hold the owner's WireGuard key.
 */
public final class SealedJson {
    private final SecretSealer sealer;

    public SealedJson(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** The value as JSON, sealed. */
    public String seal(Object value) {
        try {
            return sealer.seal(Json.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value a {@link #seal} gave.
     *
     * @throws StoreException when what was kept does not read as the type
     */
    public <T> T open(String sealed, Class<T> type) {
        try {
            return Json.mapper().readValue(sealer.unseal(sealed), type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a sealed " + type.getSimpleName() + " does not read", e);
        }
    }
}
