/**
 * Setup of the `e2e-swarm` jest project: every service the tests start runs
 * its runs on Docker Swarm (the harness passes RUN_BACKEND on).
 */
process.env.RUN_BACKEND = 'swarm';
