package io.threebot.deployer.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The HikariCP pools the example programs hand to {@code JdbcStateStore}. */
public final class ConnectionPools {
    private ConnectionPools() {
    }

    /** A pool of up to {@code size} connections to the PostgreSQL database at {@code jdbcUrl}, named for its logs. */
    public static HikariDataSource open(String jdbcUrl, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }
}
