"""Analyses remembered: what a document's text gives (its directives, its figures, the summary's sentences), kept in
the user's cache so that a build analyses only the documents that changed.

An entry is named by the document as it was read (its every field: text, paragraphs, title, date, origin) and
briefing's code (briefing.cache: another release or a changed module names every entry anew), so it is never
stale; `briefing build --no-cache` reads and writes none. Entries are pickles of the model's dataclasses, in
the user's own cache folder, as trusted as Python's own __pycache__.
"""

from __future__ import annotations

import pickle
from typing import Callable, TypeVar

from briefing import cache

KIND = "analysis"
T = TypeVar("T")


def remembered(step: str, inputs: object, compute: Callable[[], T]) -> T:
    """What `compute()` gives for these inputs: from the cache when this step saw them before, else computed
    and kept. `inputs` must be what the step reads, whole (documents, directives): its repr names the entry."""
    entry = cache.key(KIND, step, repr(inputs))
    stored = cache.read(KIND, entry)
    if stored is not None:
        try:
            return pickle.loads(stored)
        except Exception:  # a damaged or foreign entry: computed again, and written anew
            pass
    result = compute()
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):  # a result that is no plain data is not kept
        return result
    cache.write(KIND, entry, data)
    return result
