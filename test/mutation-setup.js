// Under mutation testing every mutant runs the property tests that cover it: fewer
// generated cases each keep a run of all mutants within reach of a two-core machine.
require('fast-check').configureGlobal({ numRuns: 25 });
