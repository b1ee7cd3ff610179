"""Templates for the synthetic threat training rows (see threat_data.py), one module a language.

Per language: slot vocabularies, THREAT templates (explicit threats, calls
and wishes of violence, veiled threats, incitement) and CIVIL templates that
use the same violent words to report, condemn or discuss violence, or in
their everyday senses ("kill time", "shot the film").

A template is ``(kind, text)``. ``{slot}`` takes one value of the slot's list;
``{slot.form}`` takes one form of a value that has several (case, number),
and every mention of a slot in one template uses the same value, so forms
agree ("{sg.nom} ... {sg.acc}").

These templates are written apart from the threat fixture that measures the
engine (tests/fixtures/threats/): other wording, other frames, other fillers.
tests/training/test_threat_data.py checks that no fixture sentence, nor one
close to it, is generated here.
"""

from __future__ import annotations

from . import ar, ckb, en, kmr, tr

TEMPLATES = {
    m.__name__.rsplit(".", 1)[1]: (m.SLOTS, m.THREATS, m.CIVIL) for m in (en, ar, tr, ckb, kmr)
}
