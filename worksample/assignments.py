"""Find, load and validate assignment folders (``<folder>/assignment.yaml``).

The core validates the common part; the type's plugin validates its own section with its own
model. Both kinds of error name the file and the field. Section models receive the folder and
the rubric as validation context (``info.context["root"]``, ``info.context["rubric"]``), so
they can check that the paths and the criteria they name exist.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from worksample.errors import WorksampleError
from worksample.models import Assignment, AssignmentSpec, AssignmentType
from worksample.plugins import PluginRegistry

ASSIGNMENT_FILE = "assignment.yaml"
IGNORED_NAMES = {"__pycache__", ".git", ".pytest_cache", ".DS_Store"}


def discover(directory: Path) -> list[Path]:
    """Assignment folders directly inside ``directory``, sorted by name."""
    if not directory.is_dir():
        raise WorksampleError("not a folder of assignments", path=directory)
    return sorted(p for p in directory.iterdir() if (p / ASSIGNMENT_FILE).is_file())


def resolve(reference: str, search_dir: Path) -> Path:
    """The folder of an assignment given as a path, or as an id inside ``search_dir``."""
    as_path = Path(reference)
    if as_path.name == ASSIGNMENT_FILE:
        as_path = as_path.parent
    if (as_path / ASSIGNMENT_FILE).is_file():
        return as_path
    candidate = search_dir / reference
    if (candidate / ASSIGNMENT_FILE).is_file():
        return candidate
    raise WorksampleError(
        f"no assignment {reference!r}: it is neither a folder with {ASSIGNMENT_FILE} nor an "
        f"assignment id in {search_dir} (see `worksample assignments list`)"
    )


def load(folder: Path, registry: PluginRegistry) -> Assignment:
    """Load and validate the assignment in ``folder``; WorksampleError naming file and field."""
    path = folder / ASSIGNMENT_FILE
    raw = _read_yaml(path)
    # An unknown or misspelt type explains every other error in the file: report it first.
    try:
        assignment_type = registry.assignment_type(str(raw.get("type")))
    except WorksampleError as error:
        raise WorksampleError(f"field 'type': {error}", path=path) from None
    try:
        spec = AssignmentSpec.model_validate(raw)
    except ValidationError as error:
        raise WorksampleError(describe_invalid(error), path=path) from None
    section = _validate_section(path, raw.get(spec.type), assignment_type, folder, spec)
    instructions = folder / spec.instructions
    if not instructions.is_file():
        raise WorksampleError(f"field 'instructions': no file {spec.instructions!r}", path=path)
    return Assignment(spec=spec, section=section, root=folder, version=content_version(folder))


def declared_id(folder: Path) -> str:
    """The id the assignment.yaml in ``folder`` declares, read without loading the rest."""
    path = folder / ASSIGNMENT_FILE
    declared = _read_yaml(path).get("id")
    if not isinstance(declared, str) or not declared.strip():
        raise WorksampleError("field 'id': missing; give the assignment an id", path=path)
    return declared


def read_yaml(path: Path) -> Any:
    """The YAML document in ``path``; a WorksampleError naming the file if it cannot be read."""
    try:
        return _parsed(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise WorksampleError(f"cannot read: {error}", path=path) from None
    except yaml.YAMLError as error:
        raise WorksampleError(f"not valid YAML: {error}", path=path) from None


# libyaml (PyYAML's C loader, in its wheels) reads an assignment about ten times faster than
# the pure-Python loader; where PyYAML was built without it, the pure one does it all
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parsed(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        # libyaml's message names the line but does not show it: the pure-Python loader,
        # reading the document again, raises the same error with the line quoted
        return yaml.safe_load(text)


def describe_invalid(error: ValidationError, prefix: str | None = None) -> str:
    """Every problem pydantic found, as "field 'a.b': why", joined by "; "."""
    problems = []
    for item in error.errors():
        location = ".".join(str(part) for part in ((prefix,) if prefix else ()) + item["loc"])
        problems.append(f"field '{location or '(top level)'}': {item['msg']}")
    return "; ".join(problems)


def _read_yaml(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise WorksampleError("must be a mapping of fields (id, title, type ...)", path=path)
    return data


def _validate_section(
    path: Path, data: Any, assignment_type: AssignmentType, folder: Path, spec: AssignmentSpec
) -> BaseModel:
    name = assignment_type.name
    if data is None:
        raise WorksampleError(f"the section {name!r} for the assignment type is missing", path=path)
    try:
        return assignment_type.section_model.model_validate(
            data, context={"root": folder, "rubric": spec.rubric})
    except ValidationError as error:
        raise WorksampleError(describe_invalid(error, prefix=name), path=path) from None
    except Exception as error:  # a bug in the plugin's model: name it, no traceback
        raise WorksampleError(f"the {name!r} type (plugin {assignment_type.plugin!r}) crashed "
                              f"checking its section: {error!r}; please report it",
                              path=path) from None


def content_version(folder: Path) -> str:
    """A short sha256 of every file in the folder (paths and bytes): changes when anything does."""
    digest = hashlib.sha256()
    for file in sorted(_files(folder)):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _files(folder: Path):
    for item in folder.rglob("*"):
        if item.is_file() and not IGNORED_NAMES.intersection(item.relative_to(folder).parts):
            yield item


def json_schema(registry: PluginRegistry) -> dict[str, Any]:
    """JSON Schema of assignment.yaml: the common part plus each type's section."""
    schema = AssignmentSpec.model_json_schema()
    schema["title"] = "worksample assignment.yaml"
    schema["additionalProperties"] = False
    definitions = schema.setdefault("$defs", {})
    for name, assignment_type in sorted(registry.assignment_types().items()):
        section = assignment_type.section_model.model_json_schema()
        # pydantic's refs point at the document root ("#/$defs/..."): hoist the definitions.
        definitions.update(section.pop("$defs", {}))
        schema["properties"][name] = section
    return schema
