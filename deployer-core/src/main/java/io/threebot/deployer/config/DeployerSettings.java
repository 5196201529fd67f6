package io.threebot.deployer.config;

import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.crypto.PasswordHasher;
import io.threebot.deployer.support.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a deployer behaves. Build with {@link #builder()}; every value has a sensible default, documented on the
 * builder's setter of the same name (e.g. {@code overProvisioning}: node selection ignores CPU and memory, as
 * {@code OVER_PROVISIONING} did; {@code testCert}: 3Bots use staging certificates, as {@code TEST_CERT} did). A
 * class made by its builder, not a record, so that settings can be added without breaking hosts compiled against
 * an older version.
 */
public final class DeployerSettings {
    private final GridNetwork network;
    private final boolean overProvisioning;
    private final boolean testCert;
    private final String deployerDomain;
    private final String acmeServerUrl;
    private final String flist;
    private final String sdkVersion;
    private final KeyDerivation keyDerivation;
    private final int passwordHashIterations;
    private final Duration pollInterval;
    private final Duration workloadTimeout;
    private final Duration poolPaymentTimeout;
    private final Duration readinessTimeout;
    private final Duration readinessRequestTimeout;
    private final Duration retryPause;
    private final int deployAttempts;
    private final Duration nodeBlockDuration;
    private final Duration backupTokenLifetime;
    private final int workerThreads;
    private final int maxConcurrentSteps;
    private final Duration stopTimeout;
    private final Duration listingProbeTimeout;
    private final int listingConcurrency;
    private final int maxPasswordFailures;
    private final int maxPasswordFailuresPerOwner;
    private final Duration passwordFailureWindow;
    private final boolean requireTerms;
    private final int maxOpenChatsPerOwner;
    private final Duration sessionIdleTimeout;
    private final Duration expiryWarning;
    private final Duration expiryCheckInterval;
    private final Duration leaseDuration;
    private final Duration journalRetention;
    private final Duration storeOutagePause;
    private final Duration storeOutageTimeout;
    private final BillingSettings billing;

    private DeployerSettings(Builder b) {
        this.network = b.network;
        this.overProvisioning = b.overProvisioning;
        this.testCert = b.testCert;
        this.deployerDomain = b.deployerDomain;
        this.acmeServerUrl = b.acmeServerUrl;
        this.flist = b.flist;
        this.sdkVersion = b.sdkVersion;
        this.keyDerivation = b.keyDerivation;
        this.passwordHashIterations = b.passwordHashIterations;
        this.pollInterval = b.pollInterval;
        this.workloadTimeout = b.workloadTimeout;
        this.poolPaymentTimeout = b.poolPaymentTimeout;
        this.readinessTimeout = b.readinessTimeout;
        this.readinessRequestTimeout = b.readinessRequestTimeout;
        this.retryPause = b.retryPause;
        this.deployAttempts = b.deployAttempts;
        this.nodeBlockDuration = b.nodeBlockDuration;
        this.backupTokenLifetime = b.backupTokenLifetime;
        this.workerThreads = b.workerThreads;
        this.maxConcurrentSteps = b.maxConcurrentSteps;
        this.stopTimeout = b.stopTimeout;
        this.listingProbeTimeout = b.listingProbeTimeout;
        this.listingConcurrency = b.listingConcurrency;
        this.maxPasswordFailures = b.maxPasswordFailures;
        this.maxPasswordFailuresPerOwner = b.maxPasswordFailuresPerOwner;
        this.passwordFailureWindow = b.passwordFailureWindow;
        this.requireTerms = b.requireTerms;
        this.maxOpenChatsPerOwner = b.maxOpenChatsPerOwner;
        this.sessionIdleTimeout = b.sessionIdleTimeout;
        this.expiryWarning = Durations.requirePositive(b.expiryWarning, "expiryWarning");
        this.expiryCheckInterval = Durations.requirePositive(b.expiryCheckInterval, "expiryCheckInterval");
        this.leaseDuration = Durations.requirePositive(b.leaseDuration, "leaseDuration");
        this.journalRetention = Durations.requirePositive(b.journalRetention, "journalRetention");
        this.storeOutagePause = Durations.requirePositive(b.storeOutagePause, "storeOutagePause");
        this.storeOutageTimeout = Durations.requirePositive(b.storeOutageTimeout, "storeOutageTimeout");
        this.billing = b.billing;
        Objects.requireNonNull(billing, "billing");
        Durations.requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
        if (maxOpenChatsPerOwner < 1) {
            throw new IllegalArgumentException("maxOpenChatsPerOwner must be positive");
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(deployerDomain, "deployerDomain");
        Objects.requireNonNull(acmeServerUrl, "acmeServerUrl");
        Objects.requireNonNull(flist, "flist");
        Objects.requireNonNull(sdkVersion, "sdkVersion");
        Objects.requireNonNull(keyDerivation, "keyDerivation");
        Durations.requirePositive(pollInterval, "pollInterval");
        Durations.requirePositive(workloadTimeout, "workloadTimeout");
        Durations.requirePositive(poolPaymentTimeout, "poolPaymentTimeout");
        Durations.requirePositive(readinessTimeout, "readinessTimeout");
        Durations.requirePositive(readinessRequestTimeout, "readinessRequestTimeout");
        Objects.requireNonNull(retryPause, "retryPause");
        Durations.requirePositive(nodeBlockDuration, "nodeBlockDuration");
        Durations.requirePositive(backupTokenLifetime, "backupTokenLifetime");
        Durations.requirePositive(stopTimeout, "stopTimeout");
        Durations.requirePositive(listingProbeTimeout, "listingProbeTimeout");
        Durations.requirePositive(passwordFailureWindow, "passwordFailureWindow");
        if (listingConcurrency < 1 || maxPasswordFailures < 1 || maxPasswordFailuresPerOwner < 1) {
            throw new IllegalArgumentException("listingConcurrency, maxPasswordFailures and "
                    + "maxPasswordFailuresPerOwner must be positive");
        }
        if (deployAttempts < 1 || workerThreads < 1 || maxConcurrentSteps < 1 || passwordHashIterations < 1) {
            throw new IllegalArgumentException("deployAttempts, workerThreads, maxConcurrentSteps and "
                    + "passwordHashIterations must be positive");
        }
    }

    public GridNetwork network() {
        return network;
    }

    public boolean overProvisioning() {
        return overProvisioning;
    }

    public boolean testCert() {
        return testCert;
    }

    public String deployerDomain() {
        return deployerDomain;
    }

    public String acmeServerUrl() {
        return acmeServerUrl;
    }

    public String flist() {
        return flist;
    }

    public String sdkVersion() {
        return sdkVersion;
    }

    public KeyDerivation keyDerivation() {
        return keyDerivation;
    }

    public int passwordHashIterations() {
        return passwordHashIterations;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration workloadTimeout() {
        return workloadTimeout;
    }

    public Duration poolPaymentTimeout() {
        return poolPaymentTimeout;
    }

    public Duration readinessTimeout() {
        return readinessTimeout;
    }

    public Duration readinessRequestTimeout() {
        return readinessRequestTimeout;
    }

    public Duration retryPause() {
        return retryPause;
    }

    public int deployAttempts() {
        return deployAttempts;
    }

    public Duration nodeBlockDuration() {
        return nodeBlockDuration;
    }

    public Duration backupTokenLifetime() {
        return backupTokenLifetime;
    }

    public int workerThreads() {
        return workerThreads;
    }

    /** How many long chat steps (a deployment's set-up, reservation, readiness) may run at once. */
    public int maxConcurrentSteps() {
        return maxConcurrentSteps;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    public Duration listingProbeTimeout() {
        return listingProbeTimeout;
    }

    public int listingConcurrency() {
        return listingConcurrency;
    }

    public int maxPasswordFailures() {
        return maxPasswordFailures;
    }

    public int maxPasswordFailuresPerOwner() {
        return maxPasswordFailuresPerOwner;
    }

    public Duration passwordFailureWindow() {
        return passwordFailureWindow;
    }

    public boolean requireTerms() {
        return requireTerms;
    }

    public int maxOpenChatsPerOwner() {
        return maxOpenChatsPerOwner;
    }

    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /** A 3Bot whose pool lasts less than this is reported as expiring soon (default 2 days). */
    public Duration expiryWarning() {
        return expiryWarning;
    }

    /** How often the deployer checks every 3Bot's pool for expiry (default 1 hour). */
    public Duration expiryCheckInterval() {
        return expiryCheckInterval;
    }

    /**
     * How long a deployer instance holds a long step or a 3Bot operation without renewing it (it renews at a third
     * of this while it works); when it stops renewing (it died), another instance on the same shared store takes
     * the work over after this much time.
     */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /**
     * How long a deployment's journal is kept after the deployment ended, once it is of no more use: it was undone
     * (compensated), or its 3Bot was destroyed or replaced. The journal of a 3Bot that still exists is kept
     * whatever its age, since stopping, resizing, moving and destroying the 3Bot read it.
     */
    public Duration journalRetention() {
        return journalRetention;
    }

    /**
     * How long a long chat step first pauses when the store cannot be reached, before it runs again (1 s by
     * default); the pause doubles with each attempt, up to 30 s (or this, when longer), with jitter.
     */
    public Duration storeOutagePause() {
        return storeOutagePause;
    }

    /**
     * For how long a long chat step keeps trying while the store cannot be reached (10 minutes by default). After
     * that its chat stays busy, never failed, and the step runs again when a deployer takes it over.
     */
    public Duration storeOutageTimeout() {
        return storeOutageTimeout;
    }

    public BillingSettings billing() {
        return billing;
    }

    /** Settings are equal when every value is. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof DeployerSettings o)) {
            return false;
        }
        return Objects.equals(network, o.network) && Objects.equals(overProvisioning, o.overProvisioning) &&
                Objects.equals(testCert, o.testCert) && Objects.equals(deployerDomain, o.deployerDomain) &&
                Objects.equals(acmeServerUrl, o.acmeServerUrl) && Objects.equals(flist, o.flist) &&
                Objects.equals(sdkVersion, o.sdkVersion) && Objects.equals(keyDerivation, o.keyDerivation) &&
                Objects.equals(passwordHashIterations, o.passwordHashIterations) &&
                Objects.equals(pollInterval, o.pollInterval) && Objects.equals(workloadTimeout, o.workloadTimeout) &&
                Objects.equals(poolPaymentTimeout, o.poolPaymentTimeout) &&
                Objects.equals(readinessTimeout, o.readinessTimeout) &&
                Objects.equals(readinessRequestTimeout, o.readinessRequestTimeout) &&
                Objects.equals(retryPause, o.retryPause) && Objects.equals(deployAttempts, o.deployAttempts) &&
                Objects.equals(nodeBlockDuration, o.nodeBlockDuration) &&
                Objects.equals(backupTokenLifetime, o.backupTokenLifetime) &&
                Objects.equals(workerThreads, o.workerThreads) && maxConcurrentSteps == o.maxConcurrentSteps &&
                Objects.equals(stopTimeout, o.stopTimeout) &&
                Objects.equals(listingProbeTimeout, o.listingProbeTimeout) &&
                Objects.equals(listingConcurrency, o.listingConcurrency) &&
                Objects.equals(maxPasswordFailures, o.maxPasswordFailures) &&
                Objects.equals(maxPasswordFailuresPerOwner, o.maxPasswordFailuresPerOwner) &&
                Objects.equals(passwordFailureWindow, o.passwordFailureWindow) &&
                Objects.equals(requireTerms, o.requireTerms) &&
                Objects.equals(maxOpenChatsPerOwner, o.maxOpenChatsPerOwner) &&
                Objects.equals(sessionIdleTimeout, o.sessionIdleTimeout) &&
                Objects.equals(expiryWarning, o.expiryWarning) &&
                Objects.equals(expiryCheckInterval, o.expiryCheckInterval) && Objects.equals(billing, o.billing)
                && Objects.equals(leaseDuration, o.leaseDuration)
                && Objects.equals(journalRetention, o.journalRetention)
                && Objects.equals(storeOutagePause, o.storeOutagePause)
                && Objects.equals(storeOutageTimeout, o.storeOutageTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, overProvisioning, testCert, deployerDomain, acmeServerUrl, flist, sdkVersion,
                keyDerivation, passwordHashIterations, pollInterval, workloadTimeout, poolPaymentTimeout,
                readinessTimeout, readinessRequestTimeout, retryPause, deployAttempts, nodeBlockDuration,
                backupTokenLifetime, workerThreads, maxConcurrentSteps, stopTimeout, listingProbeTimeout, listingConcurrency,
                maxPasswordFailures, maxPasswordFailuresPerOwner, passwordFailureWindow, requireTerms,
                maxOpenChatsPerOwner, sessionIdleTimeout, expiryWarning, expiryCheckInterval, billing,
                leaseDuration, journalRetention, storeOutagePause, storeOutageTimeout);
    }

    @Override
    public String toString() {
        return "DeployerSettings[network=" + network + ", overProvisioning=" + overProvisioning + ", testCert="
                + testCert + ", deployerDomain=" + deployerDomain + ", workerThreads=" + workerThreads + ", ...]";
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DeployerSettings defaults() {
        return builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().network(network).overProvisioning(overProvisioning).testCert(testCert)
                .deployerDomain(deployerDomain).acmeServerUrl(acmeServerUrl).flist(flist).sdkVersion(sdkVersion)
                .keyDerivation(keyDerivation).passwordHashIterations(passwordHashIterations).pollInterval(pollInterval)
                .workloadTimeout(workloadTimeout).poolPaymentTimeout(poolPaymentTimeout)
                .readinessTimeout(readinessTimeout).readinessRequestTimeout(readinessRequestTimeout)
                .retryPause(retryPause).deployAttempts(deployAttempts).nodeBlockDuration(nodeBlockDuration)
                .backupTokenLifetime(backupTokenLifetime).workerThreads(workerThreads).maxConcurrentSteps(maxConcurrentSteps)
                .stopTimeout(stopTimeout)
                .listingProbeTimeout(listingProbeTimeout).listingConcurrency(listingConcurrency)
                .maxPasswordFailures(maxPasswordFailures).maxPasswordFailuresPerOwner(maxPasswordFailuresPerOwner)
                .passwordFailureWindow(passwordFailureWindow)
                .requireTerms(requireTerms).maxOpenChatsPerOwner(maxOpenChatsPerOwner)
                .sessionIdleTimeout(sessionIdleTimeout).expiryWarning(expiryWarning)
                .expiryCheckInterval(expiryCheckInterval).billing(billing).leaseDuration(leaseDuration)
                .journalRetention(journalRetention).storeOutagePause(storeOutagePause)
                .storeOutageTimeout(storeOutageTimeout);
    }

    /** Builds {@link DeployerSettings}. */
    public static final class Builder {
        private GridNetwork network = GridNetwork.TEST;
        private boolean overProvisioning;
        private boolean testCert;
        private String deployerDomain = "deploy3bot.grid.tf";
        private String acmeServerUrl = "https://ca1.grid.tf";
        private String flist = "https://hub.grid.tf/ahmed_hanafy_1/ahmedhanafy725-js-sdk-latest_trc.flist";
        private String sdkVersion = "development";
        private KeyDerivation keyDerivation = KeyDerivation.hardened(210_000);
        private int passwordHashIterations = PasswordHasher.DEFAULT_ITERATIONS;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration workloadTimeout = Duration.ofMinutes(10);
        private Duration poolPaymentTimeout = Duration.ofMinutes(5);
        private Duration readinessTimeout = Duration.ofMinutes(10);
        private Duration readinessRequestTimeout = Duration.ofSeconds(5);
        private Duration retryPause = Duration.ofSeconds(3);
        private int deployAttempts = 3;
        private Duration nodeBlockDuration = Duration.ofHours(4);
        private Duration backupTokenLifetime = Duration.ofDays(7);
        private int workerThreads = 8;
        private int maxConcurrentSteps = 1_000;
        private Duration stopTimeout = Duration.ofSeconds(40);
        private Duration listingProbeTimeout = Duration.ofSeconds(10);
        private int listingConcurrency = 256;
        private int maxPasswordFailures = 5;
        private int maxPasswordFailuresPerOwner = 20;
        private Duration passwordFailureWindow = Duration.ofMinutes(15);
        private boolean requireTerms;
        private BillingSettings billing = BillingSettings.defaults();
        private int maxOpenChatsPerOwner = 5;
        private Duration sessionIdleTimeout = Duration.ofHours(24);
        private Duration expiryWarning = Duration.ofDays(2);
        private Duration expiryCheckInterval = Duration.ofHours(1);
        private Duration leaseDuration = Duration.ofSeconds(30);
        private Duration journalRetention = Duration.ofDays(30);
        private Duration storeOutagePause = Duration.ofSeconds(1);
        private Duration storeOutageTimeout = Duration.ofMinutes(10);

        public Builder network(GridNetwork value) {
            this.network = value;
            return this;
        }

        public Builder overProvisioning(boolean value) {
            this.overProvisioning = value;
            return this;
        }

        public Builder testCert(boolean value) {
            this.testCert = value;
            return this;
        }

        public Builder deployerDomain(String value) {
            this.deployerDomain = value;
            return this;
        }

        public Builder acmeServerUrl(String value) {
            this.acmeServerUrl = value;
            return this;
        }

        public Builder flist(String value) {
            this.flist = value;
            return this;
        }

        public Builder sdkVersion(String value) {
            this.sdkVersion = value;
            return this;
        }

        /** How identity keys come from recovery passwords; {@link KeyDerivation#legacy()} for old 3Bots. */
        public Builder keyDerivation(KeyDerivation value) {
            this.keyDerivation = value;
            return this;
        }

        public Builder passwordHashIterations(int value) {
            this.passwordHashIterations = value;
            return this;
        }

        /** How often pending workloads are polled, all in one batch. */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        public Builder workloadTimeout(Duration value) {
            this.workloadTimeout = value;
            return this;
        }

        public Builder poolPaymentTimeout(Duration value) {
            this.poolPaymentTimeout = value;
            return this;
        }

        /** How long a new 3Bot may take to answer over HTTPS. */
        public Builder readinessTimeout(Duration value) {
            this.readinessTimeout = value;
            return this;
        }

        public Builder readinessRequestTimeout(Duration value) {
            this.readinessRequestTimeout = value;
            return this;
        }

        public Builder retryPause(Duration value) {
            this.retryPause = value;
            return this;
        }

        /** Attempts to deploy a 3Bot's workloads, each on another node or domain; 1 when a node was chosen. */
        public Builder deployAttempts(int value) {
            this.deployAttempts = value;
            return this;
        }

        public Builder nodeBlockDuration(Duration value) {
            this.nodeBlockDuration = value;
            return this;
        }

        public Builder backupTokenLifetime(Duration value) {
            this.backupTokenLifetime = value;
            return this;
        }

        /** Threads that make grid calls in parallel (twice as many) and the branches of a deployment. */
        public Builder workerThreads(int value) {
            this.workerThreads = value;
            return this;
        }

        /**
         * How many long chat steps may run at once (1 000 by default); more wait for one to end. A step that waits
         * on the grid holds a thread with a small stack (256 KiB reserved, tens of KiB used), made when a step
         * starts and ended a minute after the last one, so hundreds of deployments can wait at once.
         */
        public Builder maxConcurrentSteps(int value) {
            this.maxConcurrentSteps = value;
            return this;
        }

        /** How long stopping a 3Bot may wait for the grid to remove its workloads (all at once). */
        public Builder stopTimeout(Duration value) {
            this.stopTimeout = value;
            return this;
        }

        /** How long one reachability probe of a listing may take. */
        public Builder listingProbeTimeout(Duration value) {
            this.listingProbeTimeout = value;
            return this;
        }

        /** How many 3Bots a listing probes at once. */
        public Builder listingConcurrency(int value) {
            this.listingConcurrency = value;
            return this;
        }

        /** Wrong recovery passwords a 3Bot takes within the window before it refuses every attempt. */
        public Builder maxPasswordFailures(int value) {
            this.maxPasswordFailures = value;
            return this;
        }

        /** Wrong recovery passwords one owner may give, over all their 3Bots, within the window. */
        public Builder maxPasswordFailuresPerOwner(int value) {
            this.maxPasswordFailuresPerOwner = value;
            return this;
        }

        public Builder passwordFailureWindow(Duration value) {
            this.passwordFailureWindow = value;
            return this;
        }

        /** Owners must accept the terms of the grid network before they deploy. */
        public Builder requireTerms(boolean value) {
            this.requireTerms = value;
            return this;
        }

        /** How many chats one user may have open at once. */
        public Builder maxOpenChatsPerOwner(int value) {
            this.maxOpenChatsPerOwner = value;
            return this;
        }

        /** How long a chat may wait for an answer, or stay after it ended, before it is removed. */
        public Builder sessionIdleTimeout(Duration value) {
            this.sessionIdleTimeout = value;
            return this;
        }

        /** A 3Bot whose pool lasts less than this is reported as expiring soon. */
        public Builder expiryWarning(Duration value) {
            this.expiryWarning = value;
            return this;
        }

        /** How often every 3Bot's pool is checked for expiry. */
        public Builder expiryCheckInterval(Duration value) {
            this.expiryCheckInterval = value;
            return this;
        }

        /** See {@link DeployerSettings#leaseDuration()}; 30 s unless set. */
        public Builder leaseDuration(Duration value) {
            this.leaseDuration = value;
            return this;
        }

        /** See {@link DeployerSettings#journalRetention()}; 30 days unless set. */
        public Builder journalRetention(Duration value) {
            this.journalRetention = value;
            return this;
        }

        /** See {@link DeployerSettings#storeOutagePause()}; 1 s unless set. */
        public Builder storeOutagePause(Duration value) {
            this.storeOutagePause = value;
            return this;
        }

        /** See {@link DeployerSettings#storeOutageTimeout()}; 10 minutes unless set. */
        public Builder storeOutageTimeout(Duration value) {
            this.storeOutageTimeout = value;
            return this;
        }

        /** What users pay (fee, time to pay) and the limits on purchases; see {@link BillingSettings}. */
        public Builder billing(BillingSettings value) {
            this.billing = value;
            return this;
        }

        /**
         * Reads {@code OVER_PROVISIONING} and {@code TEST_CERT} ("true", "1" or "yes" turn them on),
         * {@code GRID_NETWORK} (main, test or dev), and {@code POLL_INTERVAL}, {@code LEASE_DURATION} and
         * {@code JOURNAL_RETENTION} (ISO-8601 durations such as {@code PT30S} or {@code P30D}) from the given
         * environment.
         */
        public Builder fromEnvironment(Map<String, String> environment) {
            overProvisioning = flag(environment.get("OVER_PROVISIONING"), overProvisioning);
            testCert = flag(environment.get("TEST_CERT"), testCert);
            String net = environment.get("GRID_NETWORK");
            if (net != null && !net.isBlank()) {
                network = GridNetwork.valueOf(net.trim().toUpperCase(Locale.ROOT));
            }
            pollInterval = duration(environment, "POLL_INTERVAL", pollInterval);
            leaseDuration = duration(environment, "LEASE_DURATION", leaseDuration);
            journalRetention = duration(environment, "JOURNAL_RETENTION", journalRetention);
            return this;
        }

        /** An ISO-8601 duration such as {@code PT0.5S} or {@code PT30S}; the fallback when unset. */
        private static Duration duration(Map<String, String> environment, String name, Duration fallback) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Durations.requirePositive(Duration.parse(value.trim()), name);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30S, not '"
                        + value + "'");
            }
        }

        private static boolean flag(String value, boolean fallback) {
            if (value == null || value.isBlank()) {
                return fallback;
            }
            String v = value.trim().toLowerCase(Locale.ROOT);
            return v.equals("true") || v.equals("1") || v.equals("yes");
        }

        public DeployerSettings build() {
            return new DeployerSettings(this);
        }
    }
}
