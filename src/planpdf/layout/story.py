"""Plan → the story: the plan's blocks in their order, each laid out by its builder.

In: a ``model.Plan`` (format 1 plans carry the blocks ``content.convert`` made of their parts)
and the styles. Out: the list of Platypus flowables that ``render`` lays out. The blocks'
builders are in ``body``; the approval's sign-off block is in ``signoff``.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import model as m
from .body import story2
from .styles import Styles


def story(plan: m.Plan, styles: Styles) -> list[Flowable]:
    """The flowables of a whole plan, title first and the sign-off block last; a format 1
    plan is laid out from the blocks ``content.convert`` gave it."""
    return story2(plan, styles)
