package io.threebot.deployer.examples.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, the accessibility engine, run on the page a browser shows: installed by {@code npm ci} from the lock
 * file in {@code src/test/node/} into {@code target/page-checks} (once; again when the lock file changes), injected
 * into the page by the test (the page's Content-Security-Policy does not apply to a driver's scripts), and run with
 * its default rules (WCAG 2 A and AA and its best practices).
 */
final class AxeCheck {
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "page-checks");
    private static String script;

    private AxeCheck() {
    }

    /**
     * The violations axe finds on the page as it is now, one line each (rule, impact, what is wrong and the first
     * elements concerned); empty when there is none.
     */
    @SuppressWarnings("unchecked")
    static List<String> violations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(axeSource());
        }
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => v.id + ' ('"
                + " + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')"
                + " + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : '')).join('; '))),"
                + " e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    private static synchronized String axeSource() {
        if (script == null) {
            try {
                script = Files.readString(install().resolve("node_modules/axe-core/axe.min.js"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    private static Path install() {
        try {
            Files.createDirectories(HOME);
            for (String file : List.of("package.json", "package-lock.json")) {
                Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(SOURCE.resolve("package-lock.json"))));
            Path stamp = HOME.resolve("installed-lock.sha256");
            if (Files.isRegularFile(HOME.resolve("node_modules/axe-core/axe.min.js")) && Files.exists(stamp)
                    && Files.readString(stamp).equals(lockHash)) {
                return HOME;
            }
            Files.deleteIfExists(stamp);
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(HOME.toFile()).redirectErrorStream(true).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> drain(npm.getInputStream()));
            npm.getOutputStream().close();
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci of axe-core did not finish in 5 minutes");
            }
            if (npm.exitValue() != 0) {
                throw new AssertionError("npm ci of axe-core failed (the npm registry must be reachable):\n"
                        + new String(output.join(), StandardCharsets.UTF_8));
            }
            Files.writeString(stamp, lockHash);
            return HOME;
        } catch (IOException e) {
            throw new AssertionError("cannot run npm (install Debian's nodejs and npm; scripts/test.sh does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] drain(InputStream stream) {
        try (InputStream in = stream; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
