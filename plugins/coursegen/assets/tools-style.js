// The stylesheet of the self-assessment, My results, team view and progress box
// (not the lesson pages'), added once by whichever of them starts first.
export function styles() {
  const href = new URL('./tools.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel=stylesheet]')].some((l) => l.href === href)) document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
}
