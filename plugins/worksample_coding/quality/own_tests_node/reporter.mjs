// The own-tests runner's reporter for Node's test runner: one JSON line per event the runner
// needs (a test's end, a file that failed to load, the coverage summary), nothing else.
// What it writes is untrusted on the host, like everything the candidate's tests touch.
export default async function* reporter(source) {
  for await (const event of source) {
    const data = event.data || {};
    if (event.type === "test:pass" || event.type === "test:fail") {
      const details = data.details || {};
      yield JSON.stringify({
        type: event.type === "test:pass" ? "pass" : "fail",
        name: String(data.name).slice(0, 200),
        nesting: data.nesting,
        file: data.file || "",
        suite: details.type === "suite",
        skip: Boolean(data.skip || data.todo),
      }) + "\n";
    } else if (event.type === "test:start") {
      yield JSON.stringify({type: "start", name: String(data.name).slice(0, 200),
                            nesting: data.nesting, file: data.file || ""}) + "\n";
    } else if (event.type === "test:coverage") {
      // the lines not run, where this Node says which: the TypeScript runs map them to .ts lines
      const files = data.summary.files.map(f => [f.path, f.totalLineCount, f.coveredLineCount,
                                                 f.uncoveredLineNumbers ?? null]);
      yield JSON.stringify({type: "coverage", files}) + "\n";
    }
  }
}
