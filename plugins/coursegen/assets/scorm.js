// SCORM 1.2 and 2004 (4th edition) for the package's launch page (lms.js): finds the
// platform's API, maps the course's events onto the standard's data model and keeps the
// session. Both versions report the same things (README: "Learning platforms"): status
// (completion and success), score, progress, session time, the place to resume and the
// learner's saved data; the diagnostic's recommendation as an interaction.

// The API sits in a frame above the launch page or in the window that opened it.
function search(win, name) {
  for (let w = win, hops = 0; w && hops < 20; hops++) {
    try {
      if (w[name]) return w[name];
    } catch {} // a foreign frame: keep climbing
    if (w.parent === w) break;
    w = w.parent;
  }
  return null;
}
const find = (win, name) => search(win, name) ?? (() => {
  try {
    return win.opener ? search(win.opener, name) : null;
  } catch {
    return null;
  }
})();

const two = (n) => String(n).padStart(2, '0');
// Session time: 1.2's CMITimespan HHHH:MM:SS.SS, 2004's ISO 8601 duration (PT1H2M3.45S).
export const timespan12 = (ms) => {
  const cs = Math.round(ms / 10), s = Math.floor(cs / 100);
  return `${String(Math.floor(s / 3600)).padStart(4, '0')}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${two(cs % 100)}`;
};
export const duration = (ms) => {
  const cs = Math.round(ms / 10), s = Math.floor(cs / 100);
  return `PT${Math.floor(s / 3600)}H${Math.floor(s / 60) % 60}M${s % 60}.${two(cs % 100)}S`;
};
const clock = (d) => `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
// 2004's timestamps: local time, seconds precision (time (second,10,0)).
const stamp = (d) => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${clock(d)}`;
// An identifier either version accepts: letters, digits and - _ . : only.
const ident = (text) => String(text).replace(/[^\w.:-]/g, '-').slice(0, 200) || 'x';

class Session {
  constructor(api, names) {
    this.api = api;
    this.n = names;
    this.began = Date.now();
    this.reported = new Map(); // quiz → outcome already sent this session
  }
  get(key) {
    return String(this.api[this.n.get](key) ?? '');
  }
  set(key, value) {
    return String(this.api[this.n.set](key, String(value))) === 'true';
  }
  commit() {
    this.api[this.n.commit]('');
  }
  call(name) {
    return String(this.api[name]('')) === 'true';
  }
  // The platform's record never goes back (a resume too large for the platform holds
  // less than the learner earned): a lower status or score is not sent.
  better(key, value, ranks) {
    const now = this.get(key);
    if (ranks ? (ranks[value] ?? 0) > (ranks[now] ?? 0) : now === '' || Number(value) > Number(now)) this.set(key, value);
  }
  // The diagnostic's recommendation, once per outcome and session, so the platform shows the spread.
  interaction(event, fields) {
    if (this.reported.get(event.quiz) === event.outcome) return;
    this.reported.set(event.quiz, event.outcome);
    const n = Number(this.get('cmi.interactions._count')) || 0, at = `cmi.interactions.${n}.`;
    for (const [key, value] of fields(ident(`diagnostic-${event.quiz}`), ident(event.outcome), new Date(event.at))) this.set(at + key, value);
    this.commit();
  }
}

const STATUS12 = { 'not attempted': 0, browsed: 0, incomplete: 1, failed: 2, completed: 3, passed: 4 };

class Scorm12 extends Session {
  limit = 4096;
  constructor(api) {
    super(api, { get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit' });
  }
  async start() {
    if (!this.call('LMSInitialize')) throw new Error('SCORM 1.2: LMSInitialize failed');
    this.better('cmi.core.lesson_status', 'incomplete', STATUS12);
    return {
      learner: { id: this.get('cmi.core.student_id'), name: this.get('cmi.core.student_name') },
      resume: this.get('cmi.suspend_data') || null, location: this.get('cmi.core.lesson_location') || null,
    };
  }
  report(event) {
    if (event.type == 'standing') {
      // 1.2 has one status for both: passed (every check passed), failed (every check tried,
      // one or more not passed), completed (every lesson, when the course has no checks).
      const status = event.passed ? 'passed' : event.failed ? 'failed' : event.completed && event.percent === null ? 'completed' : 'incomplete';
      this.better('cmi.core.lesson_status', status, STATUS12);
      if (event.percent !== null) this.set('cmi.core.score.min', 0), this.set('cmi.core.score.max', 100), this.better('cmi.core.score.raw', event.percent);
      this.commit();
    } else if (event.type == 'diagnostic') {
      this.interaction(event, (id, response, at) => [['id', id], ['type', 'choice'], ['student_response', response], ['result', 'neutral'], ['time', clock(at)]]);
    }
  }
  async save(resume, location) {
    this.set('cmi.suspend_data', resume);
    if (location) this.set('cmi.core.lesson_location', location.slice(0, 255));
    this.commit();
  }
  async finish() {
    this.set('cmi.core.session_time', timespan12(Date.now() - this.began));
    this.set('cmi.core.exit', 'suspend');
    this.commit();
    this.call('LMSFinish');
  }
}

const COMPLETION = { unknown: 0, 'not attempted': 0, incomplete: 1, completed: 2 };
const SUCCESS = { unknown: 0, failed: 1, passed: 2 };

class Scorm2004 extends Session {
  limit = 64000;
  constructor(api) {
    super(api, { get: 'GetValue', set: 'SetValue', commit: 'Commit' });
  }
  async start() {
    if (!this.call('Initialize')) throw new Error('SCORM 2004: Initialize failed');
    this.better('cmi.completion_status', 'incomplete', COMPLETION);
    return {
      learner: { id: this.get('cmi.learner_id'), name: this.get('cmi.learner_name') },
      resume: this.get('cmi.suspend_data') || null, location: this.get('cmi.location') || null,
    };
  }
  report(event) {
    if (event.type == 'standing') {
      this.better('cmi.completion_status', event.completed ? 'completed' : 'incomplete', COMPLETION);
      this.better('cmi.progress_measure', event.total ? (event.done / event.total).toFixed(4) : '0');
      if (event.passed || event.failed) this.better('cmi.success_status', event.passed ? 'passed' : 'failed', SUCCESS);
      if (event.percent !== null) {
        this.set('cmi.score.min', 0), this.set('cmi.score.max', 100);
        this.better('cmi.score.raw', event.percent);
        this.better('cmi.score.scaled', (event.percent / 100).toFixed(4));
      }
      this.commit();
    } else if (event.type == 'diagnostic') {
      this.interaction(event, (id, response, at) => [
        ['id', id], ['type', 'choice'], ['learner_response', response], ['result', 'neutral'],
        ['description', `${event.title}: ${event.outcomeTitle}`.slice(0, 250)], ['timestamp', stamp(at)],
      ]);
    }
  }
  async save(resume, location) {
    this.set('cmi.suspend_data', resume);
    if (location) this.set('cmi.location', location.slice(0, 1000));
    this.commit();
  }
  async finish() {
    this.set('cmi.session_time', duration(Date.now() - this.began));
    this.set('cmi.exit', 'suspend');
    this.commit();
    this.call('Terminate');
  }
}

// The adapter for the package's version, or null without a platform.
export function detect(win, kind) {
  const api = find(win, kind == 'scorm12' ? 'API' : 'API_1484_11');
  if (!api) return null;
  return kind == 'scorm12' ? new Scorm12(api) : new Scorm2004(api);
}
