// Knowledge-check scoring, the twin of scoring.py: it lives in course.js (see there why);
// this module gives it its own name for the tests.
export { scoreKnowledge, tokens } from './course.js';
