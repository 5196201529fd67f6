package io.threebot.deployer.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@link SshBackupConfig} from a file. Both formats come down to the same keys: {@code backup.servers}
 * (names), {@code backup.server.<name>.<field>} and {@code ssh.<setting>}; JSON spells fields in camel case.
 * Relative paths are taken from the file's directory, and unknown keys are refused so that typos show.
 */
final class BackupConfigFile {
    private static final Pattern SERVER_KEY = Pattern.compile("backup\\.server\\.([^.]+)\\.(.+)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Set<String> SERVER_FIELDS = Set.of("host", "port", "user", "key-file", "known-hosts",
            "address", "htpasswd-file", "repository-root");
    private static final Set<String> SSH_SETTINGS = Set.of("ssh.connect-timeout", "ssh.command-timeout",
            "ssh.keep-alive");

    private final Path file;
    private final Map<String, String> values;

    private BackupConfigFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    static SshBackupConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, String> values = name.endsWith(".json") ? flatten(new ObjectMapper().readTree(reader))
                    : properties(reader);
            return new BackupConfigFile(file, values).config();
        } catch (IOException e) {
            throw new SshBackupConfigException("cannot read the backup configuration " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private SshBackupConfig config() {
        List<String> names = Arrays.stream(required("backup.servers").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.remove("backup.servers");
        unknown.removeAll(SSH_SETTINGS);
        List<BackupServerConfig> servers = new ArrayList<>();
        for (String server : names) {
            SERVER_FIELDS.forEach(field -> unknown.remove(serverKey(server, field)));
            servers.add(server(server));
        }
        if (!unknown.isEmpty()) {
            throw invalid("unknown keys " + unknown + " (servers are listed in backup.servers; fields are "
                    + new TreeSet<>(SERVER_FIELDS) + ", settings " + new TreeSet<>(SSH_SETTINGS) + ")");
        }
        SshSettings.Builder settings = SshSettings.builder();
        optional("ssh.connect-timeout", this::duration, settings::connectTimeout);
        optional("ssh.command-timeout", this::duration, settings::commandTimeout);
        optional("ssh.keep-alive", this::duration, settings::keepAliveInterval);
        try {
            return new SshBackupConfig(servers, settings.build());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private BackupServerConfig server(String server) {
        BackupServerConfig.Builder builder = BackupServerConfig.builder(server)
                .host(required(serverKey(server, "host")))
                .keyFile(path(required(serverKey(server, "key-file"))))
                .knownHostsFile(path(required(serverKey(server, "known-hosts"))));
        optional(serverKey(server, "port"), v -> integer(serverKey(server, "port"), v), builder::port);
        optional(serverKey(server, "user"), Function.identity(), builder::user);
        optional(serverKey(server, "address"), Function.identity(), builder::address);
        optional(serverKey(server, "htpasswd-file"), Function.identity(), builder::htpasswdFile);
        optional(serverKey(server, "repository-root"), Function.identity(), builder::repositoryRoot);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static String serverKey(String server, String field) {
        return "backup.server." + server + "." + field;
    }

    private String required(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw invalid(key + " is missing");
        }
        return value.trim();
    }

    private <T> void optional(String key, Function<String, T> parse, Consumer<T> into) {
        String value = values.get(key);
        if (value != null && !value.isBlank()) {
            into.accept(parse.apply(value.trim()));
        }
    }

    private Path path(String value) {
        Path parent = file.toAbsolutePath().getParent();
        return parent.resolve(value).normalize();
    }

    private int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(key + " is not a number: '" + value + "'");
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT10S}). */
    private Duration duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid("'" + value + "' is not a duration (use 500ms, 10s, 2m, 1h or PT10S)");
        }
    }

    private SshBackupConfigException invalid(String what) {
        return new SshBackupConfigException("backup configuration " + file + ": " + what);
    }

    private static Map<String, String> properties(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    /** {"servers":[{"name":..,"keyFile":..}], "ssh":{"connectTimeout":..}} to the properties' keys. */
    private static Map<String, String> flatten(JsonNode root) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode server : root.path("servers")) {
            String name = server.path("name").asText("");
            names.add(name);
            fields(server).forEach((field, value) -> {
                if (!field.equals("name")) {
                    values.put(serverKey(name, kebab(field)), value.asText());
                }
            });
        }
        values.put("backup.servers", String.join(",", names));
        fields(root.path("ssh")).forEach((field, value) -> values.put("ssh." + kebab(field), value.asText()));
        fields(root).keySet().stream().filter(k -> !k.equals("servers") && !k.equals("ssh"))
                .forEach(k -> values.put(k, ""));
        return values;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
