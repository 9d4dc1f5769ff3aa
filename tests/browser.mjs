// Browser tests of the self-study site: headless Chromium (Debian's, driven
// by playwright-core) on site/ opened from file://. Fails on any console
// error or failed request. Writes screenshots to tests/build/screens/.
// Prints "N passed, N failed".
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { checker, launch, siteUrl } from "./lib.mjs";
import { walkLinks } from "./links.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] || path.join(here, "..", "site"));
const shots = path.join(here, "build", "screens");
mkdirSync(shots, { recursive: true });
const url = siteUrl(site);

// The key, from the bank JSON (tiku bank --format json), independent of the
// site's script; the mock form, from the data script the site serves.
const bank = JSON.parse(readFileSync(process.argv[3], "utf8"));
const byId = Object.fromEntries(bank.items.map((i) => [i.id, i]));
const script = readFileSync(path.join(site, "data", "L5.js"), "utf8");
const level5 = JSON.parse(script.slice(script.indexOf("(") + 1, script.lastIndexOf(")")));

const { check, counts, fail } = checker();
const browser = await launch();
const problems = [];
async function newPage(width, height) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) problems.push(`network request: ${r.url()}`); });
  page.on("dialog", (d) => d.accept());
  return page;
}

try {
  const page = await newPage(1280, 900);

  // home → level 5
  await page.goto(url("index.html"));
  check("home page names the occupation", (await page.textContent("h1")).includes("数字孪生应用技术员"));
  await page.screenshot({ path: path.join(shots, "home-desktop.png"), fullPage: false });
  await page.click("header.site nav a:has-text('五级/初级工')");
  check("level navigation opens the level page", page.url().endsWith("/L5/index.html"));
  check("level page links practice and mock exams",
    await page.isVisible("a[href='practice.html']") && await page.isVisible("a[href='mock.html']"));

  // practice: one right, one wrong
  await page.click("a[href='practice.html']");
  await page.selectOption("#practice-area", "平台运维");
  await page.click("#practice-setup button[type=submit]");
  const first = await page.getAttribute("fieldset.question", "data-id");
  check("practice shows an item of the chosen area", byId[first] && byId[first].area === "平台运维");
  async function answer(item, right) {
    if (item.type === "judge") {
      const v = (item.answer === right) ? "正确" : "错误";
      await page.check(`fieldset.question[data-id='${item.id}'] input[value='${v}']`);
    } else {
      const letters = "ABCDE".slice(0, item.options.length).split("");
      const pick = right ? item.answer.split("") : [letters.find((l) => !item.answer.includes(l))];
      for (const l of pick) await page.check(`fieldset.question[data-id='${item.id}'] input[value='${l}']`);
    }
    await page.click(`fieldset.question[data-id='${item.id}'] button.check`);
  }
  await answer(byId[first], true);
  check("a right answer says so", (await page.textContent(".feedback")).includes("回答正确"));
  check("and shows the explanation", await page.isVisible(".feedback .explanation"));
  await page.click("button.next");
  const second = await page.getAttribute("fieldset.question", "data-id");
  await answer(byId[second], false);
  const fb = await page.textContent(".feedback");
  check("a wrong answer says so and gives the key", fb.includes("回答错误") && fb.includes("正确答案"));
  const row = await page.$$eval("#practice-progress tbody tr", (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  const platform = row.find((r) => r[0] === "平台运维");
  check("progress counts 2 answered, 1 right", platform && platform[2] === "2" && platform[3] === "1", JSON.stringify(platform));
  check("the wrong-answer notebook holds one item", (await page.textContent("#notebook-count")).includes("1 题"));
  await page.click("#practice-notebook");
  check("the notebook replays the wrong item", await page.getAttribute("fieldset.question", "data-id") === second);
  await page.screenshot({ path: path.join(shots, "practice-desktop.png") });
  await page.reload();
  check("progress survives a reload (localStorage)", (await page.textContent("#notebook-count")).includes("1 题"));
  await page.click("#practice-reset");
  check("reset empties the notebook", (await page.textContent("#notebook-count")).includes("0 题"));

  // mock exam: answer some items right, submit, check the score
  await page.goto(url("L5/mock.html"));
  await page.click("#mock-setup button[type=submit]");
  check("the exam shows a countdown", /^\d+:\d\d$/.test((await page.textContent("#mock-clock")).trim()));
  const form = level5.mock[0];
  let expected = 0;
  const byArea = {};
  for (const [n, e] of form.items.entries()) {
    if (n % 3 === 2) continue;                       // leave every third blank
    const item = byId[e.id];
    const name = `m-${n}`;
    if (item.type === "judge") {
      await page.check(`input[name='${name}'][value='${item.answer ? "正确" : "错误"}']`);
    } else {
      for (let i = 0; i < e.order.length; i++)
        if (item.answer.includes(e.order[i])) await page.check(`input[name='${name}'][value='${"ABCDE"[i]}']`);
    }
    expected += e.points;
    byArea[item.area] = (byArea[item.area] || 0) + e.points;
  }
  await page.screenshot({ path: path.join(shots, "mock-desktop.png") });
  await page.click("#mock-submit");
  const score = await page.textContent("#mock-score");
  check("the score equals the key's", score.includes(`得分 ${expected} 分`), `${score} vs ${expected}`);
  check("pass/fail at 60", score.includes(expected >= 60 ? "：合格" : "：不合格"));
  const areaRows = await page.$$eval("#mock-areas tbody tr", (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  check("score per area matches", areaRows.every(([a, got]) => Number(got) === (byArea[a] || 0)), JSON.stringify(areaRows));
  check("every item is reviewed with its explanation",
    (await page.$$("ol.review > li")).length === form.items.length && (await page.$$("ol.review .explanation")).length === form.items.length);

  // search from a page's header, then follow a result
  await page.goto(url("L3/syllabus.html"));
  await page.fill("#site-q", "OPC UA");
  await page.press("#site-q", "Enter");
  await page.waitForSelector("#search-results li");
  check("search finds OPC UA", (await page.$$("#search-results li")).length > 3);
  await page.screenshot({ path: path.join(shots, "search-desktop.png") });
  const target = await page.getAttribute("#search-results li a", "href");
  await page.click("#search-results li a");
  check("a result opens its page", page.url().includes(target.split("?")[0].replace(/^\.\//, "")));

  // phone width: the main pages fit 360 px
  const phone = await newPage(360, 740);
  for (const [rel, name] of [["index.html", "home"], ["L5/index.html", "level"], ["L5/practice.html", "practice"],
    ["L5/mock.html", "mock"], ["L3/syllabus.html", "syllabus"], ["L3/bank.html", "bank"], ["search.html?q=备份", "search"]]) {
    await phone.goto(url(rel));
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(`${rel} fits a 360 px screen`, overflow <= 1, `overflows by ${overflow}px`);
    await phone.screenshot({ path: path.join(shots, `${name}-phone.png`) });
  }
  // keyboard: the practice start button is reachable and visibly focused
  await phone.goto(url("L5/practice.html"));
  let focusedStart = false;
  for (let i = 0; i < 40 && !focusedStart; i++) {
    await phone.keyboard.press("Tab");
    focusedStart = await phone.evaluate(() => document.activeElement && document.activeElement.textContent === "开始练习");
  }
  check("the start button is reachable by keyboard", focusedStart);
  const outline = await phone.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check("focus is visible", outline !== "none", outline);

  // every link on every page, at desktop size
  const walker = await newPage(1280, 900);
  await walkLinks(walker, site, url, check);
} catch (e) {
  fail();
  console.log(`FAIL: ${e.message}`);
}
check("no console errors, failed or network requests", problems.length === 0, problems.join("; "));
await browser.close();
const { passed, failed } = counts();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
