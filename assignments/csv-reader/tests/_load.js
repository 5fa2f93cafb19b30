"use strict";
// The code under test is the current folder's csv.js (the submission, or the reference).
module.exports = require(require("node:path").join(process.cwd(), "csv.js"));
