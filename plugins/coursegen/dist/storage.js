export*from"./course.js";
