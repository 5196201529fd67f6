package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.testing.TestWorld;
import io.threebot.deployer.testkit.LoopbackServers;
import io.threebot.deployer.testkit.SimulatedConnectService;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian {@code chromium} and {@code chromium-driver}): a user logs in through
 * the simulated ThreeFold Connect, accepts the terms, deploys a 3Bot through every step of the chat, and stops,
 * starts and destroys it from "My 3Bots". Each test saves a screenshot of its last page in
 * {@code target/screenshots/}.
 */
class WebPageIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String PASSWORD = "correct horse battery";

    private final TestWorld world = TestWorld.sample();
    private ThreebotDeployer deployer;
    private SimulatedConnectService connect;
    private HostApp app;
    private WebDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeEach
    void start() throws Exception {
        assertThat(new File(CHROMIUM)).as("Debian's chromium is installed (scripts/test.sh installs it)").exists();
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver is installed").exists();
        deployer = world.deployer(TestWorld.fastSettings().requireTerms(true).build());
        connect = SimulatedConnectService.start();
        int port = LoopbackServers.freePort();
        base = "http://127.0.0.1:" + port;
        app = HostApp.start(deployer, new InetSocketAddress("127.0.0.1", port), BrowserSession.webLogin(connect, base));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=1200,1100",
                "--user-data-dir=" + Files.createTempDirectory("chromium-"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop(TestInfo test) throws Exception {
        if (browser != null) {
            screenshot(test.getTestMethod().orElseThrow().getName());
            browser.quit();
        }
        app.close();
        deployer.close();
        connect.close();
    }

    @Test
    void aUserLogsInAcceptsTheTermsDeploysThroughEveryStepAndStopsStartsAndDestroysIt() throws Exception {
        logIn("alice.3bot");
        acceptTerms();

        click(By.id("chat-start"));
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-name")));
        name.sendKeys("Not A Name");
        click(By.id("chat-next"));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
        assertThat(error.getText()).as("a wrong answer shows its reason under the field").isNotBlank();
        assertThat(browser.findElement(By.id("answer-name")).getAttribute("aria-describedby"))
                .isEqualTo("error-name");
        screenshot("chat-refused-answer");
        answerAll(Map.of("name", "webbot", "password", PASSWORD, "days", "14"));

        click(By.id("tab-bots"));
        waitForState("webbot", "RUNNING");
        screenshot("my-3bots");
        act("webbot", "stop");
        waitForState("webbot", "STOPPED");
        act("webbot", "start");
        waitForState("webbot", "RUNNING");
        act("webbot", "destroy");
        waitForState("webbot", "DELETED");
        assertThat(deployer.forOwner("alice").threebots()).singleElement()
                .satisfies(v -> assertThat(v.state().name()).isEqualTo("DELETED"));
    }

    @Test
    void anotherUserSeesNoneOfTheFirstUsers3BotsAndARequestWithoutTheCsrfTokenIsRefused() {
        logIn("alice.3bot");
        acceptTerms();
        click(By.id("chat-start"));
        answerAll(Map.of("name", "alicebot", "password", PASSWORD, "days", "14"));
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + "fetch('/chats/deploy', {method: 'POST', credentials: 'same-origin'})"
                + ".then(r => done(r.status), e => done(String(e)));");
        assertThat(status).as("a POST from the page without the CSRF token").isEqualTo(403L);

        browser.manage().deleteAllCookies();
        logIn("bob.3bot");
        acceptTerms();
        click(By.id("tab-bots"));
        wait.until(ExpectedConditions.textToBe(By.id("bots-status"), "No 3Bots to show."));
        assertThat(browser.findElements(By.cssSelector("#bots tbody tr"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("alicebot");
    }

    @Test
    void aRecordThatCannotBeReadIsARowSayingSoWithItsIdAndNoActions() {
        String uuid = "0123456789abcdef0123456789abcdef";
        // in memory every record is JSON: one the Threebot type cannot be read from stands for a damaged one
        world.store.put("threebots", uuid, Map.of("owner", "alice", "flavor", List.of("not a flavor")),
                io.threebot.deployer.spi.StateStore.NEW);
        logIn("alice.3bot");
        acceptTerms();
        click(By.id("tab-bots"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#bots tr.damaged[data-uuid='" + uuid + "']")));
        assertThat(row.getText()).contains("DAMAGED").contains("could not be read").contains("contact support")
                .contains(uuid);
        assertThat(row.findElements(By.tagName("button"))).as("no actions").isEmpty();
        assertThat(browser.findElement(By.id("bots-status")).getText()).isEmpty();
    }

    private void logIn(String user) {
        browser.get(base + "/");
        click(By.id("login-link"));
        WebElement as = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("as")));
        as.clear();
        as.sendKeys(user);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account"), "Logged in as " + user));
    }

    private void acceptTerms() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("terms")));
        assertThat(browser.findElement(By.id("terms-accept")).isEnabled()).isFalse();
        click(By.id("terms-check"));
        click(By.id("terms-accept"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
    }

    /** Answers every question the chat asks (from {@code answers}, else what it offers) until it ends. */
    private void answerAll(Map<String, String> answers) {
        for (int guard = 0; guard < 40; guard++) {
            wait.until(d -> !d.findElements(By.id("chat-next")).isEmpty()
                    || !d.findElements(By.id("chat-again")).isEmpty());
            if (!browser.findElements(By.id("chat-again")).isEmpty()) {
                assertThat(browser.findElements(By.cssSelector("#chat .error"))).as("the chat ended well").isEmpty();
                return;
            }
            WebElement next = browser.findElement(By.id("chat-next"));
            List<WebElement> inputs = browser.findElements(By.cssSelector("#chat [id^=answer-]"));
            if (!inputs.isEmpty()) {
                WebElement input = inputs.get(0);
                String key = input.getAttribute("id").replaceFirst("^answer-", "").replaceFirst("-\\d+$", "");
                if (browser.findElements(By.cssSelector("#chat .qr img")).size() > 0) {
                    screenshot("chat-payment");
                }
                fill(input, answers.get(key));
            } else if (!browser.findElements(By.cssSelector("#chat .qr img")).isEmpty()) {
                screenshot("chat-payment");
            }
            next.click();
            wait.until(ExpectedConditions.stalenessOf(next));
        }
        throw new AssertionError("the chat never ended");
    }

    private void fill(WebElement input, String value) {
        String tag = input.getTagName();
        String type = input.getAttribute("type");
        if ("input".equals(tag) && "radio".equals(type)) {
            if (browser.findElements(By.cssSelector("#chat input[type=radio]:checked")).isEmpty()) {
                input.click();
            }
        } else if ("select".equals(tag) || "a".equals(tag)) {
            return; // the first option, or a download
        } else if (value != null) {
            input.clear();
            input.sendKeys(value);
        }
    }

    private void act(String bot, String action) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("tr[data-name=" + bot + "] button[data-action=" + action + "]")).click();
            return true;
        });
        WebElement password = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-input")));
        password.sendKeys(PASSWORD);
        click(By.id("password-ok"));
    }

    /** Waits until the table shows the 3Bot in that state (the table is redrawn while an operation runs). */
    private void waitForState(String bot, String state) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            ((JavascriptExecutor) d).executeScript("document.getElementById('state-filter')"
                    + ".dispatchEvent(new Event('change'))");
            return d.findElements(By.cssSelector("tr[data-name=" + bot + "] td.state")).stream()
                    .anyMatch(cell -> cell.getText().equals(state));
        });
    }

    private void click(By what) {
        wait.until(ExpectedConditions.elementToBeClickable(what)).click();
    }

    private void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new IllegalStateException("no screenshot " + name, e);
        }
    }
}
