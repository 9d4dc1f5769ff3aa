// make bench: each page kind's transfer size and load time in Chromium
// with the CPU slowed down 4×, served over http on a loopback port with an
// empty cache. Load time is the page's Navigation Timing loadEventEnd.
// Figures, not assertions; the aim is under 1 s a page.
import { launch } from "./lib.mjs";
import { serve } from "./pwa.mjs";

const site = process.argv[2];
const pages = ["index.html", "L5/index.html", "L2/syllabus.html", "L2/practice.html", "L2/mock.html",
  "L5/bank.html", "L2/bank.html", "L2/bank-2.html", "search.html?q=MQTT%20主题", "L2/papers/paper-L2-theory-A.html",
  "L2/papers/key-L2-theory-A.html"];
const server = await serve(site);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`${"page".padEnd(40)} ${"KiB".padStart(8)} ${"load (ms)".padStart(10)}`);
for (const rel of pages) {
  const times = [];
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    // a fresh context: no cache, no service worker
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    let sum = 0;
    cdp.on("Network.loadingFinished", (e) => { sum += e.encodedDataLength; });
    await page.goto(base + rel, { waitUntil: "load" });
    // the page's own Navigation Timing: from the navigation's start to the
    // end of its load event (no test-driver round trips counted)
    times.push(Math.round(await page.evaluate(() => new Promise((done) => {
      const end = () => {
        const nav = performance.getEntriesByType("navigation")[0];
        if (nav.loadEventEnd > 0) done(nav.loadEventEnd);
        else setTimeout(end, 10);
      };
      end();
    }))));
    bytes = sum;
    await context.close();
  }
  console.log(`${rel.padEnd(40)} ${(bytes / 1024).toFixed(0).padStart(8)} ${String(median(times)).padStart(10)}`);
}
await browser.close();
server.close();
