// The README's phone screenshots (docs/phone-*.png): each page kind of a
// built site at 390×844 in headless Chromium, from file://. Not a test;
// run by hand after a change to the site's look:
//   node tests/screens.mjs site docs
import path from "node:path";
import { launch, siteUrl } from "./lib.mjs";

const url = siteUrl(path.resolve(process.argv[2] || "site"));
const out = path.resolve(process.argv[3] || "docs");
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
const page = await context.newPage();
const shot = (name) => page.screenshot({ path: path.join(out, `phone-${name}.png`) });

await page.goto(url("index.html"));
await shot("home");
await page.goto(url("L2/index.html"));
await shot("level");
await page.goto(url("L2/syllabus.html") + "#hours");
await shot("syllabus");

// practice: one question answered wrong, marked, with its explanation
await page.goto(url("L5/practice.html"));
await page.evaluate(() => localStorage.clear());
await page.reload();
await page.click("#practice-setup button[type=submit]");
const id = await page.getAttribute("fieldset.question", "data-id");
const inputs = await page.$$(`fieldset.question[data-id='${id}'] input`);
await inputs[inputs.length - 1].check();
await page.click(`fieldset.question[data-id='${id}'] ~ .actions button.check`);
await page.$eval("fieldset.question", (f) => { f.scrollIntoView(); window.scrollBy(0, -70); });
await shot("practice");

// a mock exam under way, then its result
await page.goto(url("L5/mock.html"));
await page.click("#mock-setup button[type=submit]");
for (const f of (await page.$$("fieldset.question")).slice(0, 3))
  await (await f.$("input")).check();
await page.$eval("fieldset.question", (f) => { f.scrollIntoView(); window.scrollBy(0, -120); });
await shot("mock");
await page.click("#mock-submit");
await page.click("#mock-confirm-submit");
await page.waitForSelector("#mock-score");
await page.$eval("#mock-score", (s) => { s.scrollIntoView(); window.scrollBy(0, -20); });
await shot("mock-result");
await page.evaluate(() => localStorage.clear());

await page.goto(url("search.html?q=" + encodeURIComponent("MQTT 主题")));
await page.waitForSelector("#search-results li");
await shot("search");
await page.goto(url("L2/bank.html"));
await shot("bank");
await page.goto(url("L2/bank-2.html"));
await shot("bank-page");
await browser.close();
