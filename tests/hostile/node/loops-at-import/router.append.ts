// Hostile submission 'loops-at-import' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Never finishes loading: every case file that imports the router waits for ever.
for (;;) {
  // at import
}
