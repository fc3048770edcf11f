// The team view: share links and result files, read and summed up here; nothing is uploaded.
// Every entry counts, identical ones too (two people may answer alike) unless the facilitator
// chooses to count a group once; whatever is not read is listed with the reason.
import T from './strings-tools.js';
import { MAX_FILE, hasEarlier, parseResults, readShare, summarize, summaryCsv } from './exchange.js';
import { el, fmt, lang, num, styles } from './course.js';
import { withSummary } from './summary.js';
import { table as grid } from './tables.js';

const MAX_ENTRIES = 5000;
const REASONS = { size: 'team_too_large', version: 'team_version', foreign: 'team_foreign' };
const FILE_REASONS = { ...REASONS, version: 'team_format' };

export const init = withSummary(show);

function show(tool, course) {
  styles(new URL('./tools.css', import.meta.url).href);
  const form = tool.querySelector('form'), out = tool.querySelector('[data-cg-out]'), notice = tool.querySelector('[data-cg-notice]');
  const report = tool.querySelector('[data-cg-report]'), chosen = [];
  let read = [], groups = [];
  const files = dropZone(form, chosen);
  form.hidden = false;

  const problem = (name, reasons, error) => fmt(T[reasons[error] ?? 'team_bad'], { name, kb: MAX_FILE / 1000 });

  async function run() {
    const entries = [], problems = [];
    const lines = form.elements.links.value.split(/\s+/).filter(Boolean), files = [...chosen];
    // A name, not a quantity: "Link 1001", never grouped like a count.
    lines.forEach((line, i) => entries.push({ name: fmt(T.team_link, { n: `${i + 1}` }), text: line }));
    for (const file of files) entries.push({ name: file.name.slice(0, 80), file });
    if (entries.length > MAX_ENTRIES) problems.push(fmt(T.team_over, { n: entries.length - MAX_ENTRIES, max: MAX_ENTRIES }));
    read = [];
    for (const entry of entries.slice(0, MAX_ENTRIES)) {
      let result;
      if (entry.file) {
        const text = entry.file.size > MAX_FILE ? null : await entry.file.text().catch(() => '');
        result = text === null ? { error: 'size' } : parseResults(text, course);
        entry.text = text;
      } else {
        const shared = readShare(entry.text, course.diagnostics);
        result = shared.error ? shared : { lessons: {}, checks: {}, diagnostics: { [shared.quiz]: { answers: shared.answers } } };
      }
      if (result.error) problems.push(problem(entry.name, entry.file ? FILE_REASONS : REASONS, result.error));
      else read.push({ name: entry.name, text: entry.text, result });
    }
    // Exact copies are flagged, not dropped: the facilitator knows whether they are one person.
    const byText = new Map();
    for (const entry of read) (byText.get(entry.text) ?? byText.set(entry.text, []).get(entry.text)).push(entry);
    groups = [...byText.values()].filter((group) => group.length > 1).map((entries) => ({ entries, once: false }));
    report.replaceChildren();
    if (groups.length) {
      const box = el('fieldset', '', 'cg-dupes');
      box.append(el('legend', T.team_dupes_title));
      groups.forEach((group, i) => {
        const id = `cg-team-dupe-${i}`, p = el('p'), input = Object.assign(el('input'), { type: 'checkbox', id });
        const label = el('label', fmt(T.team_dupe, { n: group.entries.length, names: group.entries.map((e) => e.name).join(', ') }));
        label.htmlFor = id;
        input.addEventListener('change', () => ((group.once = input.checked), show()));
        p.append(input, ' ', label);
        box.append(p);
      });
      report.append(box);
    }
    if (problems.length) {
      const list = el('ul', '', 'cg-problems');
      for (const p of problems) list.append(el('li', p));
      report.append(el('h2', T.team_not_read_title), list);
    }
    show(problems.length);
  }

  let unread = 0;
  function show(problems = unread) {
    unread = problems;
    const left = new Set(groups.filter((g) => g.once).flatMap((g) => g.entries.slice(1)));
    const results = read.filter((entry) => !left.has(entry)).map((entry) => entry.result);
    const lines = [fmt(T.team_count, { n: results.length })];
    if (left.size) lines.push(fmt(T.team_left_out, { n: left.size }));
    else if (groups.length) lines.push(T.team_dupes_kept);
    if (unread) lines.push(fmt(T.team_not_read, { n: unread }));
    notice.replaceChildren(...lines.map((line) => el('p', line)));
    notice.hidden = false;
    render(results.length ? summarize(course, results) : null);
  }

  // Counts as the page's language groups them (1,000, 1 000); the first column is a title.
  const table = (headers, rows) => grid(headers, rows.map((row) => row.map((c) => num(c))), headers.map((_, i) => i).slice(1));
  // Percentages as the page's language writes them (50 %, %50), whole as before.
  const share = (p) => new Intl.NumberFormat(lang(), { style: 'percent' }).format(Math.round(p) / 100);
  const percent = (part, total) => (total ? share((100 * part) / total) : '–');
  const average = (l) => (l.average == null ? '–' : share(l.average));

  function render(summary) {
    if (!summary) return out.replaceChildren(el('p', T.team_none));
    const nodes = [];
    for (const d of summary.diagnostics) {
      const total = d.outcomes.reduce((s, o) => s + o.count, 0);
      nodes.push(el('h2', d.title), table([T.outcome, T.people, T.share], d.outcomes.map((o) => [o.title, o.count, percent(o.count, total)])));
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
    nodes.push(el('h2', T.team_scores), table([T.lesson, T.taken, T.passed_n, T.average], summary.lessons.map((l) => [l.title, l.taken, l.passed, average(l)])));
    // Results of earlier versions of a quiz were scored against other questions: apart, never averaged in.
    const oldLessons = summary.lessons.filter((l) => l.earlier.taken);
    const oldDiagnostics = summary.diagnostics.filter(hasEarlier);
    if (oldLessons.length || oldDiagnostics.length) {
      const section = el('section', '', 'cg-earlier');
      section.setAttribute('aria-labelledby', 'cg-team-earlier');
      section.append(Object.assign(el('h2', T.team_earlier), { id: 'cg-team-earlier' }), el('p', T.team_earlier_note));
      for (const d of oldDiagnostics) {
        const rows = d.earlier.outcomes.filter((o) => o.count).map((o) => [o.title, o.count]);
        if (d.earlier.other) rows.push([T.team_other, d.earlier.other]);
        section.append(el('h3', d.title), table([T.outcome, T.people], rows));
      }
      if (oldLessons.length) section.append(el('h3', T.team_scores), table([T.lesson, T.taken, T.passed_n, T.average], oldLessons.map((l) => [l.title, l.earlier.taken, l.earlier.passed, average(l.earlier)])));
      nodes.push(section);
    }
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
  // Files dropped anywhere on the tool land in the zone, not in a new tab.
  tool.addEventListener('dragover', (event) => event.preventDefault());
  tool.addEventListener('drop', (event) => {
    event.preventDefault();
    files.add(event.dataTransfer.files);
  });
}

const SHOWN_FILES = 8;

// The drop zone around the (hidden) file input: a hint, a button that opens the picker, and
// the names of the files chosen so far, which the picker and drops add to (a second choice
// does not replace the first, as the bare input would).
function dropZone(form, chosen) {
  const zone = form.querySelector('[data-cg-drop]'), input = form.elements.files;
  const pick = el('button', T.team_choose, 'md-button'), clear = el('button', T.team_clear, 'md-button cg-drop-clear');
  const list = el('p', '', 'cg-drop-files');
  pick.type = clear.type = 'button';
  pick.setAttribute('aria-describedby', 'cg-team-files-title');
  list.id = 'cg-team-files-chosen';
  list.setAttribute('role', 'status');
  const row = el('p', '', 'cg-drop-row');
  row.append(el('span', T.team_drop, 'cg-drop-hint'), ' ', pick, ' ', clear);
  zone.append(row, list);

  function show() {
    clear.hidden = !chosen.length;
    if (!chosen.length) return list.replaceChildren();
    const names = chosen.slice(0, SHOWN_FILES).map((f) => f.name).join(', ');
    const more = chosen.length > SHOWN_FILES ? ` ${fmt(T.team_more, { n: chosen.length - SHOWN_FILES })}` : '';
    list.replaceChildren(el('strong', fmt(T.team_chosen, { n: chosen.length })), ` ${names}${more}`);
  }
  const add = (files) => {
    chosen.push(...[...files].filter((f) => !chosen.some((c) => c.name === f.name && c.size === f.size && c.lastModified === f.lastModified)));
    show();
  };
  pick.addEventListener('click', () => input.click());
  clear.addEventListener('click', () => ((chosen.length = 0), show(), pick.focus()));
  // Emptied once read, so choosing the same file again (after clearing) still counts as a change.
  input.addEventListener('change', () => ((add(input.files)), (input.value = '')));
  for (const type of ['dragenter', 'dragover']) zone.addEventListener(type, () => zone.classList.add('cg-over'));
  for (const type of ['dragleave', 'drop']) zone.addEventListener(type, (event) => (event.type == 'drop' || !zone.contains(event.relatedTarget)) && zone.classList.remove('cg-over'));
  show();
  return { add };
}
