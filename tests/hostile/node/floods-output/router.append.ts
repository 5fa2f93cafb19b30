// Hostile submission 'floods-output' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Floods stdout and stderr: 8 MB at import, 1 MB in every call to match().
const line = "flood ".repeat(1000) + "\n";
for (let i = 0; i < 700; i++) {
  process.stdout.write(line);
  process.stderr.write(line);
}
const partialMatch = Router.prototype.match;
Router.prototype.match = function (this: Router, url: string): Match | null {
  for (let i = 0; i < 170; i++) {
    process.stdout.write(line);
  }
  return partialMatch.call(this, url);
};
