"""What a candidate who read worksample's similarity code might do to a copied solution to hide
it, as functions of the copied source. Each keeps the code valid: Python is compiled by the
tests, JavaScript checked by ``node --check`` and Go by ``gofmt -e`` where the machine has
them. Used by test_similarity.py."""

from __future__ import annotations

import ast
import builtins
import io
import keyword
import random
import re
import tokenize

KEEP = set(keyword.kwlist) | set(dir(builtins)) | {
    # JavaScript and TypeScript
    "const", "let", "var", "function", "new", "this", "throw", "catch", "export", "import",
    "interface", "extends", "implements", "public", "private", "protected", "readonly",
    "string", "number", "boolean", "void", "null", "undefined", "typeof", "instanceof", "of",
    "switch", "case", "default", "break", "continue", "static", "constructor", "async",
    "await", "super", "delete", "do", "type", "unknown", "any", "never", "declare", "get",
    "set", "keyof", "Record", "Map", "Set", "Array", "Object", "Error", "TypeError",
    "RangeError", "JSON", "Math", "Number", "String", "Symbol", "Date", "console",
    "length", "push", "pop", "slice", "splice", "includes", "has", "size", "keys",
    "values", "entries", "join", "split", "map", "filter", "test", "exec", "replace",
    "module", "exports", "require", "prototype", "name", "message", "use", "strict",
    "charCodeAt", "startsWith", "endsWith", "indexOf", "decodeURIComponent",
    "encodeURIComponent", "URLSearchParams", "freeze", "create", "hasOwnProperty", "trim",
    "toString", "parseInt", "isInteger", "isFinite", "concat", "sort", "reduce", "forEach",
    "some", "every", "find", "from", "assign", "defineProperty", "Infinity", "NaN", "true",
    "false", "fromEntries", "yield",
    # Go
    "package", "func", "go", "defer", "chan", "struct", "make", "nil", "error", "errors",
    "fmt", "time", "sync", "strings", "int", "int64", "uint", "float64", "bool",
    "byte", "rune", "append", "cap", "copy", "panic", "recover", "range", "Errorf", "New",
    "Is", "As", "Sprintf", "Duration", "Time", "Sub", "Add", "Before", "After", "Equal",
    "Slice", "Seconds", "Millisecond", "Second", "Nanosecond", "Unix", "IsZero", "Since",
}


def renamed(source: str, language: str, seed: int = 1) -> str:
    """Every identifier the language does not reserve (and no library name) renamed to a
    name of no meaning, the same name everywhere it stands."""
    if language == "python":
        return _renamed_python(source, seed)
    names: dict[str, str] = {}
    randomly = random.Random(seed)

    def new(match: re.Match) -> str:
        name = match.group(0)
        if name in KEEP or len(name) == 1:  # one letter: a loop's index, a regex's flag
            return name
        return names.setdefault(name, f"q{randomly.randrange(10**6)}_{len(names)}")

    return re.sub(r"(?<![\w$])[A-Za-z_][\w$]*", new, source)


def _renamed_python(source: str, seed: int) -> str:
    randomly = random.Random(seed)
    names: dict[str, str] = {}
    out = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and token.string not in KEEP and not keyword.issoftkeyword(
                token.string):
            token = token._replace(string=names.setdefault(
                token.string, f"q{randomly.randrange(10**6)}_{len(names)}"))
        out.append(token)
    return tokenize.untokenize(out)


def reordered(source: str, language: str) -> str:
    """The functions and methods in the opposite order (Python: every body of a class or the
    module; the others: the top-level functions, and the methods of each class)."""
    if language == "python":
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef):
                functions = [n for n in node.body if isinstance(n, ast.FunctionDef)]
                order = iter(reversed(functions))
                node.body = [next(order) if isinstance(n, ast.FunctionDef) else n
                             for n in node.body]
        return ast.unparse(tree)  # reformatted too: comments and layout gone
    lines = source.split("\n")
    top = r"^(export\s+)?(async\s+)?(func|function)\b"
    method = r"^\s+(?:(?:private|public|protected|static|async)\s+)*[#\w]+\s*\(.*\)[^;=]*\{$"
    return "\n".join(_reversed_blocks(_reversed_blocks(lines, 0, top), 1, method))


def _reversed_blocks(lines: list[str], depth: int, start: str) -> list[str]:
    """``lines`` with the blocks opened at brace depth ``depth`` by a line matching
    ``start`` in the opposite order, each among the blocks of the same parent."""
    blocks: dict[int, list[tuple[int, int]]] = {}  # parent's first line -> (first, last)
    level, parents, opened = 0, [0], None
    for number, line in enumerate(lines):
        if opened is None and level == depth and re.match(start, line) and "{" in line:
            opened = number
        level += line.count("{") - line.count("}")
        if level > len(parents) - 1:
            parents += [number] * (level - len(parents) + 1)
        del parents[level + 1:]
        if opened is not None and level == depth:
            blocks.setdefault(parents[depth], []).append((opened, number))
            opened = None
    out = list(lines)
    for spans in blocks.values():
        texts = [lines[first:last + 1] for first, last in spans]
        # the last slot takes the first block, and so on; from the end, so that the slots
        # before stay where they are
        for (first, last), text in zip(reversed(spans), texts, strict=True):
            out[first:last + 1] = text
    return out


def with_junk(source: str, language: str, every: int = 1, seed: int = 2) -> str:
    """A statement that does nothing slipped in after every ``every``-th statement of each
    function body."""
    randomly = random.Random(seed)
    if language == "python":
        return _python_junk(source, every, randomly)
    lines = source.split("\n")
    out, stack, count = [], [], 0  # stack: for each open block, whether it holds code
    for number, line in enumerate(lines):
        stripped = line.strip()
        out.append(line)
        opens, closes = stripped.count("{"), stripped.count("}")
        if stripped.endswith("{"):  # "} else {" closes a block and opens one
            del stack[max(0, len(stack) - closes):]
            stack.append(_code_block(stripped, bool(stack) and stack[-1]))
            continue
        del stack[max(0, len(stack) - max(0, closes - opens)):]
        following = next((n.strip() for n in lines[number + 1:] if n.strip()), "")
        if not stack or not stack[-1] or not stripped or stripped.startswith(("//", "/*", "*")):
            continue
        if following.startswith(("else", "catch", "finally", ")", "]", ".", "?", ":", "&&",
                                 "||", "+")):
            continue
        ends = stripped.endswith(";") if language != "go" else not stripped.endswith(
            ("{", "(", ",", "[", "&&", "||", "+", "-", "*", "/", "=", ":", "."))
        if not ends or (language == "go" and stripped.startswith(("case ", "default"))):
            continue
        count += 1
        if count % every:
            continue
        indent = line[:len(line) - len(line.lstrip())]
        junk = (f"_ = {randomly.randrange(100)}" if language == "go"
                else randomly.choice([f"void {randomly.randrange(10)};",
                                      f"let unused{randomly.randrange(10**4)} = 0;"]))
        out.append(indent + junk)
    return "\n".join(out)


def _code_block(line: str, inside_code: bool) -> bool:
    """Whether the block a line opens holds statements (a body of code) or data."""
    if re.search(r"\b(struct|interface|enum)\s*\{$", line) or re.match(
            r"^(export\s+)?(abstract\s+)?class\b", line) or re.search(
            r"(=|:|\(|,|return|\[)\s*\{$", line) or re.match(r"^(type|var|const)\b", line):
        return bool(re.search(r"\)\s*(:\s*[^=]+)?\{$", line)) and not line.startswith("type")
    if re.search(r"\bfunc\b|\bfunction\b|=>\s*\{$|\)\s*(:\s*[^{]+)?\{$|\b(else|try|finally|do)"
                 r"\s*\{$", line):
        return True
    return inside_code


def _python_junk(source: str, every: int, randomly: random.Random) -> str:
    tree = ast.parse(source)
    count = 0
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list) or not body or not isinstance(
                    node, ast.FunctionDef | ast.For | ast.While | ast.If | ast.With | ast.Try):
                continue
            made = []
            for statement in body:
                made.append(statement)
                count += 1
                if count % every == 0 and not isinstance(statement, ast.Return | ast.Raise):
                    made.append(ast.parse(randomly.choice([
                        f"unused_{randomly.randrange(10**4)} = {randomly.randrange(10)}",
                        "pass", f"len([{randomly.randrange(10)}])"])).body[0])
            setattr(node, field, made)
    return ast.unparse(tree)


def strings_changed(source: str) -> str:
    """The text of every plain string literal changed (its quotes kept)."""
    def changed(match: re.Match) -> str:
        quote, text = match.group(1), match.group(2)
        if not text.strip() or any(c in text for c in "\\{}$"):  # an escape, interpolation
            return match.group(0)
        return quote + text[::-1].upper() + quote

    return re.sub(r"""(["'])((?:(?!\1)[^\\\n]|\\.)*)\1""", changed, source)


def comments_changed(source: str, language: str) -> str:
    """Every comment and docstring rewritten, and a few added."""
    if language == "python":
        source = re.sub(r"#.*", "# noted during review", source)
        return re.sub(r'"""[^"]*?"""', '"""Written from scratch, honestly."""', source)
    source = re.sub(r"(?m)(^|\s)//.*$", r"\1// my own comment", source)
    source = re.sub(r"/\*.*?\*/", "/* all mine */", source, flags=re.S)
    return "// Written by me, from scratch.\n" + source


def respaced(source: str) -> str:
    """Indentation doubled, blank lines added, trailing white space everywhere."""
    return "\n".join(re.sub(r"^(\s+)", r"\1\1", line) + "  \n" for line in source.split("\n"))


def homoglyphs(source: str, language: str) -> str:
    """Identifiers spelt with Cyrillic letters that look Latin (and, in JavaScript and
    TypeScript, which allow it, a zero-width joiner in the middle)."""
    lookalike = str.maketrans("aeopcx", "аеорсх")
    joiner = "\u200d" if language in ("javascript", "typescript") else ""

    def disguised(match: re.Match) -> str:
        name = match.group(0)
        if name in KEEP or len(name) < 4:
            return name
        return name[:2] + joiner + name[2:].translate(lookalike)

    if language == "python":
        out = []
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NAME and token.string not in KEEP:
                token = token._replace(string=disguised(re.match(r".*", token.string)))
            out.append(token)
        return tokenize.untokenize(out)
    return re.sub(r"(?<![\w$\"'])[A-Za-z_][\w$]*", disguised, source)


def padding(language: str, lines: int = 3000, seed: int = 3) -> str:
    """A large file of code of the candidate's own that does nothing useful, every function
    shaped differently (operators, calls and branches drawn at random)."""
    randomly = random.Random(seed)
    operators = ["+", "-", "*", "%", "//" if language == "python" else "/", "&", "|", "^"]

    def expression(depth: int = 0) -> str:
        if depth > 2 or randomly.random() < 0.3:
            return randomly.choice(["value", "total", str(randomly.randrange(100))])
        if randomly.random() < 0.2:
            call = "abs" if language == "python" else "Math.abs" if language != "go" else "int"
            return f"{call}({expression(depth + 1)})"
        return f"({expression(depth + 1)} {randomly.choice(operators)} {expression(depth + 1)})"

    out = ["package ratelimit", ""] if language == "go" else []
    number = 0
    while len(out) < lines:
        number += 1
        body = [f"total = {expression()}"]
        for _ in range(randomly.randrange(1, 5)):
            condition = f"{expression()} {randomly.choice(['<', '>', '=='])} {expression()}"
            body.append(("if", condition, f"total = {expression()}"))
        if language == "python":
            out += [f"def pad_{number}(value):"] + [
                f"    {line}" if isinstance(line, str) else
                f"    if {line[1]}:\n        {line[2]}" for line in body] + [
                "    return total", ""]
        elif language == "go":
            out += [f"func pad{number}(value int) int {{", f"\ttotal := {expression()}"] + [
                f"\tif {line[1]} {{\n\t\t{line[2]}\n\t}}" for line in body[1:]] + [
                "\treturn total", "}", ""]
        else:
            out += [f"function pad{number}(value) {{", f"  let {body[0]};"] + [
                f"  if ({line[1]}) {{\n    {line[2]};\n  }}" for line in body[1:]] + [
                "  return total;", "}", ""]
    return "\n".join(out) + "\n"
