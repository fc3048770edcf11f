// Diagnostics: the result is assembled from the outcome, note and lesson-link sections the
// build already rendered (cloned, never rebuilt from strings), plus what diagnosis.js and
// what-if.js work out: reasons, margin and close call, exclusions with the answers behind
// them, what would change the result, and the lessons to read. A share link (#r=…) shows
// someone else's result read-only, never touching the learner's own answers.
import T from './strings-tools.js';
import { scoreDiagnostic } from './diagnosis.js';
import { whatWouldChange } from './what-if.js';
import { parseShare, shareFragment, shareText } from './exchange.js';
import { el, fmt, mount, styles } from './course.js';

// A clone would repeat the original's ids and the labels that point at them.
const copy = (node) => {
  const clone = node.cloneNode(true);
  for (const n of [clone, ...clone.querySelectorAll('[id], [aria-labelledby]')]) n.removeAttribute('id'), n.removeAttribute('aria-labelledby');
  return clone;
};

const button = (text, className = 'md-button') => Object.assign(el('button', text, className), { type: 'button' });

// A list item that starts with an outcome's title in bold.
const titled = (title, ...rest) => {
  const item = el('li');
  item.append(el('strong', title), ...rest);
  return item;
};

export function init(section, payload) {
  styles(new URL('./tools.css', import.meta.url).href);
  const result = section.querySelector('[data-cg-result]');
  // The rendered outcomes, notes and lesson links to clone from (never the result itself).
  const library = section.querySelectorAll('.cg-outcomes, .cg-lesson-library');
  const title = (id) => payload.outcomes.find((o) => o.id === id)?.title ?? id;
  const find = (attr, id) => [...library].flatMap((part) => [...part.querySelectorAll(`[${attr}]`)]).find((n) => n.getAttribute(attr) === id);
  const question = (id) => payload.questions.find((q) => q.id === id);
  const optionText = (q, o) => question(q).options.find((x) => x.id === o).text;
  // “Option” to “Question”, as the learner read them.
  const answered = ({ question: q, option: o }) => fmt(T.answered, { option: optionText(q, o), question: question(q).prompt });

  function draw(target, answers, own) {
    const score = scoreDiagnostic(payload, answers);
    target.dataset.cgOutcome = score.outcome;
    target.classList.toggle('cg-close-call', score.close);
    const source = find('data-cg-outcome', score.outcome);
    const outcome = source ? copy(source) : el('section', '', 'cg-outcome');
    const heading = outcome.querySelector('h3') || outcome.insertBefore(el('h3', title(score.outcome)), outcome.firstChild);
    heading.prepend(el('span', own ? T.your_result : T.shared_title, 'cg-kicker'));
    // Read next: the outcome's own lessons and those the answers point to. (When the outcome is
    // ruled out is for the list of every result, not for the learner's own.)
    for (const old of outcome.querySelectorAll('.cg-read-next, .cg-lesson-links, .cg-ruled-out')) old.remove();
    if (score.lessons.length) {
      const list = el('ul', '', 'cg-lesson-links');
      for (const id of score.lessons) {
        const link = find('data-cg-lesson-link', id);
        if (link) list.append(copy(link));
      }
      outcome.append(el('h4', T.read_next, 'cg-read-next'), list);
    }
    target.append(outcome);

    if (score.close) {
      const { runnerUp: runner, margin } = score;
      const box = el('div', '', 'cg-close');
      const values = { winner: title(score.outcome), runner: title(runner), points: score.scores[score.outcome], other: score.scores[runner], margin };
      values.n = values.points; // the points pick the plural form
      box.append(el('h4', T.close_title), el('p', fmt(margin ? T.close_text : T.tie_text, values)));
      const steps = find('data-cg-outcome', runner)?.querySelectorAll('.cg-actions-list > li');
      if (steps?.length) {
        const list = el('ol');
        for (const step of [...steps].slice(0, 2)) list.append(copy(step));
        box.append(list);
      }
      heading.after(box);
    }

    if (own && score.missing.length) {
      const box = el('div', '', 'cg-missing');
      const list = el('ul');
      for (const id of score.missing) {
        const item = el('li'), link = item.appendChild(el('a', question(id).prompt));
        link.href = `#cg-${payload.id}-${id}`;
        list.append(item);
      }
      box.append(el('p', fmt(T.missing, { n: score.missing.length })), list);
      heading.after(box);
    }

    target.append(el('h4', T.why));
    if (score.reasons.length) {
      const list = el('ul', '', 'cg-reasons');
      for (const { question: q, option: o } of score.reasons) {
        const chosen = question(q).options.find((x) => x.id === o);
        list.append(el('li', chosen.reason ?? `${question(q).prompt}: ${chosen.text}`));
      }
      target.append(list);
    } else {
      target.append(el('p', T.unclear));
    }
    if (score.runnerUp) {
      target.append(el('p', fmt(T.second, { title: title(score.runnerUp), points: score.scores[score.runnerUp], n: score.scores[score.runnerUp] }), 'cg-runner-up'));
    }

    for (const id of score.notes) {
      const note = find('data-cg-note', id);
      if (note) target.append(copy(note));
    }

    // What ruled options out and what would change the result: for exploring on screen, left
    // out of print so that a result still fits one page.
    const explore = el('div', '', 'cg-explore');
    // Each ruled-out option with the rules that ruled it out, and the answers behind each.
    if (score.exclusions.length) {
      const list = el('ul', '', 'cg-excluded');
      for (const { outcome: id, rules } of score.exclusions) {
        const why = el('ul');
        for (const rule of rules) {
          const because = payload.rules.find((r) => r.id === rule.rule).because;
          why.append(el('li', [because, fmt(T.ruled_out_by, { answers: rule.answers.map(answered).join(T.and) })].filter(Boolean).join(' ')));
        }
        list.append(titled(title(id), why));
      }
      explore.append(el('h4', T.ruled_out_title), list);
    }

    // One change reads as a sentence; several as a list.
    const list = el('ul', '', 'cg-what-if');
    for (const { outcome: id, answers: moves } of whatWouldChange(payload, answers)) {
      // An answer that is not one of the question's options counts as unanswered, as in scoring.
      const change = ({ question: q, option: o }) => (question(q).options.some((x) => x.id === answers[q])
        ? fmt(T.change_one, { option: optionText(q, o), old: optionText(q, answers[q]), question: question(q).prompt })
        : fmt(T.answered, { option: optionText(q, o), question: question(q).prompt }));
      if (!moves) list.append(titled(title(id), ` ${T.change_none}`));
      else if (moves.length === 1) list.append(titled(title(id), ` ${fmt(T.change_if, { changes: change(moves[0]) })}`));
      else {
        const steps = el('ul');
        for (const move of moves) steps.append(el('li', change(move)));
        list.append(titled(title(id), ` ${T.change_if_many}`, steps));
      }
    }
    explore.append(el('h4', T.what_if_title), el('p', T.what_if_intro), list);
    target.append(explore);

    // Bars are decoration; every number is also written out as text.
    target.append(el('h4', T.how_scored));
    const chart = el('ul', '', 'cg-chart');
    const top = Math.max(1, ...Object.values(score.scores));
    for (const id of [...score.ranking, ...score.excluded]) {
      const out = score.excluded.includes(id), points = score.scores[id];
      const row = el('li', '', id === score.outcome ? 'cg-win' : out ? 'cg-out' : '');
      const bar = el('span', '', 'cg-bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(el('span')).style.width = `${out ? 0 : (100 * Math.max(0, points)) / top}%`;
      const value = out ? fmt(T.ruled_out, { points, n: points }) : fmt(T.score_points, { points, n: points });
      row.append(el('span', title(id), 'cg-label'), bar, el('span', id === score.outcome ? fmt(T.yours, { value }) : value, 'cg-value'));
      chart.append(row);
    }
    target.append(chart);

    const fragment = own && shareFragment(payload, answers);
    if (fragment) {
      const box = el('div', '', 'cg-share'), id = `cg-${payload.id}-share`;
      const label = el('label', T.share_label), field = el('input'), copied = el('span', '', 'cg-copied');
      label.htmlFor = field.id = id;
      Object.assign(field, { readOnly: true, value: `${location.href.split('#')[0]}#${fragment}` });
      copied.setAttribute('role', 'status');
      const copyButton = button(T.copy), printButton = button(T.print);
      copyButton.addEventListener('click', () => {
        field.select();
        navigator.clipboard?.writeText(field.value).then(() => (copied.textContent = T.copied), () => {});
      });
      printButton.addEventListener('click', () => print());
      box.append(label, field, copyButton, printButton, copied);
      target.append(box);
    }
  }

  mount(section, payload, {
    show: (answers) => draw(result, answers, true),
    clear: () => (result.removeAttribute('data-cg-outcome'), result.classList.remove('cg-close-call')),
  });

  views.set(section, (hash) => shared(section, payload, draw, hash));
  shared(section, payload, draw, opened?.path === location.pathname ? opened.hash : location.hash);
}

// The share link opened on this page. Material may render the page again after a fragment
// navigation, by which time its navigation tracking has replaced the hash with a heading's;
// the link holds until the learner leaves the page or takes the self-assessment themselves.
let opened = null;
const remember = (hash) => shareText(hash).startsWith('r=') && (opened = { path: location.pathname, hash });
remember(location.hash);
globalThis.location$?.subscribe?.((url) => opened && url.pathname !== opened.path && (opened = null));

// Someone else's result, from the link's fragment: shown beside (never into) the learner's own.
// The fragment is the one the page was opened or navigated with: Material's navigation
// tracking may rewrite location.hash before a hashchange listener reads it.
function shared(section, payload, draw, hash = location.hash) {
  if (!shareText(hash).startsWith('r=')) return;
  for (const old of section.querySelectorAll('.cg-shared, .cg-bad-link')) old.remove();
  const answers = parseShare(hash, [payload])?.answers;
  if (!answers) {
    const notice = el('p', T.bad_link, 'cg-notice cg-bad-link');
    notice.setAttribute('role', 'alert');
    section.querySelector('form').before(notice);
    return;
  }
  const view = el('div', '', 'cg-shared'), own = button(T.take_yourself, 'md-button md-button--primary');
  const heading = el('h3', T.shared_title), box = el('div', '', 'cg-result');
  heading.id = `cg-${payload.id}-shared`;
  view.setAttribute('role', 'region');
  view.setAttribute('aria-labelledby', heading.id);
  view.append(heading, el('p', T.shared_note), box, own);
  draw(box, answers, false);
  section.classList.add('cg-viewing');
  section.querySelector('form').before(view);
  own.addEventListener('click', () => {
    opened = null;
    view.remove();
    section.classList.remove('cg-viewing');
    history.replaceState(history.state, '', location.pathname + location.search);
    section.querySelector('input').focus();
  });
}

// A link pasted into the address bar of the page already open changes only the fragment.
const views = new WeakMap();
addEventListener('hashchange', (event) => {
  const hash = new URL(event.newURL).hash;
  remember(hash);
  for (const section of document.querySelectorAll('[data-cg-ready]')) views.get(section)?.(hash);
});
