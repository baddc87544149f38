'use strict';
// Entry point of the browser tests (run by run.sh, which starts the server):
// registers the tests of each file in story order, runs them and writes the
// counts. node run.js [FILTER] runs the tests whose name contains FILTER and
// the tests they need.
const { runAll } = require('./harness');

// The order matters: later files use the school the story built.
require('./t_session');
require('./t_story');
require('./t_guards');
require('./t_pages');

runAll(process.argv[2] || '').then(
	(ok) => { process.exitCode = ok ? 0 : 1; },
	(err) => { console.log(`FAIL the test run: ${err && err.stack ? err.stack : err}`); process.exitCode = 1; },
);
