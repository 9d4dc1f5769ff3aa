// The course page's classroom quiz in presentation mode (templates/
// present.js), in Chromium: the 演示 button opens one question at a time,
// → and ← move, Enter reveals the answer, Esc leaves. Optionally writes a
// screenshot (argv[3]). Usage: node tests/present.mjs COURSE-LN.html [PNG]
import { pathToFileURL } from "node:url";
import { launch } from "./lib.mjs";

const file = process.argv[2];
const shot = process.argv[3];
const browser = await launch();
const failures = [];
const check = (what, ok) => { if (!ok) failures.push(what); };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  const quiz = page.locator(".quiz").first();
  const n = await quiz.locator("li.question").count();
  check("the first quiz has questions", n > 0);
  await quiz.locator("button.present").click();
  const count = () => page.locator(".present-mode .present-count").textContent();
  check("the presentation opens on question 1", (await count()).endsWith(`1 / ${n}`));
  check("one question shows", await page.locator(".present-mode li.question").count() === 1);
  const size = await page.locator(".present-mode").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  check("large type", size >= 32);
  await page.keyboard.press("ArrowRight");
  check("→ moves to question 2", (await count()).endsWith(`2 / ${n}`));
  check("the answer starts hidden", !(await page.locator(".present-mode details").evaluate((d) => d.open)));
  await page.keyboard.press("Enter");
  check("Enter reveals the answer", await page.locator(".present-mode details").evaluate((d) => d.open));
  if (shot) await page.screenshot({ path: shot });
  await page.keyboard.press("ArrowLeft");
  check("← moves back", (await count()).endsWith(`1 / ${n}`));
  await page.keyboard.press("Escape");
  check("Esc leaves", await page.locator(".present-mode").count() === 0);
  check("no script errors: " + errors.join("; "), errors.length === 0);
} finally {
  await browser.close();
}
if (failures.length) {
  console.log("FAIL present: " + failures.join(", "));
  process.exit(1);
}
console.log("present: the quiz presentation works");
