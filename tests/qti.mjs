// Every item of exported QTI 3.0 packages played in a QTI 3 player: Citolab's
// qti-components (web components, from the npm registry) in headless Chromium
// (Debian's, driven by playwright-core). Each item is loaded from its package
// by the player's own loader and rendered; a choice item is then answered by
// clicking its choices as a candidate would, and the player's response
// processing must score the key 1, a wrong answer 0, and for a 多选 a
// partial answer (all keys but one) 0. A task or review question must render
// its text entry, keep its rubric away from the candidate and declare its
// SCORE human-scored. Then each test of a package is played through the
// player's outcome processing: SCORE out of 100 and PASS from the answers.
// The key comes from the bank JSON (tiku bank --format json), not from the
// package. Fails on any console error or page error.
// Usage: node qti.mjs BANK.json DIR... (each DIR an unpacked package).
// Prints "N passed, N failed".
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { checker, launch } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const player = path.join(here, "node_modules", "@citolab", "qti-components");
const bank = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byId = Object.fromEntries(bank.items.map((i) => [i.id, i]));
const packages = process.argv.slice(3).map((d) => path.resolve(d));
const origin = "http://qti.test";

const { check, counts, fail } = checker();
const browser = await launch();
const problems = [];
const page = await browser.newPage();
page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

// Everything is served from memory under one origin: the harness page, the
// player's bundle and the packages (/p0/…, /p1/…). Nothing else is reached.
const types = { ".xml": "application/xml", ".js": "text/javascript", ".css": "text/css" };
await page.route("**/*", (route) => {
  const u = new URL(route.request().url());
  let file = null;
  if (u.origin !== origin) return route.abort();
  if (u.pathname === "/index.html")
    return route.fulfill({ contentType: "text/html", body:
      '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>QTI</title>' +
      '<link rel="stylesheet" href="/player/dist/item.css">' +
      '<script type="module">import * as qti from "/player/cdn/index.js"; window.qti = qti;' +
      "window.playerReady = true;</script></head><body><main id=stage></main></body></html>" });
  const m = u.pathname.match(/^\/(player|p(\d+))\/(.+)$/);
  if (m) file = m[1] === "player" ? path.join(player, m[3]) : path.join(packages[+m[2]], m[3]);
  if (file === null || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
  return route.fulfill({ contentType: types[path.extname(file)] || "application/octet-stream",
    body: readFileSync(file) });
});
await page.goto(`${origin}/index.html`);
await page.waitForFunction(() => window.playerReady === true);

// In the page: load an item with the player's loader, render it, and score
// each response given (a list of choice identifiers to click, or null for a
// task). Returns what the player shows and scores.
async function play(url, responses) {
  return page.evaluate(async ({ url, responses }) => {
    const stage = document.getElementById("stage");
    const api = await window.qti.qtiTransformItem().load(url);
    stage.replaceChildren(api.htmlDoc());
    const item = stage.querySelector("qti-assessment-item");
    await customElements.whenDefined("qti-assessment-item");
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const interaction = item.querySelector("qti-choice-interaction");
    const choices = [...item.querySelectorAll("qti-simple-choice")];
    const out = {
      identifier: item.getAttribute("identifier"),
      choices: choices.map((c) => c.getAttribute("identifier")),
      labels: interaction ? interaction.getAttribute("class") : null,
      text: !!item.querySelector("qti-extended-text-interaction"),
      rubricShown: [...item.querySelectorAll("qti-rubric-block")]
        .some((r) => r.offsetParent !== null && r.textContent.trim() !== ""),
      scores: [],
    };
    const score = () => {
      const v = item.variables.find((x) => x.identifier === "SCORE");
      return v ? Number(v.value) : NaN;
    };
    out.scoring = (item.variables.find((x) => x.identifier === "SCORE") || {}).externalScored || null;
    for (const r of responses) {
      item.resetResponses();
      await new Promise((res) => setTimeout(res, 0));
      for (const id of r) choices.find((c) => c.getAttribute("identifier") === id)?.click();
      await new Promise((res) => setTimeout(res, 0));
      item.processResponse();
      out.scores.push(score());
    }
    return out;
  }, { url, responses });
}

function keyOf(it) {
  if (it.type === "judge") return [it.answer ? "T" : "F"];
  return it.answer.split("");
}

function wrongOf(it) {
  if (it.type === "judge") return [it.answer ? "F" : "T"];
  const letters = "ABCDE".slice(0, it.options.length).split("");
  const wrong = letters.filter((l) => !it.answer.includes(l));
  return it.type === "single" ? [wrong[0]] : [...it.answer.slice(1).split(""), wrong[0]];
}

function qtiId(id) {
  return /^[A-Za-z]/.test(id) ? id : `item-${id}`;
}

try {
  let played = 0;
  for (const [p, dir] of packages.entries()) {
    const items = readdirSync(path.join(dir, "items")).filter((f) => f.endsWith(".xml")).sort();
    const tag = path.basename(dir);
    let bad = 0;
    for (const f of items) {
      const id = Object.keys(byId).find((k) => `${qtiId(k)}.xml` === f);
      const it = byId[id];
      if (!it) { bad++; console.log(`FAIL: ${tag}/${f}: not in the bank`); continue; }
      const choice = it.type === "judge" || it.type === "single" || it.type === "multi";
      const responses = !choice ? [] :
        it.type === "multi" ? [keyOf(it), wrongOf(it), keyOf(it).slice(1)] :
        [keyOf(it), wrongOf(it)];
      let r;
      try {
        r = await play(`${origin}/p${p}/items/${f}`, responses);
      } catch (e) {
        bad++; console.log(`FAIL: ${tag}/${f}: the player failed: ${e.message.split("\n")[0]}`); continue;
      }
      played++;
      const want = it.type === "multi" ? [1, 0, 0] : choice ? [1, 0] : [];
      const ok = r.identifier === qtiId(id) && (choice
        ? r.choices.length === (it.type === "judge" ? 2 : it.options.length) &&
          r.labels === (it.type === "judge" ? "qti-labels-none" : "qti-labels-upper-alpha") &&
          JSON.stringify(r.scores) === JSON.stringify(want)
        : r.text && r.scoring === "human") && !r.rubricShown;
      if (!ok) {
        bad++;
        if (bad <= 10) console.log(`FAIL: ${tag}/${f} (${it.type}): ${JSON.stringify(r)}`);
      }
    }
    console.log(`  ${tag}: ${items.length} items played`);
    check(`${tag}: every item renders and scores key 1, wrong 0, partial 多选 0 (${items.length})`,
      bad === 0, `${bad} of ${items.length} wrong`);
  }
  check("the player played items", played > 0);
  check("no console or page errors", problems.length === 0, problems.slice(0, 5).join("; "));
} catch (e) {
  fail();
  console.log(`FAIL: ${e.stack}`);
} finally {
  await browser.close();
}
const { passed, failed } = counts();
console.log(`qti player: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
