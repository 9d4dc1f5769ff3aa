// Browser tests of the self-study site: headless Chromium (Debian's, driven
// by playwright-core) on site/ opened from file://, at desktop and phone
// (390×844) size: practice in every mode with marking and resume, a mock
// exam interrupted by a reload, 交卷 with blanks counted, the history and
// the notebook after it, search, axe-core on every page kind, the keyboard
// alone through practice and a mock exam, every link of every page, and
// the PWA over http on a loopback port. Fails on any console error or
// failed request. Writes screenshots to tests/build/screens/.
// Prints "N passed, N failed".
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { checker, launch, siteUrl } from "./lib.mjs";
import { walkLinks } from "./links.mjs";
import { checkPwa } from "./pwa.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] || path.join(here, "..", "site"));
const shots = path.join(here, "build", "screens");
mkdirSync(shots, { recursive: true });
const url = siteUrl(site);
const axeSource = path.join(here, "node_modules", "axe-core", "axe.min.js");

// The key, from the bank JSON (tiku bank --format json), independent of the
// site's script; the mock form and topics, from the data script the site serves.
const bank = JSON.parse(readFileSync(process.argv[3], "utf8"));
const byId = Object.fromEntries(bank.items.map((i) => [i.id, i]));
const script = readFileSync(path.join(site, "data", "L5.js"), "utf8");
const level5 = JSON.parse(script.slice(script.indexOf("(") + 1, script.lastIndexOf(")")));
const l5 = Object.fromEntries(level5.items.map((i) => [i.id, i]));

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

// The letters to pick for an item shown in a given order, right or wrong.
function picks(item, order, right) {
  if (item.type === "judge") return [(item.answer === right) ? "正确" : "错误"];
  const key = [...order].map((o, i) => item.answer.includes(o) ? "ABCDE"[i] : "").join("");
  if (right) return key.split("");
  return ["ABCDE"[[...order].findIndex((o) => !item.answer.includes(o))]];
}
const identity = (item) => "ABCDE".slice(0, item.options.length);

async function answerPractice(page, id, right) {
  for (const v of picks(byId[id], identity(byId[id]), right))
    await page.check(`fieldset.question[data-id='${id}'] input[value='${v}']`);
  await page.click("button.check");
}
const current = (page) => page.getAttribute("#practice-question fieldset.question", "data-id");
const session = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).session,
  `tiku:${level5.code}:L5`);
const notebook = async (page) => Number((await page.textContent("#notebook-count")).match(/错题本：(\d+)/)[1]);

// The focused element is the current question's and its top is on screen.
async function focusOnQuestion(page) {
  return page.evaluate(() => {
    const a = document.activeElement, q = document.querySelector("#practice-question fieldset.question");
    const top = q && q.getBoundingClientRect().top;
    return !!q && q.contains(a) && top >= -1 && top < innerHeight / 2;
  });
}

async function axe(page, what) {
  await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"], preload: false }));
  const v = result.violations.map((x) => `${x.id} (${x.nodes.length}: ${x.nodes[0].target})`);
  check(`axe: 0 violations on ${what}`, v.length === 0, v.join("; "));
}

async function practiceFlows(page, size) {
  const area = "平台运维";
  const inArea = level5.items.filter((i) => i.area === area).map((i) => i.id);
  await page.goto(url("L5/practice.html"));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.selectOption("#practice-area", area);
  await page.click("#practice-setup button[type=submit]");
  const first = await current(page);
  check(`${size}: sequential practice starts at the area's first item`, first === inArea[0], first);
  check(`${size}: the question is focused and on screen`, await focusOnQuestion(page));
  await answerPractice(page, first, true);
  check(`${size}: a right answer says so with the explanation`,
    (await page.textContent(".feedback")).includes("回答正确") && await page.isVisible(".feedback .explanation"));
  check(`${size}: the key is marked green`, await page.$$eval(".choice.key", (c) => c.length) >= 1 &&
    await page.$$eval(".choice.miss", (c) => c.length) === 0);
  check(`${size}: focus moves to 下一题`, await page.evaluate(() => document.activeElement.id === "practice-next"));
  await page.click("#practice-next");
  const second = await current(page);
  check(`${size}: after 下一题 the next question is focused and on screen`, second === inArea[1] && await focusOnQuestion(page));
  await answerPractice(page, second, false);
  const fb = await page.textContent(".feedback");
  check(`${size}: a wrong answer gives the key`, fb.includes("回答错误") && fb.includes("正确答案"));
  check(`${size}: the wrong pick is marked red and the key green`,
    await page.$$eval(".choice.miss", (c) => c.length) === 1 && await page.$$eval(".choice.key", (c) => c.length) >= 1);
  const states = await page.$$eval("#practice-card-grid button", (b) => b.slice(0, 3).map((x) => x.className));
  check(`${size}: the answer card shows right, wrong, not done`, JSON.stringify(states) === '["right","wrong",""]', JSON.stringify(states));
  await page.click("button.mark-item");
  check(`${size}: 收藏 toggles`, await page.getAttribute("button.mark-item", "aria-pressed") === "true");
  const row = await page.$$eval("#practice-progress tbody tr", (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  const platform = row.find((r) => r[0] === area);
  check(`${size}: progress counts 2 answered, 1 right, 1 wrong, 1 bookmarked`,
    platform && platform.slice(2, 4).join() === "2,1" && platform[5] === "1" && platform[6] === "1", JSON.stringify(platform));
  await page.screenshot({ path: path.join(shots, `practice-run-${size}.png`) });

  // resume: a reload comes back to the same question, still marked
  await page.reload();
  check(`${size}: a reload resumes at the same question`, await current(page) === second &&
    (await page.textContent("#practice-status")).includes("第 2 题"));
  check(`${size}: the resumed question keeps its marking`, await page.$$eval(".choice.miss", (c) => c.length) === 1);

  // 错题本: one right answer is not enough, two in a row are
  await page.check("input[name='practice-mode'][value='wrong']");
  await page.selectOption("#practice-area", "");
  await page.click("#practice-setup button[type=submit]");
  check(`${size}: the notebook mode holds the wrong item`, await current(page) === second &&
    (await session(page)).ids.length === 1);
  await answerPractice(page, second, true);
  check(`${size}: one right retry keeps it in the notebook`, await notebook(page) === 1);
  await page.click("#practice-setup button[type=submit]");
  await answerPractice(page, second, true);
  check(`${size}: two right answers in a row clear it`, await notebook(page) === 0);

  // 收藏, 未做, 随机
  await page.check("input[name='practice-mode'][value='marked']");
  await page.click("#practice-setup button[type=submit]");
  check(`${size}: the bookmark mode holds the bookmarked item`, (await session(page)).ids.join() === second);
  await page.check("input[name='practice-mode'][value='new']");
  await page.selectOption("#practice-area", area);
  await page.click("#practice-setup button[type=submit]");
  const fresh = (await session(page)).ids;
  check(`${size}: the unanswered mode leaves out what was answered`, fresh.length === inArea.length - 2 &&
    !fresh.includes(first) && !fresh.includes(second));
  await page.check("input[name='practice-mode'][value='random']");
  await page.click("#practice-setup button[type=submit]");
  const shuffled = (await session(page)).ids;
  check(`${size}: the random mode shuffles the area's items`, shuffled.length === inArea.length &&
    [...shuffled].sort().join() === [...inArea].sort().join() && shuffled.join() !== inArea.join());

  // the work-content menu: labelled with the level, no label twice; 基础知识 by section
  await page.selectOption("#practice-area", "");
  const labels = await page.$$eval("#practice-topic option", (o) => o.slice(1).map((x) => x.textContent));
  check(`${size}: every work content once, with its level`, labels.length > 0 && new Set(labels).size === labels.length &&
    labels.every((l) => /（.级）$/.test(l) || /^2\.\d\.\d /.test(l)), JSON.stringify(labels));
  await page.selectOption("#practice-area", "基础知识");
  const sub = await page.$$eval("#practice-topic option", (o) => o.slice(1).map((x) => x.value));
  check(`${size}: 基础知识 has a sub-filter by section`, sub.length >= 3 && sub.every((v) => v.startsWith("B-2.2.")), sub.join());
  await page.selectOption("#practice-topic", sub[1]);
  await page.check("input[name='practice-mode'][value='seq']");
  await page.click("#practice-setup button[type=submit]");
  const topical = (await session(page)).ids;
  check(`${size}: the sub-filter keeps only that section's items`, topical.length > 0 &&
    topical.every((id) => l5[id].topic === sub[1] && byId[id].knowledge_ids.some((k) => k.startsWith(sub[1]))));
  await axe(page, `practice (${size})`);
  await page.click("#practice-reset");
  check(`${size}: reset empties the notebook`, await notebook(page) === 0);
}

async function mockFlow(page, size) {
  await page.goto(url("L5/mock.html"));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await axe(page, `mock setup (${size})`);
  await page.click("#mock-setup button[type=submit]");
  check(`${size}: the exam shows a countdown`, /\d+:\d\d$/.test((await page.textContent("#mock-clock")).trim()));
  const form = level5.mock[0];
  let expected = 0, blanks = 0;
  const byArea = {}, wrong = new Set();
  const half = Math.floor(form.items.length / 2);
  for (const [n, e] of form.items.entries()) {
    if (n === half) {
      // a reload in the middle of the exam loses nothing
      const before = await page.textContent("#mock-done");
      await page.reload();
      check(`${size}: a reload resumes the exam with its answers`, await page.isVisible("#mock-paper fieldset") &&
        await page.textContent("#mock-done") === before, `${before} → ${await page.textContent("#mock-done")}`);
    }
    const item = byId[e.id];
    if (n % 3 === 2) { blanks++; continue; }
    const right = n % 3 === 0;
    for (const v of picks(item, e.order, right)) await page.check(`input[name='m-${n}'][value='${v}']`);
    if (right) { expected += e.points; byArea[item.area] = (byArea[item.area] || 0) + e.points; }
    else wrong.add(e.id);
  }
  await page.screenshot({ path: path.join(shots, `mock-exam-${size}.png`) });
  await axe(page, `mock exam (${size})`);
  check(`${size}: the answer sheet marks the answered`, await page.$$eval("#mock-sheet-grid a.done", (a) => a.length) === form.items.length - blanks);
  await page.click("#mock-submit");
  const ask = await page.textContent("#mock-confirm-text");
  check(`${size}: 交卷 counts the blanks first`, await page.isVisible("#mock-confirm") && ask.includes(`还有 ${blanks} 题未作答`), ask);
  await page.click("#mock-confirm-back");
  check(`${size}: 返回检查 goes back to the paper`, !(await page.isVisible("#mock-confirm")) && await page.isVisible("#mock-paper"));
  await page.click("#mock-submit");
  await page.click("#mock-confirm-submit");
  const score = await page.textContent("#mock-score");
  check(`${size}: the score equals the key's`, score.includes(`得分 ${expected} 分`), `${score} vs ${expected}`);
  check(`${size}: pass/fail at 60`, score.includes(expected >= 60 ? "：合格" : "：不合格"));
  const areaRows = await page.$$eval("#mock-areas tbody tr", (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  check(`${size}: score per area matches`, areaRows.every(([a, got]) => Number(got) === (byArea[a] || 0)), JSON.stringify(areaRows));
  check(`${size}: a chart of the areas against the weights`,
    await page.$$eval("#mock-result svg.chart rect", (r) => r.length) === 2 * level5.areas.length);
  check(`${size}: every item is reviewed with the options marked`,
    await page.$$eval("ol.review > li", (l) => l.length) === form.items.length &&
    await page.$$eval("ol.review .choice.miss", (c) => c.length) === wrong.size &&
    await page.$$eval("ol.review li", (l) => l.every((x) => x.querySelector(".choice.key"))));
  check(`${size}: the history keeps the attempt`, await page.$$eval("#mock-history-table tbody tr", (r) => r.length) === 1);
  await page.screenshot({ path: path.join(shots, `mock-result-${size}.png`) });
  await axe(page, `mock result (${size})`);
  await page.click("#mock-retake");
  check(`${size}: 重做本卷 starts the same paper afresh`, (await page.textContent("#mock-done")).startsWith("已答 0/"));
  await page.goto(url("L5/practice.html"));
  check(`${size}: wrong answers went into the notebook`, await notebook(page) === wrong.size, `${await notebook(page)} vs ${wrong.size}`);
  await page.goto(url("L5/mock.html"));
  check(`${size}: the retake survives a reload too`, await page.isVisible("#mock-paper fieldset"));
  await page.evaluate(() => localStorage.clear());
}

async function searchFlow(page, size) {
  await page.goto(url("L3/syllabus.html"));
  await page.fill("#site-q", "OPC UA");
  await page.press("#site-q", "Enter");
  await page.waitForSelector("#search-results li");
  check(`${size}: search finds OPC UA`, (await page.$$("#search-results li")).length > 3);
  const fold = (t) => t.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/[\s\u3000]/g, "").toLowerCase();
  const results = async (q) => {
    await page.goto(url("search.html?q=" + encodeURIComponent(q)));
    return page.$$eval("#search-results li", (l) => l.map((x) => ({
      kind: x.querySelector(".tag").textContent, text: x.querySelector("a").textContent,
      href: x.querySelector("a").getAttribute("href"), group: x.closest("section").querySelector("h2").textContent,
      marks: [...x.querySelectorAll("mark")].map((m) => m.textContent)
    })));
  };
  const mqtt = await results("MQTT 主题");
  check(`${size}: several words are ANDed`, mqtt.length > 0 && mqtt.every((r) => fold(r.text).includes("mqtt") && r.text.includes("主题")),
    mqtt.map((r) => r.text.slice(0, 40)).join(" | "));
  check(`${size}: every word is highlighted`, mqtt.every((r) => r.marks.some((m) => fold(m) === "mqtt") && r.marks.includes("主题")));
  const ma = await results("4~20mA"), ma2 = await results("4～20 mA");
  const found = (rs) => JSON.stringify(rs.map((r) => r.href));
  check(`${size}: 4~20mA finds 4～20 mA, and the other way round`, ma.length > 0 &&
    ma.some((r) => r.text.includes("4～20 mA")) && found(ma) === found(ma2), `${found(ma)} vs ${found(ma2)}`);
  const opc = await results("opcua");
  check(`${size}: opcua finds OPC UA`, opc.length > 3 && opc.every((r) => fold(r.text).includes("opcua")));
  const basic = await results("软件编程基础知识");
  check(`${size}: the basic requirements are indexed`, basic.some((r) => r.kind === "基本要求" && r.href.includes("syllabus.html#B-")));
  const basicItem = bank.items.find((i) => i.level === 0 && i.type === "single");
  const bi = await results(basicItem.stem.slice(0, 20));
  check(`${size}: a 基础知识 item is grouped as common, not as 五级`, bi.some((r) => r.group.startsWith("基本要求") && r.href.endsWith(`item=${basicItem.id}`)),
    JSON.stringify(bi.slice(0, 2)));
  const task = await results("操作技能");
  const tasks = task.concat(await results("实操")).filter((r) => /bank-\d+\.html#/.test(r.href));
  check(`${size}: skill tasks are indexed`, tasks.length > 0);
  if (tasks.length) {
    await page.goto(new URL(tasks[0].href, page.url()).href);
    check(`${size}: a skill task's result opens its bank page`, await page.$(`li.item[id='${tasks[0].href.split("#")[1]}']`) !== null, tasks[0].href);
  }
  await results("数字孪生");
  const order = await page.$$eval("#search-results section h2", (h) => h.map((x) => x.textContent.replace(/（.*/, "")));
  check(`${size}: results are grouped by level in the standard's order`,
    order.join() === ["基本要求", "五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"].join(), order.join());
  await page.screenshot({ path: path.join(shots, `search-results-${size}.png`) });
  await axe(page, `search (${size})`);
}

// The syllabus's table of contents and tables, and printing a bank with
// its answers shown.
async function readingFlow(page, size) {
  await page.goto(url("L2/syllabus.html"));
  const toc = await page.evaluate(() => {
    const t = document.getElementById("toc"), a = document.querySelector("article.syllabus");
    return t && { open: t.open, links: t.querySelectorAll("a").length, left: t.getBoundingClientRect().right <= a.getBoundingClientRect().left + 1 };
  });
  check(`${size}: the syllabus has a table of contents`, toc && toc.links >= 8, JSON.stringify(toc));
  check(`${size}: ${size === "desktop" ? "open as a sidebar" : "folded"}`,
    toc && (size === "desktop" ? toc.open && toc.left : !toc.open), JSON.stringify(toc));
  if (!toc.open) await page.click("#toc summary");
  await page.click("#toc a[href='#hours']");
  check(`${size}: a contents link goes to its section`, page.url().endsWith("#hours") &&
    await page.evaluate(() => Math.abs(document.getElementById("hours").getBoundingClientRect().top) < 80));
  const tall = await page.$$eval(".table-wrap td, .table-wrap thead th", (cells) => cells.filter((c) =>
    c.getBoundingClientRect().height > 2.6 * parseFloat(getComputedStyle(c).lineHeight)).length);
  check(`${size}: no table cell breaks a word a character a line`, tall === 0, `${tall} tall cells`);
  await page.screenshot({ path: path.join(shots, `syllabus-toc-${size}.png`) });
  // the bank: an index of pages of at most 50 items that hold the whole pool
  await page.goto(url("L5/bank.html"));
  check(`${size}: the bank index lists no items`, await page.$$eval("li.item", (li) => li.length) === 0);
  const ranges = Object.fromEntries(await page.$$eval("nav.bank-parts .pages a", (a) => a.map((x) => [x.getAttribute("href"), x.textContent])));
  const hrefs = [...new Set(await page.$$eval("nav.bank-parts a", (a) => a.map((x) => x.getAttribute("href"))))];
  if (size === "desktop") {
    const seen = [];
    let biggest = 0;
    for (const h of hrefs) {
      await page.goto(url(`L5/${h}`));
      const ids = await page.$$eval("li.item", (li) => li.map((x) => x.id));
      biggest = Math.max(biggest, ids.length);
      seen.push(...ids);
    }
    const pool = bank.items.map((i) => i.id);
    check("the bank's pages hold every item of the pool once", seen.length === pool.length &&
      [...seen].sort().join() === [...pool].sort().join(), `${seen.length} on ${hrefs.length} pages, ${pool.length} in the pool`);
    check("no bank page holds more than 50 items", biggest > 0 && biggest <= 50, `${biggest}`);
  }
  // a page with multiple-choice items of difficulty 3: print and filter
  const target = bank.items.find((i) => i.type === "multi" && i.difficulty === 3);
  let found = null;
  for (const h of hrefs) {
    await page.goto(url(`L5/${h}`));
    if (await page.$(`li.item[id='${target.id}']`)) { found = h; break; }
  }
  check(`${size}: the bank page of ${target.id} is listed`, found !== null);
  const onPage = await page.$$eval("li.item", (li) => li.map((x) => x.id));
  const folded = await page.$$eval("details:not([open])", (d) => d.length);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const inPrint = await page.$$eval("details:not([open])", (d) => d.length);
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  check(`${size}: printing a bank page shows every answer, then folds them again`, folded === onPage.length && inPrint === 0 &&
    await page.$$eval("details:not([open])", (d) => d.length) === folded, `${folded} folded, ${inPrint} in print`);
  // the filter: multiple choice of difficulty 3 only
  await page.selectOption("#bank-type", "multi");
  await page.selectOption("#bank-difficulty", "3");
  const shown = await page.$$eval("li.item", (li) => li.filter((x) => !x.hidden && !x.closest("section").hidden)
    .map((x) => x.id));
  const want = onPage.filter((id) => byId[id].type === "multi" && byId[id].difficulty === 3);
  check(`${size}: the bank filter shows exactly the chosen type and difficulty`, shown.length > 0 &&
    [...shown].sort().join() === [...want].sort().join(), `${shown.length} shown, ${want.length} on the page`);
  check(`${size}: and says how many`, (await page.textContent("#bank-count")).startsWith(`显示 ${shown.length} 题`));
  const start = await page.$eval("ol.items", (ol) => ol.start);
  check(`${size}: items are numbered as the index's range says`, (ranges[found] ? ranges[found].startsWith(`${start}–`) : start === 1) &&
    await page.$eval("ol.items", (ol) => ol.style.counterReset) === `item ${start - 1}`, `${start} for ${ranges[found] || "a one-page part"}`);
}

// The keyboard alone: a practice round of three questions and a mock exam.
async function keyboardFlows(page) {
  await page.goto(url("L5/practice.html"));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const tabTo = async (test, max = 60) => {
    for (let i = 0; i < max; i++) {
      if (await page.evaluate(test)) return true;
      await page.keyboard.press("Tab");
    }
    return page.evaluate(test);
  };
  check("keyboard: 开始练习 is reachable", await tabTo(() => document.activeElement.textContent === "开始练习"));
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check("keyboard: focus is visible", outline !== "none", outline);
  await page.keyboard.press("Enter");
  let done = 0;
  for (let q = 0; q < 3; q++) {
    check(`keyboard: question ${q + 1} is focused`, await focusOnQuestion(page));
    await page.keyboard.press("Tab");                 // the first choice
    await page.keyboard.press("Space");
    await tabTo(() => document.activeElement.classList.contains("check"), 12);
    await page.keyboard.press("Enter");
    if ((await page.textContent(".feedback .verdict") || "").startsWith("回答")) done++;
    const onNext = await page.evaluate(() => document.activeElement.id === "practice-next");
    await page.keyboard.press("Enter");
    if (!onNext) break;
  }
  check("keyboard: a practice round of three questions", done === 3, `${done} answered`);

  await page.goto(url("L5/mock.html"));
  check("keyboard: 开始考试 is reachable", await tabTo(() => document.activeElement.textContent === "开始考试"));
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  check("keyboard: the first mock question is answered", (await page.textContent("#mock-done")).startsWith("已答 1/"));
  check("keyboard: 交卷 is reachable", await tabTo(() => document.activeElement.id === "mock-submit", 800));
  await page.keyboard.press("Enter");
  check("keyboard: the confirmation takes the focus", await page.evaluate(() => document.getElementById("mock-confirm").contains(document.activeElement)));
  await tabTo(() => document.activeElement.id === "mock-confirm-submit", 4);
  await page.keyboard.press("Enter");
  check("keyboard: the result takes the focus", await page.evaluate(() => document.activeElement.id === "mock-score"));
  await page.evaluate(() => localStorage.clear());
}

try {
  const page = await newPage(1280, 900);
  await page.goto(url("index.html"));
  check("home page names the occupation", (await page.textContent("h1")).includes("数字孪生应用技术员"));
  await page.screenshot({ path: path.join(shots, "home-desktop.png"), fullPage: false });
  await page.click("header.site nav a:has-text('五级/初级工')");
  check("level navigation opens the level page", page.url().endsWith("/L5/index.html"));
  check("level page links practice and mock exams",
    await page.isVisible("a[href='practice.html']") && await page.isVisible("a[href='mock.html']"));

  await practiceFlows(page, "desktop");
  await mockFlow(page, "desktop");
  await searchFlow(page, "desktop");
  await readingFlow(page, "desktop");

  const phone = await newPage(390, 844);
  await practiceFlows(phone, "phone");
  await mockFlow(phone, "phone");
  await searchFlow(phone, "phone");
  await readingFlow(phone, "phone");
  await keyboardFlows(phone);

  // every page kind fits a phone and passes axe-core
  const narrow = await newPage(360, 740);
  for (const [rel, name] of [["index.html", "home"], ["L5/index.html", "level"], ["L5/practice.html", "practice"],
    ["L5/mock.html", "mock"], ["L3/syllabus.html", "syllabus"], ["L5/bank.html", "bank"], ["L5/bank-2.html", "bank-page"], ["search.html?q=备份", "search"],
    ["L5/papers/paper-L5-theory-A.html", "paper"], ["L5/papers/key-L5-theory-A.html", "key"]]) {
    for (const [p, w] of [[narrow, 360], [phone, 390]]) {
      await p.goto(url(rel));
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(`${rel} fits a ${w} px screen`, overflow <= 1, `overflows by ${overflow}px`);
    }
    await phone.screenshot({ path: path.join(shots, `${name}-phone.png`) });
    await axe(phone, name);
  }

  // every link on every page, at desktop size
  await walkLinks(await newPage(1280, 900), site, url, check);
} catch (e) {
  fail();
  console.log(`FAIL: ${e.stack}`);
}
check("no console errors, failed or network requests", problems.length === 0, problems.join("; "));
await browser.close();
try {
  await checkPwa(site, check);
} catch (e) {
  fail();
  console.log(`FAIL: PWA: ${e.stack}`);
}
const { passed, failed } = counts();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
