// The site as an installable app: served over http on a random loopback
// port, Chromium must find the manifest, register the service worker and
// report no installability error; then, offline, the pages reload from
// the worker's cache.
import { createServer } from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchProfile } from "./lib.mjs";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json", ".epub": "application/epub+zip" };

export function serve(root) {
  const server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ""));
    try {
      const body = await readFile(file.endsWith("/") ? file + "index.html" : file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function checkPwa(site, check) {
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = await mkdtemp(path.join(tmpdir(), "tiku-pwa-"));
  const context = await launchProfile(profile, { viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(base + "index.html");
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    check("pwa: the service worker is registered over http", scope === base, scope);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    check("pwa: the manifest parses", manifest.url === base + "manifest.webmanifest" && manifest.errors.length === 0,
      JSON.stringify(manifest.errors));
    const installable = await cdp.send("Page.getInstallabilityErrors");
    check("pwa: Chromium finds it installable", installable.installabilityErrors.length === 0,
      JSON.stringify(installable.installabilityErrors));
    // let the install finish caching, then go offline
    await page.evaluate(() => new Promise((resolve) => {
      const wait = () => navigator.serviceWorker.controller ? resolve() : setTimeout(wait, 50);
      wait();
    }));
    // offline for real: the server stops as well
    await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
    await context.setOffline(true);
    await page.reload();
    check("pwa: the home page reloads offline", (await page.textContent("h1")).length > 0);
    await page.goto(base + "L2/practice.html");
    check("pwa: a level's practice works offline",
      await page.$$eval("#practice-area option", (o) => o.length) > 1);
    await page.goto(base + "search.html?q=OPC%20UA");
    check("pwa: search works offline", await page.$$eval("#search-results li", (l) => l.length) > 0);
    check("pwa: no page errors", errors.length === 0, errors.join("; "));
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    if (server.listening) server.close();
  }
}
