// A learning platform in a page: scorm-again's API as window.API (SCORM 1.2) or
// window.API_1484_11 (2004), loaded with what the platform kept from an earlier session,
// and the package's launch page framed below it, as an LMS does.
window.launch = (kind, saved, href) => {
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  const api = kind == 'scorm12' ? new Scorm12API(settings) : new Scorm2004API(settings);
  if (saved) api.loadFromJSON(saved, '');
  window.finished = false;
  api.on(kind == 'scorm12' ? 'LMSFinish' : 'Terminate', () => (window.finished = true));
  window[kind == 'scorm12' ? 'API' : 'API_1484_11'] = api;
  document.getElementById('sco').src = href;
};
// The learner leaves: the launch page goes, its pagehide ends the session.
window.leave = () => (document.getElementById('sco').src = 'about:blank');
// What the platform keeps: the data model as JSON.
window.kept = (kind) => JSON.parse(JSON.stringify((kind == 'scorm12' ? window.API : window.API_1484_11).cmi));
