"""Shared by the escape attempts: try one thing and say whether it got through."""


def attempt(label, action):
    try:
        action()
        print("ESCAPE-OK:", label, flush=True)
    except OSError as error:
        print("blocked:", label, type(error).__name__, flush=True)
