package io.threebot.deployer.terms;

import io.threebot.deployer.config.GridNetwork;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import java.time.Clock;
import java.util.Locale;

/** Whether owners accepted the terms of the deployer's grid network. */
public final class TermsService {
    private final StateStore store;
    private final GridNetwork network;
    private final Clock clock;

    public TermsService(StateStore store, GridNetwork network, Clock clock) {
        this.store = store;
        this.network = network;
        this.clock = clock;
    }

    /** True when the owner accepted the terms on this grid network. */
    public boolean allowed(String owner) {
        return store.get(TermsAcceptance.KIND, id(owner), TermsAcceptance.class).isPresent();
    }

    /** Records the acceptance; returns false when the owner had accepted already. */
    public boolean accept(String owner) {
        if (allowed(owner)) {
            return false;
        }
        try {
            TermsAcceptance acceptance = new TermsAcceptance(owner, network.name().toLowerCase(Locale.ROOT),
                    clock.instant());
            store.put(TermsAcceptance.KIND, id(owner), acceptance, StateStore.NEW);
            return true;
        } catch (StaleVersionException e) {
            return false;
        }
    }

    private String id(String owner) {
        return network.name().toLowerCase(Locale.ROOT) + "_" + owner;
    }
}
