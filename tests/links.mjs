// Every link a person could follow on every page of a built site, in
// Chromium after the page's script has run: each href, src and form
// action names a file of the site, and each #fragment an id in it; every
// list a page shows has at least one entry; every page and download is
// linked from some other page.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

function htmlFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) htmlFiles(p, out);
    else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

// walk(page, site, url, check): visits every page; returns the number of
// links it resolved.
export async function walkLinks(page, site, url, check) {
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const text = existsSync(file) && file.endsWith(".html") ? readFileSync(file, "utf8") : "";
      ids.set(file, new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    }
    return ids.get(file);
  };
  const pages = htmlFiles(site).map((f) => path.relative(site, f));
  // the search page's list fills from a query
  const visits = pages.map((rel) => rel === "search.html" ? "search.html?q=OPC UA" : rel);
  const broken = [], empty = [], reached = new Set();
  let links = 0;
  for (const rel of visits) {
    await page.goto(url(rel));
    const found = await page.evaluate(() => {
      const refs = [];
      document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]").forEach((e) => {
        const raw = e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action");
        const abs = new URL(raw, location.href);
        const same = abs.pathname === location.pathname;
        refs.push({ raw, href: abs.href, local: same && abs.hash ? !!document.getElementById(decodeURIComponent(abs.hash.slice(1))) : null });
      });
      const lists = [...document.querySelectorAll("main ul, main ol")]
        .filter((l) => !l.querySelector("li")).map((l) => l.id || l.className || l.parentElement.id || "list");
      return { refs, lists };
    });
    for (const r of found.refs) {
      links++;
      const u = new URL(r.href);
      if (u.protocol !== "file:") { broken.push(`${rel}: ${r.raw} leaves the site`); continue; }
      const file = fileURLToPath(u);
      if (path.resolve(site, rel.split("?")[0]) !== file) reached.add(file);
      if (!existsSync(file)) { broken.push(`${rel}: ${r.raw} (no such file)`); continue; }
      const frag = decodeURIComponent(u.hash.slice(1));
      if (frag && r.local === false) broken.push(`${rel}: ${r.raw} (no such id on the page)`);
      else if (frag && r.local === null && !idsOf(file).has(frag)) broken.push(`${rel}: ${r.raw} (no such id)`);
    }
    for (const l of found.lists) empty.push(`${rel}: ${l}`);
  }
  check(`every link of ${visits.length} pages resolves (${links} links)`, broken.length === 0,
    broken.slice(0, 10).join("; ") + (broken.length > 10 ? ` … ${broken.length} in all` : ""));
  // every page and every download is linked from another page
  const downloads = readdirSync(path.join(site, "downloads")).map((f) => path.join(site, "downloads", f));
  const orphans = [...htmlFiles(site), ...downloads].filter((f) => !reached.has(f)).map((f) => path.relative(site, f));
  check("every page and download is linked from another page", orphans.length === 0, orphans.join(", "));
  check("every list on every page has entries", empty.length === 0, empty.slice(0, 10).join("; "));
  return links;
}
