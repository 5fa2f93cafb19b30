# The hidden tests folder as its source says, for the pytest runner (runner.py, guard.py):
# what each file binds at top level and what it imports. Read before any candidate code runs.
#
# preload() imports, before any candidate code, every module the hidden code imports that is
# not the submission's: the standard library's, pytest's, and the hidden helpers themselves
# (the tests folder is ahead of the submission on sys.path), so a helper can be neither
# shadowed nor changed before it loads.

import ast
import fnmatch
import importlib
import os

TEST_FILES = ("test_*.py", "*_test.py")  # the grader's pytest.ini: python_files


class HiddenCode:
    """The hidden tests folder as its source says: its files, what they bind and import."""

    def __init__(self, folder):
        self.folder = folder
        self.trees = {}
        self.imports = None
        for parent, folders, files in os.walk(folder):
            folders[:] = [name for name in folders if name != "__pycache__"]
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(parent, name)
                    try:
                        with open(path, "rb") as source:
                            self.trees[path] = ast.parse(source.read(), path)
                    except (SyntaxError, ValueError):
                        pass  # pytest reports it when it collects the file

    def is_test_file(self, path):
        return any(fnmatch.fnmatch(os.path.basename(path), pattern) for pattern in TEST_FILES)

    def helpers(self):
        """Module names of the helper files beside the tests: neither tests nor conftest.py."""
        return sorted(
            os.path.basename(path)[:-3] for path in self.trees
            if os.path.dirname(path) == self.folder and not self.is_test_file(path)
            and os.path.basename(path) != "conftest.py")

    def imported_modules(self):
        """Every absolute module name an import statement anywhere in the hidden code names;
        for `from a import b`, both `a` and `a.b` (b may be a submodule)."""
        if self.imports is None:
            self.imports = self._imported_modules()
        return self.imports

    def _imported_modules(self):
        names = set()
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module)
                    names.update(node.module + "." + alias.name for alias in node.names
                                 if alias.name != "*")
        return sorted(names)

    def bindings(self, path):
        """What the file's top-level code binds: (imports, defined, star_modules), where
        imports maps each name to (module, attribute or None)."""
        binder = _Binder()
        if path in self.trees:
            binder.visit(self.trees[path])
        return binder.imports, binder.defined, binder.stars


class _Binder(ast.NodeVisitor):
    """Collects the names a module's own scope binds (not those of its functions or classes)."""

    def __init__(self):
        self.imports, self.defined, self.stars = {}, set(), []

    def visit_FunctionDef(self, node):
        self.defined.add(node.name)  # its body is another scope

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        pass

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_Lambda

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store):
            self.defined.add(node.id)

    def visit_ExceptHandler(self, node):
        if node.name:
            self.defined.add(node.name)
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.asname:
                self.imports[alias.asname] = (alias.name, None)
            else:
                top = alias.name.split(".")[0]
                self.imports[top] = (top, None)

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if alias.name == "*":
                self.stars.append(node.module)
            elif node.level == 0:
                self.imports[alias.asname or alias.name] = (node.module, alias.name)
            else:
                self.defined.add(alias.asname or alias.name)  # relative: a package's own


def preload(hidden):
    """Import what the hidden code imports before any candidate code runs; the submission's
    folder is not on sys.path yet, so its modules fail to import and are left alone."""
    for name in hidden.imported_modules():
        try:
            importlib.import_module(name)
        except BaseException:  # the submission's modules, optional imports, broken helpers
            pass
