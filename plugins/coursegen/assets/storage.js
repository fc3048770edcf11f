// Saved answers and the quiz form lifecycle (mount) live in course.js, which every page
// loads first: a lesson page then fetches one module less. This name stays for the tests
// of saved data.
export * from './course.js';
