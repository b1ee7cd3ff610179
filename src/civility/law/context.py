"""Template context: ``law_on``, so pages show the law's links only with CIVILITY_DSA."""

from . import enabled


def law(request) -> dict:
    return {"law_on": enabled()}
