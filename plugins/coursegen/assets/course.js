// On every page; quiz code is fetched only where that kind of quiz is.

function start() {
  for (const section of document.querySelectorAll('section.cg-quiz:not([data-cg-ready])')) {
    section.dataset.cgReady = ''; // before the async import: a second call skips it
    let payload;
    try {
      payload = JSON.parse(section.querySelector('template.cg-data').content.textContent);
    } catch {
      continue; // the no-JavaScript version stays
    }
    const code = { knowledge: './knowledge.js', diagnostic: './diagnostic.js' }[payload.kind];
    if (code) import(code).then((module) => {
      module.init(section, payload);
      section.classList.add('cg-js');
    }).catch(console.error);
  }
}

// Instant navigation swaps pages without re-running modules. Material's
// document$ emits each page (replaying the current one); it may come later.
let hooked = false;
const hook = () => (hooked ||= !!window.document$?.subscribe(start));
if (!hook()) addEventListener('load', hook, { once: true });
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
