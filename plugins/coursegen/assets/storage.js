// Saved answers and the quiz form lifecycle (mount) live in course.js, which every page
// loads first: a lesson page then fetches one module less. The self-assessment and the
// tools import them from here, as before.
export * from './course.js';
