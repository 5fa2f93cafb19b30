// Hostile submission 'exits-at-import' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Ends the process as soon as it is imported.
process.exit(0);
