package io.threebot.deployer.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a container publishes its output: {@code <channelName>-stdout} and {@code <channelName>-stderr} on a
 * channel server (Redis).
 */
public record LogConfig(String channelType, String channelHost, int channelPort, String channelName) {
    public LogConfig {
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(channelHost, "channelHost");
        Objects.requireNonNull(channelName, "channelName");
        if (channelPort <= 0 || channelPort > 65535) {
            throw new IllegalArgumentException("channel port out of range: " + channelPort);
        }
    }

    /** The channel a 3Bot's container logs to: {@code <owner>-threebot-<name>}, lower case. */
    public static String channelNameFor(String owner, String threebotName) {
        return (owner + "-threebot-" + threebotName).toLowerCase(Locale.ROOT);
    }

    public String stdoutChannel() {
        return channelName + "-stdout";
    }

    public String stderrChannel() {
        return channelName + "-stderr";
    }

    /** The URL a container publishes its standard output to. */
    public String stdoutUrl() {
        return channelType + "://" + channelHost + ":" + channelPort + "/" + stdoutChannel();
    }

    public String stderrUrl() {
        return channelType + "://" + channelHost + ":" + channelPort + "/" + stderrChannel();
    }
}
