// Hostile submission 'kills-the-runner' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Kills the process that started it (the recorder's runner, which holds the result channel)
// the first time navigate() is called: in the last case file, after the others have run.
const partialNavigate3 = Router.prototype.navigate;
Router.prototype.navigate = async function (this: Router, url: string): Promise<Match> {
  process.kill(process.ppid, "SIGKILL");
  return partialNavigate3.call(this, url);
};
