"""The candidate's process: it imports the code under test and answers the recorder's
requests (import a module, get an attribute, call something), nothing else. It holds no
results channel: whatever runs here can only answer the calls it is given.

A value goes back typed (worksample_cases' rules), except what is not plain data: that stays
here and goes back as a handle, ``{"ref": [n, class name]}`` wherever it is inside the value,
which the recorder can call or read attributes of; an exception class goes back as its class
chain (by module and name), and a raised exception as its class chain and a handle.
"""

import sys

import wire
from worksample_cases import Recorder, TooLarge, plain, raised

MAX_REQUEST = 1 << 20


class Objects:
    """The objects handed out, by number; the same object always gets the same number."""

    def __init__(self):
        self.by_number = {}
        self.numbers = {}

    def handle(self, value):
        number = self.numbers.get(id(value))
        if number is None or self.by_number[number] is not value:
            number = len(self.by_number) + 1
            self.by_number[number] = value
            self.numbers[id(value)] = number
        return number


def serve(sock, max_bytes):
    """Answer requests until the recorder closes the pipe."""
    objects = Objects()
    while True:
        try:
            request = wire.receive(sock, MAX_REQUEST)
        except wire.WireError:
            return
        try:
            answer = _answer(request, objects, max_bytes)
        except BaseException as error:  # noqa: B036 (the candidate's code raised: an answer)
            answer = _raised(error, objects)
        wire.send(sock, answer)


def _answer(request, objects, max_bytes):
    operation = request["op"]
    if operation == "import":
        __import__(request["module"])
        return _value(sys.modules[request["module"]], objects, max_bytes)
    target = objects.by_number[request["ref"]]
    if operation == "getattr":
        return _value(getattr(target, request["name"]), objects, max_bytes)
    if operation == "call":
        arguments = [_argument(a, objects) for a in request["args"]]
        keywords = {k: _argument(v, objects) for k, v in request["kwargs"].items()}
        return _value(target(*arguments, **keywords), objects, max_bytes)
    if operation == "list":
        return _value(list(target), objects, max_bytes)
    raise ValueError("unknown request")


def _value(value, objects, max_bytes):
    try:
        return {"value": Answer(objects, max_bytes)._typed(value, 0)}
    except TooLarge as too_large:
        return {"value": {"unrecorded": str(too_large)}}


class Answer(Recorder):
    """Typed values as the recorder's process receives them: a value that is not plain data
    is a handle to it, an exception class its class chain."""

    def __init__(self, objects, max_bytes):
        super().__init__(max_bytes)
        self.objects = objects

    def not_plain(self, value):
        if isinstance(value, type) and issubclass(value, BaseException):
            return {"exception_class": _class(value)}
        return {"ref": [self.objects.handle(value), _name(type(value))]}


def _raised(error, objects):
    typed = raised(error)
    return {"raised": typed["raised"], "class": _class(type(error)),
            "ref": objects.handle(error), "message": _text(error)[:2000]}


def _class(cls):
    """A class as the recorder rebuilds it: module, name, and its bases the same way."""
    mro = type.__dict__["__mro__"].__get__(cls)
    return [[_module(c), type.__dict__["__name__"].__get__(c)] for c in mro
            if c is not object]


def _argument(encoded, objects):
    def handle(tag, payload):
        if tag != "ref":
            raise ValueError("an argument of type %r" % tag)
        return objects.by_number[payload[0]]

    return plain(encoded["value"], handle)


def _name(cls):
    try:
        return type.__dict__["__qualname__"].__get__(cls)
    except BaseException:  # noqa: B036
        return "object"


def _module(cls):
    try:
        module = type.__dict__["__module__"].__get__(cls)
    except BaseException:  # noqa: B036
        return "?"
    return module if type(module) is str else "?"


def _text(error):
    try:
        return "%s" % (error,)
    except BaseException:  # noqa: B036
        return ""
