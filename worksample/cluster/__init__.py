"""Grading past one machine, on Dask distributed (``worksample grade --cluster``).

The command that grades stays where the store is: it sends each submission and the
assignment to the cluster's workers as content-addressed bytes (``parcels.py``), each worker
grades with its own Docker engine, limited workers and plugins, exactly as a local batch does
(``remote.py``), and the results come back to be stored by the command (``client.py``).
A worker checks on start that it can grade (``checks.py``, ``preload.py``).

Importing this package imports no Dask: its modules do, and only ``--cluster`` or
``worksample worker`` imports them. docs/cluster.md describes the set-up and what each
party trusts.
"""
