// My results: progress, best scores, the self-assessment's latest result, answers a
// changed quiz dropped, download, print and reset. Reads the learner's own storage
// only (this course's namespace, and keys of the old format it would take over),
// and never writes it but to reset.
import T from './strings-tools.js';
import { NS, V1, blank, el, fmt, follows, get, lang, parseSaved, progress, storageKey, store, styles } from './course.js';
import { withSummary } from './summary.js';
import { scoreDiagnostic } from './diagnosis.js';
import { buildResults } from './exchange.js';
import { table } from './tables.js';

// Dates and percentages as the page's language writes them (5. März 2024, 50 %, %50).
const day = (ms) => new Date(ms).toLocaleDateString(lang(), { dateStyle: 'long' });
const percent = (p) => new Intl.NumberFormat(lang(), { style: 'percent' }).format(p / 100);

// A quiz's state as its page would find it (old-format data moved in memory only).
function state(payload, migrate) {
  const { state: st } = parseSaved(store(storageKey(payload.id)), payload), old = migrate && store(V1 + payload.id);
  return st || (old ? migrate.quiz(payload, old).state : blank());
}

// My results knows a check by its questions' fingerprints only (the build's `checks`): enough
// for its best score and the answers a change dropped, which is all it shows of a check.
function saved(course, migrate) {
  const checks = {}, diagnostics = {};
  for (const l of course.lessons) {
    if (!l.quiz) continue;
    const known = get(course.checks, l.quiz) ?? { fp: {} };
    const questions = Object.entries(known.fp).map(([id, fp]) => ({ id, fp, options: [] }));
    const payload = { kind: 'check', id: l.quiz, version: l.version, legacy: known.legacy, questions };
    const st = state(payload, migrate);
    checks[l.quiz] = { best: st.b, changed: Object.keys(st.d).length };
  }
  for (const d of course.diagnostics) {
    const st = state(d, migrate), answers = {};
    for (const { id } of d.questions) if (st.q[id]?.a) answers[id] = st.q[id].a;
    diagnostics[d.id] = { answers: st.c[0] && Object.keys(answers).length ? answers : null, at: st.c[1], changed: Object.keys(st.d).length };
  }
  return { checks, diagnostics };
}

export const init = withSummary(show);

function show(tool, course) {
  styles(new URL('./tools.css', import.meta.url).href);
  const out = tool.querySelector('[data-cg-out]'), notice = tool.querySelector('[data-cg-notice]');
  const quizzes = [...course.lessons.filter((l) => l.quiz).map((l) => l.quiz), ...course.diagnostics.map((d) => d.id)];
  let migrate = null;
  const button = (text, action, primary) => {
    const b = el('button', text, `md-button${primary ? ' md-button--primary' : ''}`);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  };

  function render() {
    const all = progress(), { checks, diagnostics } = saved(course, migrate);
    const done = course.lessons.filter((l) => all[l.id]?.c).length;
    const changed = el('ul', '', 'cg-changed-list'), rows = [];
    for (const l of course.lessons) {
      const link = el('a', l.title), check = checks[l.quiz], best = check?.best;
      link.href = l.url ?? '#';
      rows.push([link, all[l.id]?.c ? T.done : all[l.id] ? T.visited : T.not_started, !l.quiz ? T.no_check : !best ? T.not_taken
        : best.s === l.version ? percent(best.p) : fmt(T.best_earlier, { percent: best.p })]);
      // The whole line a link: no link in running text that only its colour would tell apart.
      if (check?.changed) changed.appendChild(el('li')).appendChild(Object.assign(el('a', `${l.title}: ${fmt(T.changed_check, { n: check.changed })}`), { href: l.url ?? '#' }));
    }
    const nodes = [el('h2', T.lessons_title), el('p', fmt(T.progress, { done, total: course.lessons.length, n: course.lessons.length })), table([T.lesson, T.status, T.best_score], rows)];
    // Until the learner answers them again: the notice the lesson page shows, here too.
    if (changed.children.length) nodes.push(el('h3', T.changed_title), changed);
    for (const d of course.diagnostics) {
      nodes.push(el('h2', d.title || T.diagnostic_title));
      const mine = diagnostics[d.id];
      if (mine.answers) {
        const outcome = scoreDiagnostic(d, mine.answers).outcome;
        nodes.push(el('p', fmt(T.recommendation, { title: d.outcomes.find((o) => o.id === outcome).title }), 'cg-score'), el('p', fmt(T.taken_on, { date: day(mine.at) })));
        nodes.at(-2).dataset.cgOutcome = outcome;
      } else if (!mine.changed) nodes.push(el('p', T.no_diagnostic));
      if (mine.changed) nodes.push(el('p', fmt(T.old_diagnostic, { n: mine.changed })));
    }
    const actions = el('div', '', 'cg-actions');
    actions.append(button(T.download, download, true), button(T.print, () => print()), button(T.reset, reset));
    nodes.push(actions);
    out.replaceChildren(...nodes);
  }

  function download() {
    const { checks, diagnostics } = saved(course, migrate), best = {}, mine = {};
    for (const [id, c] of Object.entries(checks)) if (c.best) best[id] = { percent: c.best.p, passed: c.best.ok, at: c.best.t, version: c.best.s };
    for (const [id, d] of Object.entries(diagnostics)) if (d.answers) mine[id] = d;
    const file = buildResults(course, progress(), best, mine, new Date().toISOString());
    const a = el('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    a.download = 'course-results.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // Only this course: its namespace (a key of a course published below this one has a "/"
  // after the prefix), and the old-format keys it would take over.
  function reset() {
    if (!confirm(T.reset_confirm)) return;
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith(NS) && !key.slice(NS.length).includes('/')) localStorage.removeItem(key);
    } catch {}
    migrate?.forget(quizzes);
    render();
    notice.textContent = T.reset_done;
    notice.hidden = false;
    document.dispatchEvent(new CustomEvent('cg:progress'));
  }

  // Another tab's answers or progress show here too.
  follows.set(tool, ({ key }) => (!key || key.startsWith(NS) || key.startsWith(V1)) && render());
  let old = false;
  try {
    old = Object.keys(localStorage).some((key) => key.startsWith(V1));
  } catch {}
  if (old) import('./migrate.js').then((m) => ((migrate = m), render()), render);
  else render();
}
