"""The coding section's rules that need no engine: modes, languages, weights."""

import pytest
from pydantic import ValidationError
from worksample_coding.config import CodingSection

BASE = {"image": "any", "tests_criterion": "correctness"}


def section(**fields):
    return CodingSection.model_validate({**BASE, **fields})


def test_classic_is_the_default_and_python_the_language():
    assert section().mode == "classic" and section().language == "python"


@pytest.mark.parametrize(("fields", "said"), [
    ({"language": "cobol"}, "unknown language 'cobol'"),
    ({"mode": "recorded", "weights": {"a.py::b": 2}}, "a recorded case gives its own weight"),
    ({"mode": "fast"}, "'classic', 'recorded' or 'junit'"),
])
def test_bad_combinations_say_what_to_change(fields, said):
    with pytest.raises(ValidationError, match=said):
        section(**fields)
