# Issue 21, attack 3, another instance: a plugin named in the environment. At import, sets
# PYTEST_PLUGINS to the submission's forger.py, which pytest loads as a plugin when it reads
# its configuration, --noconftest or not.
import os as _os

_os.environ["PYTEST_PLUGINS"] = "forger"
