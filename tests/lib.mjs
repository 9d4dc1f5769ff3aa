// Shared by the browser tests: file:// URLs of a built site, a check
// counter, and Debian's Chromium driven by playwright-core.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

// url("L5/practice.html?item=X") → the file:// URL inside site
export function siteUrl(site) {
  return (rel) => {
    const [file, query] = rel.split("?");
    return pathToFileURL(path.join(site, file)).href + (query ? "?" + query : "");
  };
}

// check(name, ok, detail); counts() → { passed, failed }
export function checker() {
  let passed = 0, failed = 0;
  const check = (name, ok, detail) => {
    if (ok) passed++;
    else { failed++; console.log(`FAIL: ${name}${detail ? ": " + detail : ""}`); }
  };
  return { check, counts: () => ({ passed, failed }), fail: () => failed++ };
}

const options = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

export function launch() {
  return chromium.launch(options);
}

// A browser with a profile in dir, not incognito: what installing an app needs.
export function launchProfile(dir, contextOptions) {
  return chromium.launchPersistentContext(dir, { ...options, ...contextOptions });
}
