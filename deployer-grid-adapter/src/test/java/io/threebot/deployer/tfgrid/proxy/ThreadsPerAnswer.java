package io.threebot.deployer.tfgrid.proxy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Prints how many threads a JVM of its own starts while a {@link GridProxyClient} reads 100 answers (after a first
 * one, which starts the client's own threads): run by {@code GridProxyClientTest} in a child JVM, so that no other
 * test's threads count, with the common pool at one thread as on a 2-core machine.
 */
public final class ThreadsPerAnswer {
    private ThreadsPerAnswer() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeGridProxy proxy = new FakeGridProxy()) {
            proxy.on("/nodes", FakeGridProxy.ok("[]"));
            GridProxyClient client = GridProxyClient.builder().baseUrl(proxy.baseUrl())
                    .deadline(Duration.ofSeconds(10)).build();
            client.nodes(NodeFilter.builder().build(), PageRequest.first());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();
            for (int i = 0; i < 100; i++) {
                client.nodes(NodeFilter.builder().build(), PageRequest.first());
            }
            System.out.println(threads.getTotalStartedThreadCount() - before);
        }
    }
}
