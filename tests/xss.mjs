// The site built from hostile content (tests/injection.sh) in headless
// Chromium: every page a candidate can reach, practice with feedback and
// explanations, a submitted mock exam with its review, and a search for the
// payloads. Fails if any script runs (a dialog, a page error), if any
// element carries an event-handler attribute or a javascript: link, or if a
// payload is not on the page as text. Prints "xss: N passed, N failed".
import path from "node:path";
import { checker, launch, siteUrl } from "./lib.mjs";

const url = siteUrl(path.resolve(process.argv[2]));
const { check, counts } = checker();
const browser = await launch();
const fired = [];
const page = await (await browser.newContext()).newPage();
// the site's own confirmations are accepted; any other dialog is a payload
const ours = ["清除本级别的练习进度、错题本和收藏？"];
page.on("dialog", (d) => {
  if (d.type() === "confirm" && ours.includes(d.message())) return d.accept();
  fired.push(`${d.type()}: ${d.message()}`);
  return d.dismiss();
});
page.on("pageerror", (e) => fired.push(`page error: ${e.message}`));
page.on("request", (r) => { if (!r.url().startsWith("file:")) fired.push(`request: ${r.url()}`); });

// every element's attributes: no on*, no javascript: targets
async function activeMarkup() {
  return page.$$eval("*", (els) => els.flatMap((e) => [...e.attributes]
    .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))
    .map((a) => `<${e.localName} ${a.name}="${a.value}">`)));
}
async function visit(name) {
  const bad = await activeMarkup();
  check(`${name}: no event handlers or javascript: links`, bad.length === 0, bad.slice(0, 3).join(" "));
}

try {
  for (const rel of ["index.html", "L5/index.html", "L5/syllabus.html", "L5/bank.html",
    "L2/bank.html", "L5/papers/paper-L5-theory-A.html", "L5/papers/key-L5-theory-A.html",
    "L2/papers/key-L2-skill-A.html", "L2/papers/paper-L2-review-A.html"]) {
    await page.goto(url(rel));
    await visit(rel);
  }
  // every page of the split banks
  let bankText = "";
  for (const lv of ["L5", "L2"]) {
    await page.goto(url(`${lv}/bank.html`));
    const hrefs = [...new Set(await page.$$eval("nav.bank-parts a", (a) => a.map((x) => x.getAttribute("href"))))];
    check(`${lv}/bank.html links its pages`, hrefs.length > 0);
    for (const h of hrefs) {
      await page.goto(url(`${lv}/${h}`));
      await visit(`${lv}/${h}`);
      bankText += await page.textContent("body");
    }
  }
  check("the bank shows a payload as text", bankText.includes('<script>alert("XSS1")</script>'));

  // practice: every answer shown with its explanation
  await page.goto(url("L5/practice.html"));
  await page.click("#practice-setup button[type=submit]");
  for (let i = 0; i < 5; i++) {
    const id = await page.getAttribute("fieldset.question", "data-id");
    const inputs = await page.$$(`fieldset.question[data-id='${id}'] input`);
    await inputs[0].check();
    await page.click(`fieldset.question[data-id='${id}'] ~ .actions button.check`);
    await visit(`practice item ${i + 1}`);
    await page.click("#practice-next");
  }
  check("practice shows the payloads as text", (await page.textContent("body")).includes("XSS"));

  // a mock exam, submitted unanswered, and its review
  await page.goto(url("L5/mock.html"));
  await page.click("#mock-setup button[type=submit]");
  await visit("mock exam");
  await page.click("#mock-submit");
  await page.click("#mock-confirm-submit");
  await page.waitForSelector("#mock-score");
  await visit("mock exam review");

  // search for the payloads
  await page.goto(url("search.html?q=XSS8"));
  await page.waitForSelector("#search-results li");
  await visit("search results");
  check("search finds the payload as text", (await page.textContent("#search-results")).includes("XSS8"));
} catch (e) {
  check("the hostile site can be walked", false, e.message);
}
check("no script ran, no request left file://", fired.length === 0, fired.slice(0, 3).join("; "));
await browser.close();
const { passed, failed } = counts();
console.log(`xss: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
