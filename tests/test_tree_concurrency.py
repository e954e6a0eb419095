"""Two editors moving nodes of the same tree at the same moment, each on a real database
connection of its own: the tree stays valid, and neither gets an error. On PostgreSQL the
moves run at once under the tree's lock; on SQLite, which has one writer at a time, they
queue for the database's write lock (the settings' IMMEDIATE transactions and timeout)."""

import random
import threading

import pytest
from django.db import connection, connections
from mptt.exceptions import InvalidMove

from structures.models import Structure
from tests.factories import make_structure
from tests.trees import assert_tree_valid

MOVES_PER_EDITOR = 25


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_moves_leave_a_valid_tree():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database is no file that two connections can share")
    roots = [make_structure(f"Root {n}", kind="information-page") for n in range(3)]
    nodes = [make_structure(f"Node {n}", parent=roots[n % 3]) for n in range(12)]
    ids = [node.pk for node in [*roots, *nodes]]
    start = threading.Barrier(2)
    failures, moved = [], []

    def editor(seed):
        rng = random.Random(seed)
        try:
            start.wait()
            for _ in range(MOVES_PER_EDITOR):
                node = Structure.objects.get(pk=rng.choice(ids[3:]))
                target = Structure.objects.get(pk=rng.choice(ids))
                if target.pk == node.pk or target.is_descendant_of(node):
                    continue
                try:
                    Structure.objects.move_node(node, target, rng.choice(["last-child", "left"]))
                    moved.append(seed)
                except InvalidMove:
                    pass  # the other editor moved things meanwhile: refused, as in the admin
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's seed
            failures.append((seed, repr(error)))
        finally:
            connections.close_all()

    editors = [threading.Thread(target=editor, args=(seed,)) for seed in (1, 2)]
    for thread in editors:
        thread.start()
    for thread in editors:
        thread.join()

    assert failures == []
    assert set(moved) == {1, 2}, "both editors moved nodes"
    assert_tree_valid(Structure)
    assert Structure.objects.count() == 15
