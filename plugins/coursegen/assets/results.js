// My results: progress, best scores, the self-assessment's latest result,
// download, print and reset. Reads the learner's own storage only.
import T from './strings-tools.js';
import { progress } from './course.js';
import { scoreDiagnostic } from './diagnosis.js';
import { buildResults } from './exchange.js';
import { styles } from './tools-style.js';
import { el, fmt, parseSaved, storageKey, store } from './storage.js';

const day = (iso) => new Date(iso).toLocaleDateString(document.documentElement.lang || undefined, { dateStyle: 'long' });

function saved(course) {
  const checks = {}, diagnostics = {};
  for (const l of course.lessons) {
    const best = l.quiz && parseSaved(store(storageKey(l.quiz)), { kind: 'knowledge', version: l.version, questions: [] }).state?.best;
    if (best) checks[l.quiz] = best;
  }
  for (const d of course.diagnostics) {
    const { state, stale } = parseSaved(store(storageKey(d.id)), d);
    if (state?.checked) diagnostics[d.id] = { answers: state.answers, at: state.at || new Date(0).toISOString() };
    else if (stale) diagnostics[d.id] = { stale };
  }
  return { checks, diagnostics };
}

export function init(tool, course) {
  styles();
  const out = tool.querySelector('[data-cg-out]'), notice = tool.querySelector('[data-cg-notice]');
  const button = (text, action, primary) => {
    const b = el('button', text, `md-button${primary ? ' md-button--primary' : ''}`);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  };

  function render() {
    const all = progress(), { checks, diagnostics } = saved(course);
    const done = course.lessons.filter((l) => all[l.id]?.c).length;
    const table = el('table', '', 'cg-table'), head = table.createTHead().insertRow(), body = table.createTBody();
    for (const h of [T.lesson, T.status, T.best_score]) head.append(el('th', h));
    for (const l of course.lessons) {
      const row = body.insertRow(), link = el('a', l.title), best = checks[l.quiz];
      link.href = l.url ?? '#';
      row.insertCell().append(link);
      row.insertCell().textContent = all[l.id]?.c ? T.done : all[l.id] ? T.visited : T.not_started;
      row.insertCell().textContent = !l.quiz ? T.no_check : best ? `${best.percent}%` : T.not_taken;
    }
    const nodes = [el('h2', T.lessons_title), el('p', fmt(T.progress, { done, total: course.lessons.length })), table];
    for (const d of course.diagnostics) {
      nodes.push(el('h2', d.title || T.diagnostic_title));
      const mine = diagnostics[d.id];
      if (!mine) nodes.push(el('p', T.no_diagnostic));
      else if (mine.stale) nodes.push(el('p', T.old_diagnostic));
      else {
        const outcome = scoreDiagnostic(d, mine.answers).outcome;
        nodes.push(el('p', fmt(T.recommendation, { title: d.outcomes.find((o) => o.id === outcome).title }), 'cg-score'), el('p', fmt(T.taken_on, { date: day(mine.at) })));
        nodes.at(-2).dataset.cgOutcome = outcome;
      }
    }
    const actions = el('div', '', 'cg-actions');
    actions.append(button(T.download, download, true), button(T.print, () => print()), button(T.reset, reset));
    nodes.push(actions);
    out.replaceChildren(...nodes);
  }

  function download() {
    const { checks, diagnostics } = saved(course), mine = Object.fromEntries(Object.entries(diagnostics).filter(([, d]) => !d.stale));
    const file = buildResults(course, progress(), checks, mine, new Date().toISOString());
    const a = el('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    a.download = 'course-results.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  function reset() {
    if (!confirm(T.reset_confirm)) return;
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith('coursegen:')) localStorage.removeItem(key);
    } catch {}
    render();
    notice.textContent = T.reset_done;
    notice.hidden = false;
    document.dispatchEvent(new CustomEvent('cg:progress'));
  }

  render();
}
