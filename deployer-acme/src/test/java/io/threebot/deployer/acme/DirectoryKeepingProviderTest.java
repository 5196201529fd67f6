package io.threebot.deployer.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

class DirectoryKeepingProviderTest {
    private final AtomicInteger reads = new AtomicInteger();
    private volatile String cacheControl = "public, max-age=0, no-cache";
    private HttpServer ca;
    private URI directory;

    /** A CA whose directory says, as Pebble's and Let's Encrypt's do, that it must not be cached (unless told). */
    @BeforeEach
    void start() throws Exception {
        ca = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ca.createContext("/dir", exchange -> {
            reads.incrementAndGet();
            String base = "http://localhost:" + ca.getAddress().getPort();
            byte[] body = ("{\"newNonce\":\"" + base + "/nonce\",\"newAccount\":\"" + base + "/account\","
                    + "\"newOrder\":\"" + base + "/order\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", cacheControl);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ca.start();
        directory = URI.create("http://localhost:" + ca.getAddress().getPort() + "/dir");
    }

    @AfterEach
    void stop() {
        ca.stop(0);
    }

    @Test
    void acme4jReadsTheDirectoryForEveryResourceButAKeepingSessionOnce() throws Exception {
        Session plain = new Session(directory, new GenericAcmeProvider());
        plain.resourceUrl(Resource.NEW_ORDER);
        plain.resourceUrl(Resource.NEW_NONCE);
        assertThat(reads).hasValue(2);

        Session keeping = new Session(directory, new DirectoryKeepingProvider(new GenericAcmeProvider()));
        assertThat(keeping.resourceUrl(Resource.NEW_ORDER).toString()).endsWith("/order");
        assertThat(keeping.resourceUrl(Resource.NEW_NONCE).toString()).endsWith("/nonce");
        keeping.resourceUrl(Resource.NEW_ORDER);
        assertThat(reads).hasValue(3);
        assertThat(keeping.getDirectoryExpires()).isAfter(ZonedDateTime.now().plus(DirectoryKeepingProvider.KEPT)
                .minusMinutes(1));
    }

    @Test
    void aLongerExpiryFromTheCaStays() throws Exception {
        cacheControl = "public, max-age=86400";
        Session keeping = new Session(directory, new DirectoryKeepingProvider(new GenericAcmeProvider()));
        keeping.resourceUrl(Resource.NEW_ORDER);
        assertThat(keeping.getDirectoryExpires()).isAfter(ZonedDateTime.now().plus(Duration.ofHours(23)));
        keeping.resourceUrl(Resource.NEW_ORDER);
        assertThat(reads).hasValue(1);
    }
}
