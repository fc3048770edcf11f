// The home page's progress bar and "Continue where you left off".
import T from './strings-tools.js';
import { el, fmt, progress, styles } from './course.js';
import { withSummary } from './summary.js';

export const init = withSummary(show);

function show(tool, course) {
  styles(new URL('./tools.css', import.meta.url).href);
  const out = tool.querySelector('[data-cg-out]'), all = progress(), lessons = course.lessons;
  const done = lessons.filter((l) => all[l.id]?.c).length;
  const label = el('p', fmt(T.progress, { done, total: lessons.length, n: lessons.length }), 'cg-progress-label');
  label.id = 'cg-progress-label';
  const bar = Object.assign(el('progress'), { max: lessons.length, value: done });
  bar.setAttribute('aria-labelledby', label.id);
  // The lesson opened last, if not finished; else the next unfinished one after it.
  const last = lessons.reduce((best, l, i) => (all[l.id] && (best < 0 || all[l.id].v > all[lessons[best].id].v) ? i : best), -1);
  const order = [...lessons.slice(Math.max(last, 0)), ...lessons.slice(0, Math.max(last, 0))];
  const next = order.find((l) => !all[l.id]?.c && l.url);
  const nodes = [label, bar];
  if (next) {
    const link = el('a', last < 0 ? T.start : T.continue, 'md-button md-button--primary');
    link.href = next.url;
    link.dataset.cgContinue = next.id;
    // The lesson it opens beside the button (under it on a phone), and read with it.
    const title = Object.assign(el('span', next.title, 'cg-next-title'), { id: 'cg-next-title' });
    link.setAttribute('aria-describedby', title.id);
    nodes.push(el('p', '', 'cg-next'));
    nodes.at(-1).append(link, title);
  } else nodes.push(el('p', T.all_done));
  out.replaceChildren(...nodes);
}
