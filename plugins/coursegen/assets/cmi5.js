// The cmi5 adapter of the package's launch page (lms.js; README: "cmi5"). The platform
// launches lms.html with endpoint, fetch, actor, registration and activityId in its URL;
// this fetches the session's token once, reads LMS.LaunchData (its context template,
// launch mode, masteryScore, moveOn), sends the cmi5 defined statements (initialized,
// completed, passed/failed, terminated) with that template, and keeps the learner's
// resume data in the xAPI State API under the registration.
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const RESUME = 'https://coursegen.invalid/state/resume';
const VERB = (name, base = 'http://adlnet.gov/expapi/verbs/') => ({ id: base + name, display: { 'en-US': name } });
const VERBS = {
  initialized: VERB('initialized'), completed: VERB('completed'), passed: VERB('passed'), failed: VERB('failed'),
  terminated: VERB('terminated'), responded: VERB('responded'),
};

function uuid() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64, b[8] = (b[8] & 63) | 128;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ISO 8601 duration of ms, as cmi5 asks for result.duration (hundredths of a second at most).
const duration = (ms) => `PT${Math.max(0, Math.round(ms / 10) / 100)}S`;

export function detect(win) {
  const p = new URLSearchParams(win.location.search);
  const launch = Object.fromEntries(['endpoint', 'fetch', 'actor', 'registration', 'activityId'].map((k) => [k, p.get(k)]));
  if (Object.values(launch).some((v) => !v)) return null;
  try {
    launch.actor = JSON.parse(launch.actor);
    new URL(launch.endpoint), new URL(launch.fetch);
  } catch {
    return null;
  }
  if (!launch.endpoint.endsWith('/')) launch.endpoint += '/';
  return adapter(launch);
}

function adapter(launch) {
  const session = uuid(), begun = Date.now();
  // sent: what this registration has reported (kept with the resume data); failed: this session.
  let auth = null, data = {}, template = {}, chain = Promise.resolve(), sent = {}, ended = false, mastery = null, failed = false;
  const state = (stateId) => `${launch.endpoint}activities/state?${new URLSearchParams({
    ...(stateId && { stateId }), activityId: launch.activityId, agent: JSON.stringify(launch.actor), registration: launch.registration,
  })}`;
  const call = async (url, init = {}) => {
    const res = await fetch(url, {
      ...init, headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', ...init.headers },
    });
    if (!res.ok && res.status != 404) throw new Error(`cmi5: ${init.method ?? 'GET'} ${url.split('?')[0]}: ${res.status}`);
    return res;
  };
  const normal = () => (data.launchMode ?? 'Normal') == 'Normal';

  // A cmi5 defined statement: the launch's actor, its AU, the LMS's context template and our session.
  function statement(verb, result, { moveOn = false, defined = true } = {}) {
    const context = structuredClone(template);
    context.registration = launch.registration;
    context.extensions = { ...context.extensions, [SESSION]: context.extensions?.[SESSION] ?? session };
    const activities = (context.contextActivities ??= {});
    if (defined) activities.category = [...(activities.category ?? []), { id: CMI5 }, ...(moveOn ? [{ id: MOVEON }] : [])];
    return {
      id: uuid(), actor: launch.actor, verb: VERBS[verb], object: { objectType: 'Activity', id: launch.activityId },
      ...(result && { result }), context, timestamp: new Date().toISOString(),
    };
  }
  const put = (s) => call(`${launch.endpoint}statements?statementId=${s.id}`, { method: 'PUT', body: JSON.stringify(s), keepalive: true });
  // In order, one at a time: cmi5 wants initialized first and terminated last.
  const send = (s) => (chain = chain.then(() => put(s)).catch((e) => console.error(e)));

  const keep = (resume, location) => call(state(RESUME), {
    method: 'PUT', body: JSON.stringify({ resume, location, sent }), keepalive: true,
  });

  return {
    limit: Infinity,
    async start() {
      const token = await fetch(launch.fetch, { method: 'POST' }).then((r) => r.json());
      if (!token?.['auth-token']) throw new Error(`cmi5: the fetch URL gave no auth-token (${token?.['error-text'] ?? 'no reason'})`);
      auth = `Basic ${token['auth-token']}`;
      data = (await (await call(state('LMS.LaunchData'))).json().catch(() => ({}))) ?? {};
      template = data.contextTemplate ?? {};
      mastery = Number.isFinite(data.masteryScore) ? data.masteryScore : null;
      // Listed first: asking for a document that is not there yet is a 404, an error in the console.
      const ids = await (await call(state(null))).json().catch(() => []);
      const kept = Array.isArray(ids) && ids.includes(RESUME) ? await (await call(state(RESUME))).json().catch(() => ({})) : {};
      sent = kept.sent ?? {};
      await send(statement('initialized'));
      const name = launch.actor.name ?? null, id = launch.actor.account?.name ?? launch.actor.mbox ?? JSON.stringify(launch.actor);
      return { learner: { id, name }, resume: kept.resume ?? null, location: kept.location ?? null };
    },
    report(event) {
      if (ended) return;
      if (event.type == 'diagnostic') {
        // cmi5 allows statements of other verbs; the recommendation is a result the platform can show.
        const s = statement('responded', { response: String(event.outcome), extensions: { [`${launch.activityId}/outcome-title`]: event.outcomeTitle } }, { defined: false });
        s.object = { objectType: 'Activity', id: `${launch.activityId}/${encodeURIComponent(event.quiz)}` };
        send(s);
      }
      if (event.type != 'standing' || !normal()) return;
      const elapsed = { duration: duration(Date.now() - begun) };
      if (event.completed && !sent.completed) {
        sent.completed = true;
        send(statement('completed', { completion: true, ...elapsed }, { moveOn: true }));
      }
      if (sent.passed || event.percent == null) return;
      // With the platform's masteryScore, its mark decides; without, every check passed.
      const scaled = event.percent / 100, judged = event.passed || event.failed;
      const passed = mastery == null ? event.passed : judged && scaled >= mastery;
      if (passed) {
        sent.passed = true;
        send(statement('passed', { score: { scaled }, success: true, ...elapsed }, { moveOn: true }));
      } else if (judged && !failed && (mastery == null ? event.failed : scaled < mastery)) {
        failed = true; // once a session: a later session may fail again before it passes
        send(statement('failed', { score: { scaled }, success: false, ...elapsed }, { moveOn: true }));
      }
    },
    save(resume, location) {
      return (chain = chain.then(() => keep(resume, location)).catch((e) => console.error(e)));
    },
    finish() {
      if (ended) return chain;
      ended = true;
      // Now, not after what is still waiting: the page is going, and a request it has not
      // started by then never leaves (keepalive carries only those already made).
      return put(statement('terminated', { duration: duration(Date.now() - begun) })).catch((e) => console.error(e));
    },
  };
}
