// The team view: share links and result files, read and summed up here; nothing is uploaded.
import T from './strings-tools.js';
import { MAX_FILE, parseResults, parseShare, summarize, summaryCsv } from './exchange.js';
import { styles } from './tools-style.js';
import { el, fmt } from './storage.js';

const MAX_FILES = 200;

export function init(tool, course) {
  styles();
  const form = tool.querySelector('form'), out = tool.querySelector('[data-cg-out]'), notice = tool.querySelector('[data-cg-notice]');
  const dropped = [];

  async function run() {
    const seen = new Set(), results = [], problems = [];
    const add = (name, text, parsed) => {
      if (seen.has(text)) return problems.push(fmt(T.team_dupe, { name }));
      seen.add(text);
      if (!parsed || parsed.error) return problems.push(fmt(T.team_bad, { name }));
      results.push(parsed);
    };
    for (const line of form.elements.links.value.split(/\s+/).filter(Boolean).slice(0, MAX_FILES)) {
      const shared = parseShare(line, course.diagnostics);
      add(line.slice(0, 80), line, shared && { lessons: {}, checks: {}, diagnostics: { [shared.quiz]: { answers: shared.answers } } });
    }
    for (const file of [...form.elements.files.files, ...dropped].slice(0, MAX_FILES)) {
      const text = file.size > MAX_FILE ? null : await file.text().catch(() => null);
      add(file.name.slice(0, 80), text ?? file.name, text && parseResults(text, course));
    }
    notice.replaceChildren(el('p', fmt(T.team_count, { n: results.length })), ...problems.map((p) => el('p', p)));
    notice.hidden = false;
    render(results.length ? summarize(course, results) : null);
  }

  function table(headers, rows) {
    const t = el('table', '', 'cg-table'), head = t.createTHead().insertRow(), body = t.createTBody();
    for (const h of headers) head.append(el('th', h));
    for (const row of rows) {
      const r = body.insertRow();
      for (const c of row) r.insertCell().textContent = c;
    }
    return t;
  }

  function render(summary) {
    if (!summary) return out.replaceChildren(el('p', T.team_none));
    const nodes = [];
    for (const d of summary.diagnostics) {
      const total = d.outcomes.reduce((s, o) => s + o.count, 0);
      nodes.push(el('h2', d.title), table([T.outcome, T.people, T.share], d.outcomes.map((o) => [o.title, o.count, total ? `${Math.round((100 * o.count) / total)}%` : '–'])));
      // Bars are decoration; the table above has the numbers.
      const chart = el('ul', '', 'cg-chart');
      chart.setAttribute('aria-hidden', 'true');
      for (const o of d.outcomes) {
        const row = chart.appendChild(el('li')), bar = el('span', '', 'cg-bar');
        bar.appendChild(el('span')).style.width = `${total ? (100 * o.count) / total : 0}%`;
        row.append(el('span', o.title, 'cg-label'), bar);
      }
      nodes.push(chart);
    }
    nodes.push(el('h2', T.team_scores), table([T.lesson, T.taken, T.passed_n, T.average], summary.lessons.map((l) => [l.title, l.taken, l.passed, l.average == null ? '–' : `${l.average}%`])));
    const download = el('button', T.csv, 'md-button');
    download.type = 'button';
    download.addEventListener('click', () => {
      const a = el('a');
      a.href = URL.createObjectURL(new Blob([summaryCsv(summary)], { type: 'text/csv' }));
      a.download = 'team-summary.csv';
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
    nodes.push(el('div', '', 'cg-actions'));
    nodes.at(-1).append(download);
    out.replaceChildren(...nodes);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  tool.addEventListener('dragover', (event) => event.preventDefault());
  tool.addEventListener('drop', (event) => {
    event.preventDefault();
    dropped.push(...event.dataTransfer.files);
    run();
  });
}
