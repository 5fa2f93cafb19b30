#!/bin/bash
# Rebuilds every export of this folder from examples/pricing-review/strong.md. Needs the
# network once, for the installs below. Not run by the tests.
# NETWORK (one-time installs, skipped if already present):
#   apt-get install -y pandoc                      (Debian apt)   -> pandoc 2.17.1.1
#   apt-get install -y libreoffice-writer-nogui    (Debian apt)   -> optional, LibreOffice step
#   python3 -m venv venv && venv/bin/pip install nbconvert nbformat pillow markdown   (PyPI)
#   cd npm && npm install markdown-it@15 github-markdown-css@5 bootstrap@5 tailwindcss@3 @tailwindcss/typography  (npm)
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
D=${WORK:-$(mktemp -d)}  # where the tools and the drafts go
cd "$D"
cp "$HERE/../../../examples/pricing-review/strong.md" .
mkdir -p out
command -v pandoc >/dev/null || apt-get install -y pandoc
[ -x venv/bin/python ] || { python3 -m venv venv; venv/bin/pip install nbconvert nbformat pillow markdown; }
[ -d npm/node_modules/markdown-it ] || { mkdir -p npm; (cd npm && npm init -y >/dev/null && npm install markdown-it@15 github-markdown-css@5 bootstrap@5 tailwindcss@3 @tailwindcss/typography); }

# 1. pandoc
pandoc -s strong.md -o out/pandoc-standalone.html
pandoc -s --self-contained strong.md -o out/pandoc-selfcontained.html
pandoc -s --toc strong.md -o out/pandoc-toc.html
cat > extra.css <<'CSS'
body { font-family: Georgia, serif; max-width: 40em; margin: 2em auto; color: #222; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: .3em .6em; }
CSS
pandoc -s --css extra.css --self-contained strong.md -o out/pandoc-css.html
pandoc -s -t html4 strong.md -o out/pandoc-html4.html

# 2. Jupyter nbconvert
venv/bin/python - <<'PY'
import nbformat
nb = nbformat.v4.new_notebook()
nb.cells.append(nbformat.v4.new_markdown_cell(open('strong.md').read()))
c = nbformat.v4.new_code_cell("print((169589-142506)/142506)")
c.outputs = [nbformat.v4.new_output('stream', name='stdout', text='0.19003550727688798\n')]
c.execution_count = 1
nb.cells.append(c)
nbformat.write(nb, 'analysis.ipynb')
PY
for t in lab classic basic; do
  venv/bin/jupyter nbconvert --to html --template $t analysis.ipynb --output-dir out --output nbconvert-$t
done

# markdown-it render of strong.md -> body.html (tables enabled by default in markdown-it)
node -e "const md=require('$D/npm/node_modules/markdown-it')();process.stdout.write(md.render(require('fs').readFileSync('strong.md','utf8')))" > body.html

# 3. github-markdown-css around markdown-it
{ echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pro pricing review</title>'
  echo '<meta name="viewport" content="width=device-width, initial-scale=1">'
  echo '<style>'; cat npm/node_modules/github-markdown-css/github-markdown.css
  echo '.markdown-body{box-sizing:border-box;min-width:200px;max-width:980px;margin:0 auto;padding:45px;}</style>'
  echo '</head><body><article class="markdown-body">'; cat body.html; echo '</article></body></html>'; } > out/github-markdown-css.html
# light-only variant
{ echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pro pricing review</title><style>'
  cat npm/node_modules/github-markdown-css/github-markdown-light.css
  echo '</style></head><body><article class="markdown-body">'; cat body.html; echo '</article></body></html>'; } > out/github-markdown-css-light.html

# 4. Bootstrap 5
{ echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pro pricing review</title><style>'
  cat npm/node_modules/bootstrap/dist/css/bootstrap.min.css
  echo '</style></head><body><div class="container my-5"><div class="row"><div class="col-lg-8 offset-lg-2"><div class="card shadow-sm"><div class="card-body">'
  sed 's/<table>/<table class="table table-striped">/' body.html
  echo '</div></div></div></div></div>'
  echo '<script>'; cat npm/node_modules/bootstrap/dist/js/bootstrap.bundle.min.js; echo '</script></body></html>'; } > out/bootstrap5.html

# 5. Tailwind 3 + typography
cat > npm/tailwind.config.js <<'JS'
module.exports = { content: ['./tw.html'], plugins: [require('@tailwindcss/typography')] };
JS
{ echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pro pricing review</title><style>TWCSS</style></head>'
  echo '<body class="bg-white"><main class="mx-auto max-w-3xl px-4 py-10"><article class="prose lg:prose-lg">'; cat body.html; echo '</article></main></body></html>'; } > npm/tw.html
printf '@tailwind base;\n@tailwind components;\n@tailwind utilities;\n' > npm/tw.in.css
(cd npm && npx tailwindcss -c tailwind.config.js -i tw.in.css -o tw.out.css --minify)
venv/bin/python -c "
h=open('npm/tw.html').read(); c=open('npm/tw.out.css').read()
open('out/tailwind-prose.html','w').write(h.replace('TWCSS',c))"

# 7. Python-Markdown with a typical stylesheet
venv/bin/python - <<'PY'
import markdown
body = markdown.markdown(open('strong.md').read(), extensions=['tables','toc'])
css = open('extra.css').read()
open('out/python-markdown.html','w').write(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pro pricing review</title><style>{css}</style></head><body>{body}</body></html>')
PY

# 6. LibreOffice Writer (optional)
if command -v soffice >/dev/null; then
  pandoc strong.md -o strong.docx
  soffice --headless --convert-to html --outdir lo strong.docx
  cp lo/strong.html out/libreoffice-writer.html
  pandoc strong.md -o strong.odt
  soffice --headless --convert-to html --outdir lo strong.odt
  cp lo/strong.html out/libreoffice-writer-odt.html
fi
for f in out/*.html; do gzip -9c "$f" > "$HERE/$(basename "$f").gz"; done
ls -la "$HERE"
