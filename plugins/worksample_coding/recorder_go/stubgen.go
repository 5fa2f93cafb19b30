// Command stubgen (the Go recorder's; runner.py builds and runs it in the sandbox) writes the
// two halves of the channel between the program of the hidden cases and the candidate's
// program (remote.go), for every package of the module under test that the cases import,
// and the packages of that module those import:
//
//   - in PROXY_DIR, a stand-in of the package for the cases' program: its type and constant
//     declarations as they are, each file's with the imports they use, and a file of stubs:
//     every exported function and every exported method of its named types with a body that
//     calls cases.RemoteCall, every exported variable fetched with cases.RemoteVar, and its
//     types registered. No function body, variable initializer or init of the package is
//     copied: none of the candidate's code runs in the cases' program;
//   - in the package itself (under MODULE_DIR), zz_worksample_register.go, which registers its
//     types, exported functions and variables for the candidate's program;
//   - SERVE_DIR/main.go, the candidate's program: those packages, and cases.Serve.
//
// It runs none of the code it reads. A package it cannot stand in for (one that does not
// type-check, or whose API has a generic function or type) is said on stderr, exit code 1.
//
// usage: stubgen MODULE_DIR MODULE_PATH CASES_DIR PROXY_DIR SERVE_DIR
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/format"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

const casesImport = "worksample/cases"

type pkg struct {
	path  string
	dir   string
	name  string
	files []*ast.File
	types *types.Package
	info  *types.Info
}

type generator struct {
	fset       *token.FileSet
	moduleDir  string
	modulePath string
	pkgs       map[string]*pkg
	std        types.Importer
	problems   []string
}

func main() {
	if len(os.Args) != 6 {
		fmt.Fprintln(os.Stderr, "usage: stubgen MODULE_DIR MODULE_PATH CASES_DIR PROXY_DIR SERVE_DIR")
		os.Exit(2)
	}
	g := &generator{fset: token.NewFileSet(), moduleDir: os.Args[1], modulePath: os.Args[2],
		pkgs: map[string]*pkg{}}
	g.std = importer.ForCompiler(g.fset, "gc", nil)
	roots := g.casesImports(os.Args[3])
	for _, root := range roots {
		g.load(root)
	}
	if len(g.problems) > 0 {
		fmt.Fprintln(os.Stderr, strings.Join(g.problems, "; "))
		os.Exit(1)
	}
	paths := make([]string, 0, len(g.pkgs))
	for p := range g.pkgs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		g.generate(g.pkgs[p], os.Args[4])
	}
	if len(g.problems) > 0 {
		fmt.Fprintln(os.Stderr, strings.Join(g.problems, "; "))
		os.Exit(1)
	}
	g.serve(roots, os.Args[5])
}

func (g *generator) problem(format string, args ...any) {
	g.problems = append(g.problems, fmt.Sprintf(format, args...))
}

// casesImports is the module's packages the hidden cases import.
func (g *generator) casesImports(dir string) []string {
	found := map[string]bool{}
	entries, _ := os.ReadDir(dir)
	for _, entry := range entries {
		if !strings.HasSuffix(entry.Name(), ".go") || strings.HasSuffix(entry.Name(), "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, entry.Name()), nil,
			parser.ImportsOnly)
		if err != nil {
			continue // the build says why
		}
		for _, spec := range file.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			if g.inModule(p) {
				found[p] = true
			}
		}
	}
	roots := make([]string, 0, len(found))
	for p := range found {
		roots = append(roots, p)
	}
	sort.Strings(roots)
	return roots
}

func (g *generator) inModule(p string) bool {
	return p == g.modulePath || strings.HasPrefix(p, g.modulePath+"/")
}

// load parses and type-checks the module's package p, and the module's packages it imports.
func (g *generator) load(p string) *pkg {
	if known, ok := g.pkgs[p]; ok {
		return known
	}
	dir := filepath.Join(g.moduleDir, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(
		p, g.modulePath), "/")))
	context := build.Default
	context.CgoEnabled = false
	found, err := context.ImportDir(dir, 0)
	if err != nil {
		g.problem("package %s: %v", p, err)
		return nil
	}
	loaded := &pkg{path: p, dir: dir, name: found.Name}
	g.pkgs[p] = loaded
	for _, name := range found.GoFiles {
		if name == "zz_worksample_register.go" {
			continue
		}
		file, err := parser.ParseFile(g.fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			g.problem("%v", err)
			return nil
		}
		loaded.files = append(loaded.files, file)
	}
	loaded.info = &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	var first error
	config := types.Config{Importer: importerFunc(func(imported string) (*types.Package, error) {
		if g.inModule(imported) {
			if dependency := g.load(imported); dependency != nil && dependency.types != nil {
				return dependency.types, nil
			}
			return nil, fmt.Errorf("package %s could not be read", imported)
		}
		return g.std.Import(imported)
	}), Error: func(err error) {
		if first == nil {
			first = err
		}
	}}
	loaded.types, _ = config.Check(p, g.fset, loaded.files, loaded.info)
	if first != nil {
		g.problem("%v", first)
		loaded.types = nil
	}
	return loaded
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(p string) (*types.Package, error) { return f(p) }

// generate writes package p's stand-in under proxyRoot, and its registrations in its folder.
func (g *generator) generate(p *pkg, proxyRoot string) {
	if p == nil || p.types == nil {
		return
	}
	relative := strings.TrimPrefix(strings.TrimPrefix(p.path, g.modulePath), "/")
	out := filepath.Join(proxyRoot, filepath.FromSlash(relative))
	if err := os.MkdirAll(out, 0o755); err != nil {
		g.problem("%v", err)
		return
	}
	for i, file := range p.files {
		g.declarations(p, file, filepath.Join(out, fmt.Sprintf("worksample_decls_%d.go", i)))
	}
	stubs := &stubWriter{g: g, p: p, aliases: map[string]string{}}
	body := stubs.write()
	if body == nil {
		return
	}
	g.writeGo(filepath.Join(out, "worksample_stubs.go"), body)
	g.writeGo(filepath.Join(p.dir, "zz_worksample_register.go"), stubs.register())
}

// declarations writes the type and constant declarations of one file, with the imports they
// use.
func (g *generator) declarations(p *pkg, file *ast.File, target string) {
	var kept []ast.Decl
	used := map[string]bool{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || (gen.Tok != token.TYPE && gen.Tok != token.CONST) {
			continue
		}
		gen.Doc = nil
		kept = append(kept, gen)
		ast.Inspect(gen, func(n ast.Node) bool {
			if ident, ok := n.(*ast.Ident); ok {
				if object := p.info.Uses[ident]; object != nil && object.Pkg() != nil &&
					object.Pkg() != p.types {
					used[object.Pkg().Path()] = true
				}
			}
			return true
		})
	}
	var buffer bytes.Buffer
	fmt.Fprintf(&buffer, "// Code generated by stubgen (worksample's Go recorder). DO NOT EDIT.\n\npackage %s\n\n", p.name)
	for _, spec := range file.Imports {
		imported, _ := strconv.Unquote(spec.Path.Value)
		if !used[imported] || (spec.Name != nil && spec.Name.Name == "_") {
			continue
		}
		if spec.Name != nil {
			fmt.Fprintf(&buffer, "import %s %s\n", spec.Name.Name, spec.Path.Value)
		} else {
			fmt.Fprintf(&buffer, "import %s\n", spec.Path.Value)
		}
	}
	for _, decl := range kept {
		buffer.WriteString("\n")
		if err := printer.Fprint(&buffer, g.fset, decl); err != nil {
			g.problem("%v", err)
			return
		}
		buffer.WriteString("\n")
	}
	g.writeGo(target, buffer.Bytes())
}

func (g *generator) writeGo(target string, source []byte) {
	formatted, err := format.Source(source)
	if err != nil {
		g.problem("stubgen wrote Go that does not parse (%v)", err)
		return
	}
	if err := os.WriteFile(target, formatted, 0o644); err != nil {
		g.problem("%v", err)
	}
}

type stubWriter struct {
	g       *generator
	p       *pkg
	aliases map[string]string // import path -> name in the stubs file
	named   []*types.TypeName // every named type of the package, generic ones left out
	funcs   []string          // exported functions, by name
	vars    []*types.Var
}

func (s *stubWriter) qualifier(other *types.Package) string {
	if other == s.p.types {
		return ""
	}
	alias, ok := s.aliases[other.Path()]
	if !ok {
		alias = fmt.Sprintf("worksample_p%d", len(s.aliases))
		s.aliases[other.Path()] = alias
	}
	return alias
}

// nameable: a type the stubs can write (no unexported type of another package in it).
func (s *stubWriter) nameable(t types.Type) bool {
	ok := true
	var walk func(types.Type)
	seen := map[types.Type]bool{}
	walk = func(t types.Type) {
		if seen[t] || !ok {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			if t.Obj().Pkg() != nil && t.Obj().Pkg() != s.p.types && !t.Obj().Exported() {
				ok = false
			}
			if args := t.TypeArgs(); args != nil {
				for i := 0; i < args.Len(); i++ {
					walk(args.At(i))
				}
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			for i := 0; i < t.Params().Len(); i++ {
				walk(t.Params().At(i).Type())
			}
			for i := 0; i < t.Results().Len(); i++ {
				walk(t.Results().At(i).Type())
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				walk(t.Field(i).Type())
			}
		case *types.Interface:
			for i := 0; i < t.NumMethods(); i++ {
				walk(t.Method(i).Type())
			}
		}
	}
	walk(t)
	return ok
}

func (s *stubWriter) write() []byte {
	var body bytes.Buffer
	scope := s.p.types.Scope()
	for _, name := range scope.Names() {
		switch object := scope.Lookup(name).(type) {
		case *types.TypeName:
			if object.IsAlias() {
				continue
			}
			named, ok := object.Type().(*types.Named)
			if !ok {
				continue
			}
			if named.TypeParams() != nil {
				if object.Exported() {
					s.g.problem("%s.%s is generic: the Go recorder cannot call generic code across "+
						"processes", s.p.path, name)
				}
				continue
			}
			s.named = append(s.named, object)
			if _, isInterface := named.Underlying().(*types.Interface); !isInterface {
				s.methods(&body, named)
			}
		case *types.Func:
			if !object.Exported() {
				continue
			}
			signature := object.Type().(*types.Signature)
			if signature.TypeParams() != nil {
				s.g.problem("%s.%s is generic: the Go recorder cannot call generic code across "+
					"processes", s.p.path, name)
				continue
			}
			if !s.nameable(signature) {
				continue
			}
			s.funcs = append(s.funcs, name)
			s.function(&body, "", name, s.p.path+"."+name, signature, false)
		case *types.Var:
			if object.Exported() && s.nameable(object.Type()) {
				s.vars = append(s.vars, object)
				fmt.Fprintf(&body, "\nvar %s %s\n", name, types.TypeString(object.Type(), s.qualifier))
			}
		}
	}
	if len(s.g.problems) > 0 {
		return nil
	}
	var registrations bytes.Buffer
	registrations.WriteString("\nfunc init() {\n\tworksample_cases.RemoteRegister([]any{")
	for _, named := range s.named {
		fmt.Fprintf(&registrations, "(*%s)(nil), ", named.Name())
	}
	registrations.WriteString("}, nil, nil)\n")
	for _, v := range s.vars {
		fmt.Fprintf(&registrations, "\tworksample_cases.RemoteVar(%q, &%s)\n", s.p.path+"."+v.Name(), v.Name())
	}
	registrations.WriteString("}\n")
	var file bytes.Buffer
	fmt.Fprintf(&file, "// Code generated by stubgen (worksample's Go recorder). DO NOT EDIT.\n\npackage %s\n\n", s.p.name)
	fmt.Fprintf(&file, "import worksample_cases %q\n", casesImport)
	paths := make([]string, 0, len(s.aliases))
	for p := range s.aliases {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&file, "import %s %q\n", s.aliases[p], p)
	}
	file.Write(body.Bytes())
	file.Write(registrations.Bytes())
	return file.Bytes()
}

// methods writes a stub for each exported method of named's method set, promoted ones too,
// with a value receiver where the method is in the value's method set.
func (s *stubWriter) methods(body *bytes.Buffer, named *types.Named) {
	pointerSet := types.NewMethodSet(types.NewPointer(named))
	valueSet := types.NewMethodSet(named)
	for i := 0; i < pointerSet.Len(); i++ {
		method := pointerSet.At(i).Obj().(*types.Func)
		if !method.Exported() {
			continue
		}
		signature := method.Type().(*types.Signature)
		if !s.nameable(signature) {
			continue
		}
		receiver := "*" + named.Obj().Name()
		if valueSet.Lookup(method.Pkg(), method.Name()) != nil {
			receiver = named.Obj().Name()
		}
		s.function(body, receiver, method.Name(), method.Name(), signature, true)
	}
}

// function writes one stub: func (worksample_recv R) name(a0 T0, ...) (r0 U0, ...).
func (s *stubWriter) function(body *bytes.Buffer, receiver, name, remote string,
	signature *types.Signature, method bool) {
	params, results := signature.Params(), signature.Results()
	fmt.Fprintf(body, "\nfunc ")
	if receiver != "" {
		fmt.Fprintf(body, "(worksample_recv %s) ", receiver)
	}
	fmt.Fprintf(body, "%s(", name)
	args := []string{}
	for i := 0; i < params.Len(); i++ {
		if i > 0 {
			body.WriteString(", ")
		}
		t := params.At(i).Type()
		if signature.Variadic() && i == params.Len()-1 {
			fmt.Fprintf(body, "a%d ...%s", i, types.TypeString(t.(*types.Slice).Elem(), s.qualifier))
		} else {
			fmt.Fprintf(body, "a%d %s", i, types.TypeString(t, s.qualifier))
		}
		args = append(args, fmt.Sprintf("&a%d", i))
	}
	body.WriteString(") (")
	outs := []string{}
	for i := 0; i < results.Len(); i++ {
		if i > 0 {
			body.WriteString(", ")
		}
		fmt.Fprintf(body, "r%d %s", i, types.TypeString(results.At(i).Type(), s.qualifier))
		outs = append(outs, fmt.Sprintf("&r%d", i))
	}
	body.WriteString(") {\n\tworksample_cases.RemoteCall(")
	recv := "nil"
	if method {
		recv = "&worksample_recv"
	}
	fmt.Fprintf(body, "%q, %s, %v, []any{%s}", remote, recv, signature.Variadic(),
		strings.Join(args, ", "))
	for _, out := range outs {
		fmt.Fprintf(body, ", %s", out)
	}
	body.WriteString(")\n\treturn\n}\n")
}

// register is the file added to the package itself, for the candidate's program.
func (s *stubWriter) register() []byte {
	var file bytes.Buffer
	fmt.Fprintf(&file, "// Code generated by stubgen (worksample's Go recorder). DO NOT EDIT.\n\npackage %s\n\n", s.p.name)
	fmt.Fprintf(&file, "import worksample_cases %q\n\nfunc init() {\n\tworksample_cases.RemoteRegister([]any{", casesImport)
	for _, named := range s.named {
		fmt.Fprintf(&file, "(*%s)(nil), ", named.Name())
	}
	file.WriteString("}, map[string]any{")
	for _, name := range s.funcs {
		fmt.Fprintf(&file, "%q: %s, ", s.p.path+"."+name, name)
	}
	file.WriteString("}, map[string]any{")
	for _, v := range s.vars {
		fmt.Fprintf(&file, "%q: &%s, ", s.p.path+"."+v.Name(), v.Name())
	}
	file.WriteString("})\n}\n")
	return file.Bytes()
}

// serve writes the candidate's program: the packages the cases import (the module's others
// they import come with them, internal ones too), then cases.Serve.
func (g *generator) serve(paths []string, dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		g.problem("%v", err)
		return
	}
	var file bytes.Buffer
	file.WriteString("// Code generated by stubgen (worksample's Go recorder). DO NOT EDIT.\n\npackage main\n\n")
	fmt.Fprintf(&file, "import worksample_cases %q\n", casesImport)
	for _, p := range paths {
		fmt.Fprintf(&file, "import _ %q\n", p)
	}
	file.WriteString("\nfunc main() { worksample_cases.Serve() }\n")
	g.writeGo(filepath.Join(dir, "main.go"), file.Bytes())
	if len(g.problems) > 0 {
		fmt.Fprintln(os.Stderr, strings.Join(g.problems, "; "))
		os.Exit(1)
	}
}
