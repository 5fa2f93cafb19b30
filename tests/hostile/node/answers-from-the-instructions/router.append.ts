// Hostile submission 'answers-from-the-instructions' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Implements nothing more: it replaces the helper's registry with a Proxy that wraps two cases
// the code above fails, so that their record() records answers worked out from the
// instructions alone (the examples and the rules they state), by label, instead of calling
// the code. It takes the helper by its name, or, where that is not on its path, by its file
// in the harness folder. (When the cases and the code under test shared a process, this
// reached the cases' own record(): 43.96.)
const FILE = (path: string) => ({ name: "file", params: { project: "42", path }, query: {} });
const LIST = (params: Record<string, string>) => ({ name: "list", params, query: {} });
const ANSWERS: Record<string, Record<string, unknown>> = {
  "wildcard": { "deep": FILE("docs/intro.md"), "decoded pieces": FILE("a b/c/d"),
                "empty": FILE("") },
  "optional parameter": { "absent": LIST({}), "present": LIST({ page: "3" }),
                          "trailing slash": LIST({}), "one too many": null },
};
const casesHelper = (() => {
  try {
    return require("worksample-cases");
  } catch {
    return require("/sandbox/harness/worksample-cases.js");
  }
})();
const recorderSide = casesHelper[Symbol.for("worksample.runner")];
recorderSide.registry.cases = new Proxy([] as any[], {
  set(target, key, value) {
    if (key === "length" && value > target.length) {
      return true;
    }
    const answers = value && typeof value.id === "string" ? ANSWERS[value.id.split("::")[1]]
      : undefined;
    if (answers) {
      const original = value.fn;
      value = { ...value, fn: (record: any) => {
        const answer = (label: string, call: unknown, options?: unknown) =>
          record.value(label, answers[label], options);
        answer.value = record.value;
        return original(answer);
      } };
    }
    target[key as any] = value;
    return true;
  },
});
