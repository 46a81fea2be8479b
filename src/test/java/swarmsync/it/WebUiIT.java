package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web interface in a real headless Chromium (Debian's chromium and chromedriver, driven by
 * Selenium), against two real daemons in the test's network namespace: log in, add a folder by
 * pasting a key and watch it sync, copy a read-only key, create an invite and see it used by a
 * third home, restore a file from the archive.
 * Saves a screenshot of each page under target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {
  private static final String PASSWORD = "correct horse battery";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int FILES = 12;
  private static final int FILE_BYTES = 2 * 1024 * 1024;
  /** Flags from ../shared/peers/chromium-check.sh: no sandbox (root), nothing fetched. */
  private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox",
      "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--window-size=1100,1000");

  @TempDir static Path dir;
  private static Daemon a;
  private static Daemon b;
  private static String key;
  private static Path fa;
  private static Path fb;
  private static String gui;
  private static WebDriver browser;
  private static Path shots;

  @BeforeAll
  static void startDaemonsAndBrowser() throws Exception {
    key = Launcher.run("key", "new").assertOk().out().trim();
    fa = Files.createDirectories(dir.resolve("a"));
    fb = Files.createDirectories(dir.resolve("b"));
    Random random = new Random(7);
    for (int i = 0; i < FILES; i++) {
      byte[] data = new byte[FILE_BYTES];
      random.nextBytes(data);
      Files.write(fa.resolve("photo-" + i + ".bin"), data);
    }
    Files.writeString(fa.resolve("plan.txt"), "first draft\n");
    a = new Daemon(dir, "a");
    b = new Daemon(dir, "b");
    a.addFolder(key, fa);
    a.start();
    Launcher.runWithInput(PASSWORD + "\n", "password", "set", "--home", b.home.toString())
        .assertOk();
    b.start(a);
    gui = "http://" + JSON.readTree(b.home.resolve("daemon.json").toFile()).get("gui").asText();

    shots = Launcher.root().resolve("target/screenshots");
    Files.createDirectories(shots);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
    options.addArguments(CHROMIUM_FLAGS);
    options.addArguments("--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    for (Daemon d : new Daemon[] {a, b}) {
      if (d != null) {
        d.close();
      }
    }
  }

  @Test
  @Order(1)
  void aWrongPasswordIsRefusedAndTheRightOneLogsIn() throws Exception {
    browser.get(gui + "/");
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(
        By.id("login-form")).isDisplayed());
    shot("login");
    browser.findElement(By.id("password")).sendKeys("not the password");
    browser.findElement(By.id("login-button")).click();
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(
        By.id("login-error")).getText().equals("Wrong password."));

    WebElement password = browser.findElement(By.id("password"));
    password.clear();
    password.sendKeys(PASSWORD);
    browser.findElement(By.id("login-button")).click();
    await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(By.id("nav")).isDisplayed()
            && browser.findElement(By.id("add-folder")).isDisplayed());
    assertThat(browser.manage().getCookieNamed("swarmsync_session").isHttpOnly()).isTrue();
  }

  @Test
  @Order(2)
  void aFolderAddedByPastingAKeySyncsFromTheOtherDaemonWithItsProgressShown()
      throws Exception {
    browser.get(gui + "/#folders");
    WebElement path = await().atMost(WAIT).ignoreExceptions()
        .until(() -> browser.findElement(By.id("new-path")), WebElement::isDisplayed);
    // Records every progress figure the page shows, to report how the bar moved.
    ((JavascriptExecutor) browser).executeScript("window.seenProgress = [];"
        + "new MutationObserver(() => document.querySelectorAll('.folder .pct')"
        + ".forEach(p => window.seenProgress.push(p.textContent)))"
        + ".observe(document.getElementById('main'), {subtree: true, childList: true});");
    path.sendKeys(fb.toString());
    browser.findElement(By.id("new-key")).sendKeys(key);
    browser.findElement(By.id("add-button")).click();

    By card = By.cssSelector(".folder[data-path='" + fb + "']");
    await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(card).findElement(By.cssSelector("tr.peer")).isDisplayed());
    shot("folders-syncing");
    await().atMost(WAIT).ignoreExceptions().until(() -> {
      WebElement c = browser.findElement(card);
      return c.findElement(By.className("pct")).getText().equals("100%")
          && c.findElement(By.className("files")).getText().equals((FILES + 1) + " files")
          && c.findElement(By.className("state")).getText().equals("in sync");
    });
    WebElement peer = browser.findElement(card).findElement(By.cssSelector("tr.peer"));
    assertThat(peer.findElement(By.className("connection")).getText())
        .isEqualTo("lan (manual)");
    assertThat(Files.readString(fb.resolve("plan.txt"))).isEqualTo("first draft\n");
    assertThat(Files.size(fb.resolve("photo-0.bin"))).isEqualTo(FILE_BYTES);
    Object seen = ((JavascriptExecutor) browser).executeScript("return window.seenProgress");
    System.out.println("progress figures the page showed: " + seen);
    shot("folders");
  }

  @Test
  @Order(3)
  void theReadOnlyKeyIsCopiedFromTheKeysPage() throws Exception {
    browser.get(gui + "/#keys");
    new Select(await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(By.id("folder-select")), WebElement::isDisplayed))
        .selectByValue(fb.toString());
    By roCard = By.cssSelector(".key-card[data-kind='ro']");
    WebElement card = await().atMost(WAIT).ignoreExceptions()
        .until(() -> browser.findElement(roCard), WebElement::isDisplayed);
    JsonNode cliKeys = JSON.readTree(Launcher.run("folder", "keys", "--home", b.home.toString(),
        "--json", fb.toString()).assertOk().out());
    String readOnly = null;
    for (JsonNode k : cliKeys.get("keys")) {
      if (k.get("kind").asText().equals("ro")) {
        readOnly = k.get("key").asText();
      }
    }
    assertThat(readOnly).startsWith("B").isEqualTo(Launcher.run("key", "ro", key).assertOk()
        .out().trim());
    assertThat(browser.findElements(By.cssSelector(".key-card")))
        .extracting(e -> e.getAttribute("data-kind")).containsExactly("rw", "ro", "encrypted");
    assertThat(card.findElement(By.className("key-value")).getAttribute("value"))
        .isEqualTo(readOnly);

    // Headless Chromium has no system clipboard a test can paste from reliably, so the page's
    // call to navigator.clipboard.writeText is recorded (and still passed on to the real API),
    // and what the button says it copied (data-copied) is checked. When the browser lets the
    // page read the clipboard back, that must be the same key too.
    ((ChromeDriver) browser).executeCdpCommand("Browser.grantPermissions", Map.of("permissions",
        List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    ((JavascriptExecutor) browser).executeScript("window.writtenToClipboard = [];"
        + "const real = navigator.clipboard.writeText.bind(navigator.clipboard);"
        + "navigator.clipboard.writeText = (t) => { window.writtenToClipboard.push(t);"
        + " return real(t); };");
    WebElement copy = card.findElement(By.className("copy"));
    copy.click();
    await().atMost(WAIT).until(() -> browser.findElement(By.id("toast")).getText()
        .equals("Copied read-only key"));
    assertThat(copy.getAttribute("data-copied")).isEqualTo(readOnly);
    assertThat(((JavascriptExecutor) browser)
        .executeScript("return window.writtenToClipboard")).isEqualTo(List.of(readOnly));
    Object pasted = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "navigator.clipboard.readText().then(done, () => done(null));");
    System.out.println("clipboard read back in headless Chromium: "
        + (pasted == null ? "not allowed" : "allowed"));
    if (pasted != null) {
      assertThat(pasted).isEqualTo(readOnly);
    }
    card.findElement(By.className("show-qr")).click();
    assertThat(card.findElement(By.cssSelector("svg.qr")).isDisplayed()).isTrue();
    shot("keys");
  }

  @Test
  @Order(4)
  void anInviteCreatedInThePageIsShownUsedOnceAnotherHomeRedeemsIt() throws Exception {
    browser.get(gui + "/#invites");
    new Select(await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(By.id("folder-select")), WebElement::isDisplayed))
        .selectByValue(fb.toString());
    browser.findElement(By.id("invite-ro")).click();
    browser.findElement(By.id("invite-create")).click();
    WebElement made = await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(By.cssSelector("#invite-result .key-value")), WebElement::isDisplayed);
    String invite = made.getAttribute("value");
    assertThat(invite).startsWith("C");
    String id = browser.findElement(By.cssSelector("#invite-result p[data-id]"))
        .getAttribute("data-id");
    By row = By.cssSelector("tr.invite[data-id='" + id + "']");
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(row)
        .findElement(By.className("invite-state")).getText().equals("pending"));
    assertThat(browser.findElement(row).findElement(By.className("grants")).getText())
        .isEqualTo("read-only");
    assertThat(browser.findElement(row).findElements(By.className("revoke"))).hasSize(1);
    shot("invites-pending");

    Path newcomer = dir.resolve("c-home");
    Path fc = Files.createDirectories(dir.resolve("c"));
    Launcher.run("invite", "accept", "--home", newcomer.toString(), "--key", invite, "--peer",
        b.address(), "--no-lan", "--no-dht", "--no-tracker", "--timeout", "60s", fc.toString())
        .assertOk();
    String granted = JSON.readTree(Launcher.run("folder", "list", "--home",
        newcomer.toString(), "--json").assertOk().out()).get(0).get("key_kind").asText();
    assertThat(granted).isEqualTo("ro");

    browser.navigate().refresh();
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(row)
        .findElement(By.className("invite-state")).getText().equals("used"));
    assertThat(browser.findElement(row).findElements(By.className("revoke"))).isEmpty();
    shot("invites");
  }

  @Test
  @Order(5)
  void aReplacedFileIsRestoredFromTheArchivePage() throws Exception {
    Files.writeString(fa.resolve("plan.txt"), "second draft\n");
    await().atMost(WAIT).ignoreExceptions().until(() ->
        Files.readString(fb.resolve("plan.txt")).equals("second draft\n"));
    browser.get(gui + "/#archive");
    new Select(await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(By.id("folder-select")), WebElement::isDisplayed))
        .selectByValue(fb.toString());
    By row = By.cssSelector("tr.archived");
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(row).getText()
        .contains("plan.txt"));
    shot("archive");
    browser.findElement(row).findElement(By.className("restore")).click();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(Files.readString(fb.resolve("plan.txt"))).isEqualTo("first draft\n");
      assertThat(Files.readString(fa.resolve("plan.txt"))).isEqualTo("first draft\n");
    });
    assertThat(browser.findElement(By.id("toast")).getText()).isEqualTo("Restored plan.txt");
  }

  @Test
  @Order(6)
  void theOtherPagesRenderAndFitAPhoneScreen() throws Exception {
    for (String page : List.of("conflicts", "settings")) {
      browser.get(gui + "/#" + page);
      await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(By.tagName("h1"))
          .getText().equalsIgnoreCase(page));
      await().atMost(WAIT).ignoreExceptions().until(() ->
          browser.findElements(By.xpath("//*[text()='Loading…']")).isEmpty());
      shot(page);
    }
    assertThat(browser.findElement(By.id("listen")).getAttribute("value")).isNotBlank();
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(gui + "/#folders");
    await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(By.cssSelector(".folder .pct")).getText().equals("100%"));
    Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
    shot("folders-phone");
  }

  /**
   * Clicks the button of that class in the element, found afresh until the click lands: the
   * page re-renders the folder cards on every status event, which can leave a found button
   * stale before it is clicked (a stale click never reached the page, so trying again is safe).
   */
  private void clickIn(By element, String buttonClass) {
    await().atMost(WAIT).ignoreExceptions().until(() -> {
      browser.findElement(element).findElement(By.className(buttonClass)).click();
      return true;
    });
  }

  @Test
  @Order(7)
  void aFolderPausedInThePageIsListedAsPausedByTheCli() throws Exception {
    browser.manage().window().setSize(new Dimension(1100, 1000));
    browser.get(gui + "/#folders");
    By card = By.cssSelector(".folder[data-path='" + fb + "']");
    await().atMost(WAIT).ignoreExceptions().until(() ->
        browser.findElement(card).findElement(By.className("pause")).isDisplayed());
    clickIn(card, "pause");
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(card)
        .findElement(By.className("state")).getText().equals("paused"));

    String table = Launcher.run("folder", "list", "--home", b.home.toString()).assertOk().out();
    assertThat(table).containsPattern("(?m)^" + Pattern.quote(fb.toString())
        + "\\s+rw\\s+paused\\s");
    JsonNode json = JSON.readTree(Launcher.run("folder", "list", "--home", b.home.toString(),
        "--json").assertOk().out());
    assertThat(json.get(0).get("paused").asBoolean()).isTrue();
    // Without a daemon the CLI reads the config: the newcomer's folder, paused there.
    Path newcomer = dir.resolve("c-home");
    Launcher.run("folder", "pause", "--home", newcomer.toString(), dir.resolve("c").toString())
        .assertOk();
    assertThat(Launcher.run("folder", "list", "--home", newcomer.toString()).assertOk().out())
        .containsPattern("\\sro\\s+paused\\s");

    clickIn(card, "resume");
    await().atMost(WAIT).ignoreExceptions().until(() -> !browser.findElement(card)
        .findElement(By.className("state")).getText().equals("paused"));
    assertThat(Launcher.run("folder", "list", "--home", b.home.toString()).assertOk().out())
        .containsPattern("\\srw\\s+active\\s");
  }

  private static void shot(String name) throws Exception {
    File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(file.toPath(), shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @SuppressWarnings("unused")
  private static JsonNode status(Daemon d) throws Exception {
    return d.status();
  }
}
