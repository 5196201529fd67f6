package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the local tfchain runs: how often it makes blocks, how fast its clock goes, how contracts are billed, and
 * where it keeps its state. Built with {@link #builder()}; the defaults make a block every 300 ms, each block
 * 6 minutes of chain time, and bill every 10 blocks (an hour of chain time, as tfchain bills every 600 blocks of
 * 6 s).
 *
 * @param blockInterval         real time between blocks
 * @param chainSecondsPerBlock  chain time a block advances the clock by (tfchain: 6 s)
 * @param billingFrequency      blocks between two billings of a contract (tfchain: 600)
 * @param gracePeriod           blocks a contract stays in its grace period before deletion (tfchain: 14 days)
 * @param distributionFrequency billings after which the locked amount is taken (tfchain: 24)
 * @param activationAmount      what the activation endpoint deposits, in the smallest unit (the real service: 1 TFT)
 * @param tftPriceMusd          the TFT price in thousandths of a USD, for converting the pricing policy
 * @param dataDirectory         where the state is kept across restarts; none keeps it in memory only
 * @param nodeCapacityScale     how many times the sample topology's cores, memory and disks each node has (1 to
 *                              100): a benchmark of hundreds of 3Bots at once needs more room than the sample's
 */
public record LocalTfchainConfig(Duration blockInterval, long chainSecondsPerBlock, long billingFrequency,
        long gracePeriod, int distributionFrequency, BigInteger activationAmount, long tftPriceMusd,
        Optional<Path> dataDirectory, int nodeCapacityScale) {

    /** @throws InvalidInputException when a value is out of range */
    public LocalTfchainConfig {
        Objects.requireNonNull(blockInterval, "blockInterval");
        Objects.requireNonNull(activationAmount, "activationAmount");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (blockInterval.toMillis() < 10 || blockInterval.toMillis() > 60_000) {
            throw new InvalidInputException("blockInterval", "a block interval is 10 ms to 60 s");
        }
        positive(chainSecondsPerBlock, "chainSecondsPerBlock");
        positive(billingFrequency, "billingFrequency");
        positive(gracePeriod, "gracePeriod");
        positive(distributionFrequency, "distributionFrequency");
        positive(tftPriceMusd, "tftPriceMusd");
        if (activationAmount.signum() < 0) {
            throw new InvalidInputException("activationAmount", "the activation amount is not negative");
        }
        if (nodeCapacityScale < 1 || nodeCapacityScale > 100) {
            throw new InvalidInputException("nodeCapacityScale", "a node capacity scale is 1 to 100, not "
                    + nodeCapacityScale);
        }
    }

    private static void positive(long value, String field) {
        if (value <= 0) {
            throw new InvalidInputException(field, field + " must be positive, not " + value);
        }
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LocalTfchainConfig}. */
    public static final class Builder {
        private Duration blockInterval = Duration.ofMillis(300);
        private long chainSecondsPerBlock = 360;
        private long billingFrequency = 10;
        private long gracePeriod = 100;
        private int distributionFrequency = 24;
        private BigInteger activationAmount = BigInteger.valueOf(TfchainRuntime.ONE_TFT);
        private long tftPriceMusd = 10;
        private int nodeCapacityScale = 1;
        private Path dataDirectory;

        private Builder() {
        }

        /** Real time between blocks (default 300 ms). */
        public Builder blockInterval(Duration interval) {
            this.blockInterval = interval;
            return this;
        }

        /** Chain time per block, seconds (default 360). */
        public Builder chainSecondsPerBlock(long seconds) {
            this.chainSecondsPerBlock = seconds;
            return this;
        }

        /** Blocks between billings of a contract (default 10). */
        public Builder billingFrequency(long blocks) {
            this.billingFrequency = blocks;
            return this;
        }

        /** Blocks of grace before a contract that cannot pay is deleted (default 100). */
        public Builder gracePeriod(long blocks) {
            this.gracePeriod = blocks;
            return this;
        }

        /** Billings after which locked amounts are taken (default 24). */
        public Builder distributionFrequency(int cycles) {
            this.distributionFrequency = cycles;
            return this;
        }

        /** What the activation endpoint deposits, in the smallest unit (default 1 TFT). */
        public Builder activationAmount(BigInteger amount) {
            this.activationAmount = amount;
            return this;
        }

        /** The TFT price in thousandths of a USD (default 10, i.e. 0.01 USD). */
        public Builder tftPriceMusd(long price) {
            this.tftPriceMusd = price;
            return this;
        }

        /** How many times the sample topology's capacity each node has (default 1). */
        public Builder nodeCapacityScale(int scale) {
            this.nodeCapacityScale = scale;
            return this;
        }

        /** Where the state is kept; the chain resumes from it on the next start. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws InvalidInputException when a value is out of range
         */
        public LocalTfchainConfig build() {
            return new LocalTfchainConfig(blockInterval, chainSecondsPerBlock, billingFrequency, gracePeriod,
                    distributionFrequency, activationAmount, tftPriceMusd, Optional.ofNullable(dataDirectory),
                    nodeCapacityScale);
        }
    }
}
