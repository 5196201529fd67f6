package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.threebot.deployer.errors.DeployerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Deployments and workloads to and from the JSON zos reads and writes. Reading is bounded (at most
 * {@link #MAX_BYTES} bytes, nesting depth 64) and strict where Go is (an integer field takes no fraction and no
 * string; a number out of its field's range is refused); anything wrong is an {@link InvalidDeploymentException},
 * never an unchecked exception. The records are also plain Jackson records, for a host's own mapper.
 */
public final class ZosJson {
    /** The largest JSON read: 4 MiB. */
    public static final int MAX_BYTES = 4 << 20;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(Check.MAX_TEXT * 2)
                            .maxNumberLength(40)
                            .maxDocumentLength(MAX_BYTES)
                            .build())
                    .build())
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ZosJson() {
    }

    /** Reads a deployment as a node sends it ({@code zos.deployment.get}) or as it is sent. */
    public static Deployment readDeployment(byte[] json) {
        return read(json, MAPPER.constructType(Deployment.class), "deployment");
    }

    /** Reads a deployment from JSON text. */
    public static Deployment readDeployment(String json) {
        return readDeployment(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a list of workloads, as {@code zos.deployment.changes} answers. */
    public static List<Workload> readWorkloads(byte[] json) {
        return read(json, MAPPER.getTypeFactory().constructType(new TypeReference<List<Workload>>() { }),
                "workloads");
    }

    /** The deployment as JSON (UTF-8), in zos's field names and order. */
    public static byte[] write(Deployment deployment) {
        try {
            return MAPPER.writeValueAsBytes(deployment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a deployment record did not serialise", e);
        }
    }

    /** The deployment as JSON text. */
    public static String writeString(Deployment deployment) {
        return new String(write(deployment), StandardCharsets.UTF_8);
    }

    private static <T> T read(byte[] json, com.fasterxml.jackson.databind.JavaType type, String what) {
        if (json == null) {
            throw new InvalidDeploymentException(what, "no " + what + " JSON");
        }
        if (json.length > MAX_BYTES) {
            throw new InvalidDeploymentException(what, what + " JSON is longer than " + MAX_BYTES + " bytes");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidDeploymentException(what, what + " JSON is null");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw translate(e, what);
        }
    }

    /** A JSON node read as one of the records, for the nested reads of {@link WorkloadDeserializer}. */
    static <T> T convert(JsonNode node, Class<T> type, String field) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException | RuntimeException e) {
            throw translate(e, field);
        }
    }

    /** Our own exception when one is inside Jackson's, else an InvalidDeploymentException naming the path. */
    private static DeployerException translate(Exception e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeployerException known) {
                return known;
            }
        }
        if (e instanceof RuntimeException && !(e instanceof IllegalArgumentException)) {
            // a bug of ours, not of the input: say so, still typed
            return new DeployerException("reading " + what + " failed unexpectedly", e);
        }
        String path = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPathReference() : what;
        return new InvalidDeploymentException(what, "malformed " + what + " JSON at " + path, e);
    }
}
