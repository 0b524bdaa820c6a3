"""Permissions are decided in core/permissions.py only, and pages ask it the right question.

A link or button shown under `can("x")` leads to a route that requires "x"
itself: otherwise the page offers what the route refuses (or hides what it
allows) as soon as the two actions stop granting the same roles.
"""

from __future__ import annotations

import ast
from pathlib import Path

from jinja2 import nodes

import icc_network
from icc_network.core.permissions import Role


def _calls_to(name: str, node: nodes.Node):
    """The calls to ``name`` with a constant first argument, in ``node`` and below it."""
    calls = [node] if isinstance(node, nodes.Call) else []
    for call in [*calls, *node.find_all(nodes.Call)]:
        if (isinstance(call.node, nodes.Name) and call.node.name == name
                and call.args and isinstance(call.args[0], nodes.Const)):
            yield call


def _can_actions(test: nodes.Node) -> set[str]:
    """The actions named as constants by the `can(...)` calls of an `if` test."""
    return {call.args[0].value for call in _calls_to("can", test)}


def _guarded_links(node: nodes.Node, guards: frozenset[str]):
    """(endpoint, actions of the enclosing `can` tests) for each url_for under one."""
    if isinstance(node, nodes.If):
        branches = [(node.test, node.body), *((e.test, e.body) for e in node.elif_)]
        for test, body in branches:
            inner = guards | _can_actions(test)
            for child in body:
                yield from _guarded_links(child, inner)
        for child in node.else_:
            yield from _guarded_links(child, guards)
        return
    if guards and isinstance(node, nodes.Call):
        for call in _calls_to("url_for", node):
            if call is node:
                yield call.args[0].value, guards
    for child in node.iter_child_nodes():
        yield from _guarded_links(child, guards)


def _area_templates(app):
    """(name, parsed template) of every page template of the application's areas."""
    env = app.jinja_env
    for name in env.list_templates(extensions=["html"]):
        if name.split("/")[0] in app.config["AREAS"]:
            yield name, env.parse(env.loader.get_source(env, name)[0])


def test_links_under_can_lead_to_routes_requiring_that_action(app):
    mismatches = []
    for name, tree in _area_templates(app):
        for endpoint, guards in _guarded_links(tree, frozenset()):
            required = getattr(app.view_functions.get(endpoint), "required_action", None)
            if required is not None and required not in guards:
                mismatches.append(f"{name}: {endpoint} requires {required}, shown under {guards}")
    assert not mismatches, "\n".join(mismatches)


def test_no_role_is_named_in_services_views_or_templates(app):
    """Who may do what is said in core/permissions.py only; the rest asks it by action."""
    names = {role.value for role in Role}
    package = Path(icc_network.__file__).parent
    found = []
    for area in app.config["AREAS"]:
        for path in sorted((package / area).rglob("*.py")):
            if not {"services", "views"} & {path.parent.name, path.stem}:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and node.value in names:
                    found.append(f"{path.relative_to(package)}:{node.lineno} {node.value!r}")
    for name, tree in _area_templates(app):
        found += [f"{name}: {c.value!r}" for c in tree.find_all(nodes.Const) if c.value in names]
    assert not found, "\n".join(found)
