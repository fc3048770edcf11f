// Runs Lighthouse's accessibility, best-practices and SEO audits on pages in one Chromium, each
// in the light and the dark palette (the course's follows prefers-color-scheme), and prints one
// JSON line per run. Called by scripts/lighthouse.py, which serves the site and judges the scores.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { default: lighthouse } = await import(pathToFileURL(require.resolve('lighthouse')).href);
const puppeteer = (await import(pathToFileURL(require.resolve('puppeteer-core')).href)).default;

const [base, ...paths] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const categories = ['accessibility', 'best-practices', 'seo'];
try {
  for (const path of paths) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      const result = await lighthouse(base + path, { output: 'json', logLevel: 'error', onlyCategories: categories, formFactor: 'desktop', screenEmulation: { disabled: true } }, undefined, page);
      const lhr = result.lhr;
      // Whether the palette held through Lighthouse's own emulation.
      const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      const failed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
        .map((a) => ({ id: a.id, title: a.title, items: (a.details?.items ?? []).slice(0, 5).map((i) => i.node?.snippet ?? i.source?.url ?? i.description ?? JSON.stringify(i).slice(0, 200)) }));
      const scores = Object.fromEntries(categories.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
      console.log(JSON.stringify({ path, scheme, dark, scores, failed, runtimeError: lhr.runtimeError?.message }));
      await page.close();
    }
  }
} finally {
  await browser.close();
}
