package io.threebot.deployer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import io.threebot.deployer.store.JdbcStateStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example pools wait seconds, not the driver's defaults, for a database that is away. */
class ConnectionPoolsTest {
    @Test
    void everyWaitOnTheDatabaseHasAShortDeadline() {
        HikariConfig config = ConnectionPools.config("jdbc:postgresql://127.0.0.1:5432/deployer?user=deployer",
                "test", 4);

        assertThat(Duration.ofMillis(config.getConnectionTimeout())).as("taking a connection")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertThat(config.getValidationTimeout()).isLessThan(config.getConnectionTimeout());
        assertThat(Duration.ofMillis(config.getInitializationFailTimeout()))
                .as("a starting host waits for its database longer than one request waits for a connection")
                .isEqualTo(ConnectionPools.STARTUP_WAIT).isGreaterThan(Duration.ofSeconds(10));
        assertThat(config.getDataSourceProperties()).containsEntry("connectTimeout", "2")
                .containsEntry("loginTimeout", "3").containsEntry("socketTimeout", "10");
        assertThat(Integer.parseInt(config.getDataSourceProperties().getProperty("socketTimeout")))
                .as("a statement is cancelled at its own deadline before the socket gives up")
                .isGreaterThan((int) JdbcStateStore.DEFAULT_STATEMENT_TIMEOUT.toSeconds());
        assertThat(config.getMaximumPoolSize()).isEqualTo(4);
        assertThat(config.getPoolName()).isEqualTo("test");
    }
}
