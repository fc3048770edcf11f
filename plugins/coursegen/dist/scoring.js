export{answerTokens,correctTokens,scoreKnowledge,shareRight,tokens}from"./course.js";
