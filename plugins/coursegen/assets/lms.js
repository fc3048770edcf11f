// The package's launch page (lms.html): one platform session for the whole course, however
// many pages the learner opens. It finds the platform (scorm.js, or cmi5.js for a cmi5
// package), puts the learner's saved data back into this browser before the course loads,
// frames the course at the place the learner left, hears what the pages report (record.js
// calls window.coursegenLMS.report) and ends the session when the learner leaves. Without a
// platform it opens the course itself, which then behaves as the plain site.
import config from './record-config.js';
import { progress, storageKey, store } from './course.js';
import { fit, plain, restore, snapshot } from './resume.js';

const frame = document.querySelector('[data-cg-lms-frame]'), over = document.querySelector('[data-cg-lms-over]');
const kind = config.packages[0];
const root = new URL('../../', import.meta.url);
// A SCORM 2004 package may make one SCO per module (the manifest's ?module=…).
// A cmi5 package may make one AU per lesson (cmi5.xml's ?lesson=…; X, issue 19).
const params = new URLSearchParams(location.search), pick = (map, key) => (key && Object.hasOwn(map ?? {}, key) ? map[key] : null);
const module = pick(config.course.modules, params.get('module')) ?? pick(config.course.units, params.get('lesson'));
const scope = module ?? { lessons: config.course.lessons, checks: Object.keys(config.course.checks), start: null };

// A knowledge check's best score, if earned on its current version: {p percent, ok passed}.
function best(id) {
  try {
    const b = JSON.parse(store(storageKey(id)))?.b;
    if (Number.isInteger(b?.p) && b.s === config.course.checks[id]) return { p: b.p, ok: b.ok === true };
  } catch {}
  return null;
}

// The course's standing (README: "Learning platforms"): the score is the mean of every
// knowledge check's best percent (one not taken counts 0); passed when every check is passed,
// failed when every check was taken and one or more is not passed; completed when every lesson is.
export function standing() {
  const saved = progress(), done = scope.lessons.filter((id) => saved[id]?.c).length;
  const bests = scope.checks.map(best), tried = bests.filter(Boolean);
  const percent = bests.length ? Math.round(bests.reduce((sum, b) => sum + (b?.p ?? 0), 0) / bests.length) : null;
  const passed = bests.length > 0 && tried.length == bests.length && tried.every((b) => b.ok);
  return {
    type: 'standing', at: Date.now(), done, total: scope.lessons.length, completed: done == scope.lessons.length,
    percent, passed, failed: tried.length == bests.length && bests.length > 0 && !passed,
  };
}

// A place inside the package, or null (a saved location is the platform's data: untrusted).
function inside(path) {
  if (typeof path != 'string' || !path) return null;
  try {
    const url = new URL(path, root);
    return url.origin == root.origin && url.pathname.startsWith(root.pathname) && !url.pathname.endsWith('/lms.html') ? url.href : null;
  } catch {
    return null;
  }
}

async function find() {
  if (kind == 'cmi5') return import('./cmi5.js').then((m) => m.detect(window));
  return (await import('./scorm.js')).detect(window, kind);
}

async function main() {
  const adapter = await find().catch((e) => (console.error(e), null));
  let started = null;
  try {
    started = adapter && (await adapter.start());
  } catch (e) {
    console.error(e);
  }
  if (!started) return location.replace(new URL(scope.start ?? 'index.html', root).href);
  if (started.resume) await restore(started.resume);
  let place = inside(started.location) ? started.location : null, timer = 0, saving = Promise.resolve(), ended = false;
  const save = () => {
    timer = 0;
    saving = saving.then(async () => {
      if (ended) return;
      const { text, complete } = await fit(snapshot(), adapter.limit);
      over.hidden = complete;
      if (!ended) await adapter.save(text, place);
    }).catch(console.error);
    return saving;
  };
  const later = () => timer || (timer = setTimeout(save, 250));
  window.coursegenLMS = {
    kind,
    learner: started.learner,
    report(event) {
      if (ended) return;
      if (event.type == 'visit') place = event.page;
      adapter.report(event);
      adapter.report(standing());
      later();
    },
  };
  const end = () => {
    if (ended) return;
    // A change of the last quarter second: sent now if it fits without compressing (which
    // cannot finish while the page goes); else it waits in this browser for the next session.
    const last = timer && plain(snapshot(), adapter.limit);
    if (last) adapter.save(last, place);
    clearTimeout(timer);
    ended = true;
    adapter.report(standing());
    adapter.finish().catch(console.error);
  };
  addEventListener('pagehide', end);
  document.addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && timer && save());
  frame.src = inside(place) ?? new URL(scope.start ?? 'index.html', root).href;
  frame.hidden = false;
  adapter.report(standing());
  save();
}

main();
