"""Stopped containers kept so that a later run with the same configuration starts one again.

Starting a stopped container instead of creating a new one spares the engine the creation and
the removal of the container's two filesystem layers: 12-20 ms of CPU per run, and about 7%
of a batch's wall time (benchmarks/README.md). The runner keeps a container only after a run that
ended by itself: not killed by the wall clock or the memory limit, its exit status known and
the engine reporting it stopped.

Nothing a run does can reach the next run in the same container (docs/security.md): the root
is read-only, so the container's own layer stays as it was created; every writable place (the
tmpfs mounts, ``/dev/shm``, ``/dev/mqueue``) is new and empty at each start, and so is the IPC
namespace; every process of a run ends with it.
"""

from __future__ import annotations

import threading


class StoppedContainers:
    """At most ``most`` stopped containers, by the key of the configuration they were created
    with. Safe to use from several threads."""

    def __init__(self, most: int):
        self._most = most
        self._by_key: dict[str, list] = {}
        self._lock = threading.Lock()

    def take(self, key: str):
        """A stopped container created with ``key``, no longer kept here; None if there is none."""
        with self._lock:
            kept = self._by_key.get(key)
            return kept.pop() if kept else None

    def keep(self, key: str, container) -> bool:
        """Keep ``container`` for a later run with ``key``; False when full (remove it then)."""
        with self._lock:
            if sum(map(len, self._by_key.values())) >= self._most:
                return False
            self._by_key.setdefault(key, []).append(container)
            return True

    def take_all(self) -> list:
        """Every container kept, no longer kept here."""
        with self._lock:
            every = [container for kept in self._by_key.values() for container in kept]
            self._by_key.clear()
            return every
