export{scoreKnowledge,tokens}from"./course.js";
