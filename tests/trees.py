def assert_tree_valid(model):
    """Check the stored nested-set numbers against the parent pointers, node by node."""
    nodes = {node.pk: node for node in model.objects.all()}
    children = {pk: [] for pk in nodes}
    for node in nodes.values():
        if node.parent_id is not None:
            children[node.parent_id].append(node)

    def check(node, tree_id, level, left):
        assert (node.tree_id, node.level, node.lft) == (tree_id, level, left), node
        edge = left
        for child in sorted(children[node.pk], key=lambda n: n.lft):
            edge = check(child, tree_id, level + 1, edge + 1)
        assert node.rght == edge + 1, node
        return node.rght

    roots = sorted((n for n in nodes.values() if n.parent_id is None), key=lambda n: n.tree_id)
    assert len({root.tree_id for root in roots}) == len(roots), "two roots share a tree"
    for root in roots:
        check(root, root.tree_id, 0, 1)
