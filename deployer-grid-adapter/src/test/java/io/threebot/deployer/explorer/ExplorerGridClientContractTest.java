package io.threebot.deployer.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.model.Farm;
import io.threebot.deployer.spi.GridClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExplorerGridClientContractTest extends GridClientContract {
    private final ExplorerSimulator simulator;
    private final ExplorerGridClient client;

    ExplorerGridClientContractTest() {
        try {
            simulator = ExplorerSimulator.start(sim, 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new ExplorerGridClient(ExplorerSettings.builder(simulator.baseUrl()).build());
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Override
    protected GridClient grid() {
        return client;
    }

    @Test
    void pricesMatchWhatTheSimulatedGridCharges() {
        Prices prices = client.prices();
        assertThat(prices.tftPriceMill()).isEqualTo(100);
        long cus = 3600;
        long expected = grid().reservePool(io.threebot.deployer.model.PoolRequest.create(cus, 0,
                java.util.List.of("node-ghent-1")), identityFor("pricing")).amountStroops();
        assertThat(prices.stroopsPerCuSecond() * cus).isEqualTo(expected);
    }

    @Test
    void listingsFollowThePagesHeaderAndKeepTheirOrder() {
        long before = simulator.requests();
        assertThat(client.listFarms()).extracting(Farm::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(simulator.requests() - before).as("pages of two").isEqualTo(3);
    }
}
