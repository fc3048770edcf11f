// The course summary the tools share (README: "Benchmarks"): one cacheable file per build, named
// by its content, fetched once per page however many tools use it. Its address (data-cg-src)
// and its lesson URLs are relative to the site's root, not to a page: by the time a tool
// starts, instant navigation may show another one. Only the pages with a tool load this module.
import { BASE } from './course.js';

const summaries = new Map();
function summary(src) {
  const url = new URL(src, new URL(BASE, location)).href;
  if (!summaries.has(url)) {
    summaries.set(url, fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${url}: ${r.status}`)))).then((d) => {
      for (const l of d.lessons) if (l.url != null) l.url = BASE + l.url;
      return d;
    }).catch((e) => (summaries.delete(url), Promise.reject(e))));
  }
  return summaries.get(url).then(structuredClone);
}

// A fetch the browser cuts off because the learner left the page is no error of ours.
let leaving = false;
addEventListener('pagehide', () => (leaving = true));
addEventListener('pageshow', () => (leaving = false));

// A tool's init from one taking (box, summary): the box's data-cg-src names the file.
export const withSummary = (show) => (box) => summary(box.dataset.cgSrc).then((data) => show(box, data)).catch((e) => leaving || console.error(e));
