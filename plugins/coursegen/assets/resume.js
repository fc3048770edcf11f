// The learner's saved data as one text for a platform (SCORM's suspend_data), and back.
// Everything the course keeps under its namespace goes: progress, every quiz's state, the
// shuffling seed. Plain JSON when it fits the platform's limit, else raw-deflated and
// base64 ("z:"): packaging/resume_fit.py measures the worst case the same way at build time.
import { MAX, NS } from './course.js';

// Progress, quiz states and the seed: what makes the course resume (nothing else of ours, never
// "__proto__", never a key of a course published below this one, whose namespace starts with ours).
const PLAIN = 'j:', PACKED = 'z:', KEY = /^(?:[pq]:[a-z0-9]+(?:-[a-z0-9]+)*|seed)$/;
const ours = (k) => k.startsWith(NS) && KEY.test(k.slice(NS.length));

export function snapshot() {
  const out = {};
  try {
    for (const k of Object.keys(localStorage)) {
      if (!ours(k)) continue;
      const raw = localStorage.getItem(k);
      let value = raw;
      try {
        const parsed = JSON.parse(raw);
        if (parsed && typeof parsed == 'object' && JSON.stringify(parsed) === raw) value = parsed;
      } catch {}
      out[k.slice(NS.length)] = value;
    }
  } catch {}
  return out;
}

// The newest time in a stored value (its answers', its check's, its visit's), 0 for none.
const latest = (v) => (typeof v == 'number' ? (Number.isSafeInteger(v) && v > 1e12 ? v : 0)
  : v && typeof v == 'object' ? Math.max(0, ...Object.values(v).map(latest)) : 0);
const parse = (raw) => {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
};

const stream = async (bytes, transform) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(transform)).arrayBuffer());
const base64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

export async function decode(text) {
  try {
    if (typeof text != 'string') return null;
    let json = null;
    if (text.startsWith(PLAIN)) json = text.slice(PLAIN.length);
    else if (text.startsWith(PACKED)) {
      const bytes = Uint8Array.from(atob(text.slice(PACKED.length)), (c) => c.charCodeAt(0));
      json = new TextDecoder().decode(await stream(bytes, new DecompressionStream('deflate-raw')));
    }
    const data = json && JSON.parse(json);
    return data && typeof data == 'object' && !Array.isArray(data) ? data : null;
  } catch {
    return null; // damaged or foreign: the course starts from what this browser has
  }
}

// The platform's copy into this browser's storage: per key, the later one wins, so nothing
// newer here (answers given offline, in another tab) is lost. Returns the number of keys written.
export async function restore(text) {
  const data = await decode(text);
  let written = 0;
  for (const [k, v] of Object.entries(data ?? {})) {
    const incoming = typeof v == 'string' ? v : JSON.stringify(v);
    if (!KEY.test(k) || incoming.length > MAX) continue;
    try {
      const local = localStorage.getItem(NS + k);
      if (local === null || latest(parse(incoming)) > latest(parse(local))) localStorage.setItem(NS + k, incoming), written++;
    } catch {}
  }
  // Every quiz and the progress ticks re-read (course.js follows storage events).
  if (written && globalThis.StorageEvent) dispatchEvent(new StorageEvent('storage', { key: null }));
  return written;
}

// The plain text, at once, if it fits (for a page that is going away); else null.
export function plain(data, limit) {
  const json = JSON.stringify(data);
  return PLAIN.length + json.length <= limit ? PLAIN + json : null;
}

async function encode(data, limit) {
  const json = JSON.stringify(data);
  if (PLAIN.length + json.length <= limit) return PLAIN + json;
  const packed = PACKED + base64(await stream(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
  return packed.length <= limit ? packed : null;
}

// The snapshot as text within limit characters: whole, or with the oldest quiz states left
// out until it fits (progress and the seed first, then the newest answers). complete says
// whether everything went; the text is always whole and readable.
export async function fit(data, limit) {
  const keep = { ...data }, quizzes = Object.keys(keep).filter((k) => k.startsWith('q:')).sort((a, b) => latest(keep[a]) - latest(keep[b]));
  for (let dropped = 0; ; dropped++) {
    const text = await encode(keep, limit);
    if (text !== null) return { text, complete: dropped == 0 };
    if (!quizzes.length) return { text: await encode({}, limit), complete: false };
    delete keep[quizzes.shift()];
  }
}
