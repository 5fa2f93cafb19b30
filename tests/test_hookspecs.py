import inspect

from worksample import hookimpl, hookspecs


def test_every_hookspec_has_a_docstring():
    names = hookspecs.hook_names()
    assert names, "the contract has no hooks"
    for name in names:
        doc = inspect.getdoc(getattr(hookspecs, name))
        assert doc and len(doc) > 40, f"{name} needs a docstring saying when it fires"


def test_hookspecs_carry_the_worksample_marker():
    for name in hookspecs.hook_names():
        assert hasattr(getattr(hookspecs, name), "worksample_spec"), name


def test_package_root_reexports_hookimpl():
    assert hookimpl is hookspecs.hookimpl
