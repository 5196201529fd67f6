package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.InMemoryHosting;
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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
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
    private WebLogin login;
    private int port;
    /** Whether answerAll pays each payment request with the page's demo wallet (else the ledger pays by itself). */
    private boolean payByButton = true;
    /** Whether answerAll runs axe-core on every step it passes. */
    private boolean axeEveryStep;
    private boolean progressChecked;
    private WebDriver browser;
    private WebDriverWait wait;
    private String base;
    /** Set by a test: the name of the screenshot answerAll takes the first time it sees a long step's progress. */
    private String progressShot;
    /** Set by a test: the widest the page may be at every step answerAll passes (0: not checked). */
    private int maxWidth;

    @BeforeEach
    void start() throws Exception {
        assertThat(new File(CHROMIUM)).as("Debian's chromium is installed (scripts/test.sh installs it)").exists();
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver is installed").exists();
        deployer = world.deployer(TestWorld.fastSettings().requireTerms(true).build());
        // nobody pays by themselves: the user presses "Pay with the demo wallet", as on the example host
        world.ledger.payNothing();
        connect = SimulatedConnectService.start();
        port = LoopbackServers.freePort();
        base = "http://127.0.0.1:" + port;
        login = BrowserSession.webLogin(connect, base);
        app = startHost();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=1200,1100",
                "--user-data-dir=" + Files.createTempDirectory("chromium-"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private HostApp startHost() {
        return HostApp.start(deployer, new InetSocketAddress("127.0.0.1", port), null, login,
                PageSettings.DEFAULT.withDemoWallet(DemoWallet.on(world.ledger)));
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
    void onAHostWithTfgridV3AUserDeploysThroughThePageAndMy3BotsListsItRunning() throws Exception {
        // the host as `HostApp --tfgrid v3` opens it: a local v3 grid embedded in it, users paying with the demo wallet
        app.close();
        deployer.close();
        try (HostBackend v3 = HostBackend.open(HostOptions.parse("--tfgrid", "v3"))) {
            deployer = v3.builder().settings(TestWorld.fastSettings().requireTerms(true).build()).build().start();
            app = HostApp.start(deployer, new InetSocketAddress("127.0.0.1", port), null, login, v3.page());
            wait = new WebDriverWait(browser, Duration.ofSeconds(90)); // contracts, RMB and the VM take a while
            logIn("vera.3bot");
            acceptTerms();
            click(By.id("chat-start"));
            answerAll(Map.of("name", "v3webbot", "password", PASSWORD, "days", "3"));
            click(By.id("tab-bots"));
            waitForState("v3webbot", "RUNNING");
            assertThat(deployer.forOwner("vera").threebots()).singleElement().satisfies(v -> {
                assertThat(v.state().name()).isEqualTo("RUNNING");
                assertThat(v.url()).startsWith("https://v3webbot.");
            });
        }
    }

    @Test
    void aHosted3BotTheGridPausedThenDeletedForLackOfFundsShowsTheGridsNoteUnderItsState() {
        // core's in-memory hosting grid stands for TFGrid v3: its status for the 3Bot's account is forced
        InMemoryHosting hosting = new InMemoryHosting();
        app.close();
        deployer.close();
        deployer = world.builder(TestWorld.fastSettings().requireTerms(true).build()).hosting(hosting)
                .reachability(hosting.probe()).build().start();
        app = startHost();
        logIn("alice.3bot");
        acceptTerms();
        // deployed through the API, paid by the simulated ledger by itself: this test is about the list
        world.ledger.payRequestsAfter(Duration.ZERO);
        ChatMessage end = ChatDriver.start(deployer, "alice.3bot").runToEnd(Map.of("name", "notebot", "days", "3"));
        assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
        String account = hosting.contracts().get(0).account();
        click(By.id("tab-bots"));
        waitForState("notebot", "RUNNING");
        assertThat(browser.findElements(By.cssSelector("tr[data-name=notebot] .grid-note"))).isEmpty();

        hosting.force(account, HostingStatus.State.GRACE_PERIOD);
        GridNote paused = gridNote("notebot", "ERROR");
        assertThat(paused.text()).isEqualTo("Its account on the test grid ran out of funds and the grid paused it; "
                + "extend it before the grace period ends, or the grid deletes it.");
        assertThat(paused.role()).isEqualTo("note");
        assertThat(paused.children()).as("the note is text only").isZero();

        hosting.force(account, HostingStatus.State.GONE);
        assertThat(gridNote("notebot", "STOPPED").text()).startsWith("The grid deleted it for lack of funds");
    }

    /** The grid's note in a 3Bot's row, read from the page in one script (the list is redrawn as it refreshes). */
    private record GridNote(String text, String role, int children) {
    }

    /**
     * Waits until the bot's state cell shows {@code state} with the grid's note after it on a line of its own (a
     * block), and reads the note.
     */
    private GridNote gridNote(String bot, String state) {
        return wait.until(d -> {
            JavascriptExecutor page = (JavascriptExecutor) d;
            page.executeScript("document.getElementById('state-filter').dispatchEvent(new Event('change'))");
            Object read = page.executeScript("const cell = document.querySelector("
                    + "'tr[data-name=\"' + arguments[0] + '\"] td.state');"
                    + "const note = cell && cell.querySelector('.grid-note');"
                    + "if (!note || cell.firstChild.textContent !== arguments[1]"
                    + " || getComputedStyle(note).display !== 'block') { return null; }"
                    + "return [note.textContent, note.getAttribute('role'), String(note.children.length)];",
                    bot, state);
            if (!(read instanceof List<?> fields)) {
                return null;
            }
            return new GridNote(String.valueOf(fields.get(0)), String.valueOf(fields.get(1)),
                    Integer.parseInt(String.valueOf(fields.get(2))));
        });
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

    @Test
    void aLongStepShowsEachProgressMessageInAChecklistAndTheEndPageOpensThe3BotOrLeadsToMy3Bots() {
        world.ledger.payRequestsAfter(Duration.ofSeconds(3));
        payByButton = false;
        world.reachability.bootTime(Duration.ofSeconds(2));
        viewport(1440, 1000);
        logIn("alice.3bot");
        acceptTerms();
        // every current step and message the checklist shows, as the page changes
        js("window.seen = []; new MutationObserver(() => {"
                + " const step = document.querySelector('#progress-steps [aria-current=step]');"
                + " const now = document.getElementById('progress-now');"
                + " const entry = (step ? step.textContent : '') + ' | ' + (now ? now.textContent : '');"
                + " if (step && window.seen[window.seen.length - 1] !== entry) { window.seen.push(entry); }"
                + "}).observe(document.getElementById('chat'), {subtree: true, childList: true, characterData: true});");
        click(By.id("chat-start"));
        progressShot = "chat-progress-1440-light";
        answerAll(Map.of("name", "webbot", "password", PASSWORD, "days", "14"));

        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) js("return window.seen;");
        assertThat(seen).as("the current step and its message, as each came")
                .anySatisfy(e -> assertThat(e).startsWith("in progress: Setup | Waiting for your payment"))
                .anySatisfy(e -> assertThat(e).startsWith("in progress: Initializing | Waiting for your 3Bot"));
        assertThat(browser.findElements(By.id("progress-steps"))).as("the progress gives way to the end").isEmpty();

        // the end page: the success text as Markdown, a clickable address, and the ways on
        WebElement outcome = browser.findElement(By.cssSelector("#chat .outcome"));
        assertThat(outcome.findElements(By.tagName("li"))).as("the bullets are a list").hasSizeGreaterThan(1);
        assertThat(outcome.getText()).doesNotContain("<https").doesNotContain("- Open");
        WebElement link = outcome.findElement(By.cssSelector("a[href^='https://']"));
        assertThat(link.getAttribute("href")).contains("webbot").endsWith("/admin");
        assertThat(browser.findElement(By.id("open-3bot")).getAttribute("href")).isEqualTo(link.getAttribute("href"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on the outcome")
                .isEqualTo("chat-outcome");
        screenshot("chat-end-1440-light");
        dark(true);
        screenshot("chat-end-1440-dark");
        dark(false);
        click(By.id("go-bots"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-name=webbot]")));
        assertThat(browser.findElement(By.id("chat-panel")).isDisplayed()).isFalse();
        WebElement until = browser.findElement(By.cssSelector("tr[data-name=webbot] td time"));
        assertThat(until.getText()).as("a date in the user's locale, not ISO").doesNotContain("T").doesNotContain("Z");
        act("webbot", "stop");
        WebElement toast = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast-ok")));
        assertThat(toast.getText()).contains("webbot: stop done.");
        screenshot("my-3bots-1440-light");
        dark(true);
        screenshot("my-3bots-1440-dark");
        dark(false);
        sleep(1500);
        assertThat(toast.isDisplayed()).as("a result stays until dismissed").isTrue();
        toast.findElement(By.cssSelector("button.close")).click();
        assertThat(browser.findElements(By.cssSelector(".toast"))).isEmpty();

        // a wrong password stays in the dialog, which stays open
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("tr[data-name=webbot] button[data-action=start]")).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-input"))).sendKeys("wrong guess");
        click(By.id("password-ok"));
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#password-error.field-error")));
        assertThat(refused.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("password-dialog")).isDisplayed()).isTrue();
        screenshot("password-refused-1440-light");
    }

    @Test
    void atPhoneWidthNothingScrollsSidewaysInLightOrDarkAndARefusedAnswerKeepsWhatWasTyped() {
        viewport(375, 812);
        maxWidth = 375;
        logIn("alice.3bot");
        acceptTerms();
        click(By.id("chat-start"));
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-name")));
        assertThat(browser.switchTo().activeElement()).as("focus on the question").isEqualTo(name);
        name.sendKeys("Not A Name");
        click(By.id("chat-next"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
        assertThat(browser.findElement(By.id("answer-name")).getAttribute("value")).as("what was typed stays")
                .isEqualTo("Not A Name");
        screenshot("chat-refused-375-light");
        dark(true);
        screenshot("chat-refused-375-dark");
        dark(false);
        progressShot = "chat-progress-375-light";
        answerAll(Map.of("name", "phonebot", "password", PASSWORD, "days", "14"));
        assertThat(scrollWidth()).isLessThanOrEqualTo(375);
        screenshot("chat-end-375-light");
        click(By.id("go-bots"));
        waitForState("phonebot", "RUNNING");
        assertThat(scrollWidth()).as("the table's rows are cards").isLessThanOrEqualTo(375);
        screenshot("my-3bots-375-light");
        dark(true);
        assertThat(scrollWidth()).isLessThanOrEqualTo(375);
        screenshot("my-3bots-375-dark");
    }

    @Test
    void aReloadMidDeployResumesTheChatInThisTabAndAnotherAndMy3BotsShowsItDeployingThenFinished() {
        logIn("alice.3bot");
        acceptTerms();
        click(By.id("chat-start"));
        answerUntilPayment(Map.of("name", "reloadbot", "password", PASSWORD, "days", "14"));
        // Next before paying: the deploy waits for the payment, as long as the test needs
        click(By.id("chat-next"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-now"),
                "Waiting for your payment"));

        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("progress")));
        assertThat(browser.findElements(By.cssSelector("#progress-steps [aria-current=step]")))
                .as("the deploy's progress, not a new chat").hasSize(1);
        assertThat(browser.findElement(By.id("chat-start")).isDisplayed()).isFalse();

        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("progress")));
        browser.close();
        browser.switchTo().window(first);

        click(By.id("tab-bots"));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            ((JavascriptExecutor) d).executeScript("document.getElementById('state-filter')"
                    + ".dispatchEvent(new Event('change'))");
            return d.findElement(By.cssSelector("tr[data-name=reloadbot] button[data-action=progress]"));
        });
        String deploying = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("tr[data-name=reloadbot]")).getText());
        assertThat(deploying).as("a 3Bot being deployed, with its step").contains("DEPLOYING");
        screenshot("my-3bots-deploying");
        PaymentDemand asked = world.ledger.demands().get(world.ledger.demands().size() - 1);
        world.ledger.pay(SimulatedLedger.AUTO_PAYER, asked.amountStroops(), asked.memo());
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("tr[data-name=reloadbot] button[data-action=progress]")).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));
        answerAll(Map.of());

        click(By.id("go-bots"));
        waitForState("reloadbot", "RUNNING");
        assertThat(browser.findElements(By.cssSelector("tr[data-name=reloadbot] button[data-action=progress]")))
                .isEmpty();
        act("reloadbot", "wireguard");
        WebElement toast = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast-ok")));
        assertThat(toast.getText()).contains("reloadbot: WireGuard configuration downloaded (apps.conf)");
    }

    @Test
    void aHostRestartMidDeployShowsABannerWhileItIsAwayAndTheDeployFinishes() throws Exception {
        world.reachability.bootTime(Duration.ofSeconds(3));
        logIn("alice.3bot");
        acceptTerms();
        click(By.id("chat-start"));
        answerUntilPayment(Map.of("name", "restartbot", "password", PASSWORD, "days", "14"));
        click(By.id("demo-pay"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("demo-paid"), "Paid"));
        click(By.id("chat-next"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-now"), "Waiting for your 3Bot"));

        // the host stops in the middle of the deploy: the web server and the deployer with it
        app.close();
        deployer.close();
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
        assertThat(banner.getText()).contains("cannot be reached").contains("reconnecting");
        assertThat(browser.getPageSource()).doesNotContain("Failed to fetch");
        screenshot("host-away-banner");

        deployer = world.deployer(TestWorld.fastSettings().requireTerms(true).build());
        app = startHost();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner")));
        answerAll(Map.of());
        click(By.id("go-bots"));
        waitForState("restartbot", "RUNNING");
        assertThat(deployer.forOwner("alice").threebots()).singleElement()
                .satisfies(v -> assertThat(v.state().name()).isEqualTo("RUNNING"));
    }

    @Test
    void aDoubleClickStartsOneChatAndSendsOneAnswerAndAnAbandonedChatCanBeClosed() {
        logIn("alice.3bot");
        acceptTerms();
        js("window.answers = 0; const f = window.fetch; window.fetch = (url, options) => {"
                + " if (options && options.method === 'POST' && /\\/(answer|deploy)$/.test(String(url))) {"
                + " window.answers++; } return f(url, options); };");
        new Actions(browser).doubleClick(wait.until(ExpectedConditions.elementToBeClickable(By.id("chat-start"))))
                .perform();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-name")));
        assertThat(deployer.forOwner("alice").openChats()).as("one chat for a double click").hasSize(1);
        name.sendKeys("twicebot");
        new Actions(browser).doubleClick(browser.findElement(By.id("chat-next"))).perform();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chat input[type=radio]")));
        sleep(500);
        assertThat(js("return window.answers;")).as("one start and one answer were sent").isEqualTo(2L);
        assertThat(browser.findElements(By.cssSelector("#chat .error, #chat .field-error"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#chat .step")).getText()).startsWith("Step 2 of");

        click(By.id("chat-close"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-start")));
        assertThat(browser.findElement(By.id("chat-status")).getText()).isEqualTo("The chat was closed.");
        assertThat(deployer.forOwner("alice").openChats()).as("a closed chat is not open").isEmpty();
    }

    @Test
    void axeFindsNoViolationOnAnyScreenInLightOrDarkAndTheDocsScreenshotsAreTaken() throws Exception {
        viewport(1440, 1000);
        browser.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-link")));
        js("document.body.append(Object.assign(document.createElement('img'), {id: 'no-alt', src: '/favicon.svg'}))");
        assertThat(AxeCheck.violations(browser)).as("axe sees a violation when there is one")
                .anySatisfy(v -> assertThat(v).startsWith("image-alt"));
        js("document.getElementById('no-alt').remove()");
        axe("the login page");
        browser.get(base + "/auth/callback?signedAttempt=%7B%7D");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem-title")));
        axe("the page of a refused login");

        logIn("alice.3bot");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("terms")));
        assertThat(browser.findElement(By.id("terms-text")).getText()).contains("ThreeFold Grid");
        click(By.id("terms-decline"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("terms-declined")));
        axe("the terms, declined");
        docShot("terms-1440-light");
        acceptTerms();

        click(By.id("chat-start"));
        axeEveryStep = true;
        answerUntilPayment(Map.of("name", "axebot", "password", PASSWORD, "days", "14"));
        docShot("chat-payment-1440-light");
        dark(true);
        axe("the payment step, dark");
        docShot("chat-payment-1440-dark");
        dark(false);
        answerAll(Map.of());
        axeEveryStep = false;
        docShot("chat-end-1440-light");

        click(By.id("go-bots"));
        waitForState("axebot", "RUNNING");
        axe("My 3Bots");
        docShot("my-3bots-1440-light");
        dark(true);
        axe("My 3Bots, dark");
        docShot("my-3bots-1440-dark");
        dark(false);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("tr[data-name=axebot] button[data-action=stop]")).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-input")));
        axe("the password dialog");
        browser.findElement(By.cssSelector("#password-form button[value=cancel]")).click();

        // a maintenance chat: its own panel, titled by what it does, the current size marked and not offered
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("tr[data-name=axebot] button[data-action='change size']")).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-password"))).sendKeys(PASSWORD);
        click(By.id("chat-next"));
        WebElement current = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("current-flavor")));
        assertThat(browser.findElement(By.id("maint-title")).getText()).isEqualTo("Change the size of axebot");
        assertThat(browser.findElement(By.id("chat-panel")).isDisplayed()).isFalse();
        assertThat(current.getText()).contains("Silver").contains("current");
        assertThat(browser.findElements(By.cssSelector("#chat input[type=radio]"))).hasSize(2)
                .noneSatisfy(r -> assertThat(r.getAttribute("value")).startsWith("Silver"));
        axe("the change of size");
        docShot("change-size-1440-light");

        viewport(375, 812);
        assertThat(scrollWidth()).isLessThanOrEqualTo(375);
        axe("the change of size at 375 px");
        click(By.id("chat-close"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-name=axebot]")));
        assertThat(scrollWidth()).isLessThanOrEqualTo(375);
        docShot("my-3bots-375-light");
        dark(true);
        axe("My 3Bots at 375 px, dark");
        docShot("my-3bots-375-dark");
        dark(false);
        click(By.id("tab-chat"));
        click(By.id("chat-start"));
        answerUntilPayment(Map.of("name", "phonebot", "password", PASSWORD, "days", "14"));
        assertThat(scrollWidth()).isLessThanOrEqualTo(375);
        axe("the payment step at 375 px");
        docShot("chat-payment-375-light");
        dark(true);
        docShot("chat-payment-375-dark");
    }

    /** Answers every question until the payment request is shown. */
    private void answerUntilPayment(Map<String, String> answers) {
        for (int guard = 0; guard < 30; guard++) {
            wait.until(d -> !d.findElements(By.id("chat-next")).isEmpty());
            if (axeEveryStep) {
                axe("chat step " + browser.findElement(By.cssSelector("#chat .step")).getText());
            }
            if (!browser.findElements(By.cssSelector("#chat .qr img")).isEmpty()) {
                return;
            }
            WebElement next = browser.findElement(By.id("chat-next"));
            List<WebElement> inputs = browser.findElements(By.cssSelector("#chat [id^=answer-]"));
            if (!inputs.isEmpty()) {
                String key = inputs.get(0).getAttribute("id").replaceFirst("^answer-", "").replaceFirst("-\\d+$", "");
                fill(inputs.get(0), answers.get(key));
                for (WebElement confirm : browser.findElements(By.id("confirm-" + key))) {
                    confirm.clear();
                    confirm.sendKeys(answers.get(key));
                }
            }
            next.click();
            wait.until(ExpectedConditions.stalenessOf(next));
        }
        throw new AssertionError("the payment was never asked");
    }

    /** A screenshot for the documentation, in {@code examples/docs/screenshots/}. */
    private void docShot(String name) {
        try {
            Path dir = Path.of("docs", "screenshots");
            Files.createDirectories(dir);
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new IllegalStateException("no screenshot " + name, e);
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private long scrollWidth() {
        return (Long) js("return document.documentElement.scrollWidth;");
    }

    private void viewport(int width, int height) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** Emulates the system's dark (or light) colour scheme. */
    private void dark(boolean on) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
            wait.until(d -> {
                if (axeEveryStep && !progressChecked && !d.findElements(By.id("progress")).isEmpty()) {
                    axe("the progress of a long step");
                    progressChecked = true;
                }
                if (progressShot != null && !d.findElements(By.cssSelector("#progress .awaited")).isEmpty()) {
                    screenshot(progressShot);
                    if (maxWidth > 0) {
                        assertThat(scrollWidth()).as("the progress is as wide as the page").isLessThanOrEqualTo(maxWidth);
                    }
                    progressShot = null;
                }
                return !d.findElements(By.id("chat-next")).isEmpty() || ended();
            });
            if (maxWidth > 0) {
                assertThat(scrollWidth()).as("no sideways scroll").isLessThanOrEqualTo(maxWidth);
            }
            if (axeEveryStep) {
                axe("chat step " + js("return document.querySelector('#chat .step')?.textContent"
                        + " || document.querySelector('#chat h3')?.textContent || ''"));
            }
            if (ended()) {
                assertThat(browser.findElements(By.cssSelector("#chat .error"))).as("the chat ended well: %s",
                        browser.findElements(By.cssSelector("#chat .error")).stream().map(WebElement::getText)
                                .toList()).isEmpty();
                return;
            }
            WebElement next = browser.findElement(By.id("chat-next"));
            if (payByButton && !browser.findElements(By.id("demo-pay")).isEmpty()) {
                browser.findElement(By.id("demo-pay")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("demo-paid"), "Paid"));
            }
            List<WebElement> inputs = browser.findElements(By.cssSelector("#chat [id^=answer-]"));
            if (!inputs.isEmpty()) {
                WebElement input = inputs.get(0);
                String key = input.getAttribute("id").replaceFirst("^answer-", "").replaceFirst("-\\d+$", "");
                if (browser.findElements(By.cssSelector("#chat .qr img")).size() > 0) {
                    screenshot("chat-payment");
                }
                fill(input, answers.get(key));
                for (WebElement confirm : browser.findElements(By.id("confirm-" + key))) {
                    confirm.clear();
                    confirm.sendKeys(answers.get(key));
                }
            } else if (!browser.findElements(By.cssSelector("#chat .qr img")).isEmpty()) {
                screenshot("chat-payment");
            }
            next.click();
            wait.until(ExpectedConditions.stalenessOf(next));
        }
        throw new AssertionError("the chat never ended");
    }

    /** Whether the chat shows its end: the way to My 3Bots, and no Next. */
    private boolean ended() {
        return !browser.findElements(By.id("chat-again")).isEmpty() || (!browser.findElements(By.id("go-bots"))
                .isEmpty() && browser.findElements(By.id("chat-next")).isEmpty());
    }

    /** Runs axe-core on the page as it is now: no violation. */
    private void axe(String screen) {
        assertThat(AxeCheck.violations(browser)).as("axe-core on " + screen).isEmpty();
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
