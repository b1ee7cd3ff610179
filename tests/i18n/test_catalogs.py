"""The translation catalogs: complete, compiled, faithful to their placeholders.

The .po files in src/civility/locale are written by hand (docs/languages.md);
the .mo files are committed so that no gettext is needed at run time. These
tests read both without gettext, so they also run where it is not installed.
"""

from __future__ import annotations

import ast
import gettext
import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from civility import i18n

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "civility"
LOCALE = PACKAGE / "locale"
TRANSLATED = ("ar", "ckb", "kmr", "tr")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def read_po(path: Path) -> dict[str, list[str]]:
    """msgid (singular; "context\x04msgid" with a context, as gettext keys it)
    -> its msgstr forms, from a .po file, header left out."""
    entries: dict[str, list[str]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line)
            if match:
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            forms = [fields[k] for k in sorted(fields) if k.startswith("msgstr")]
            context = fields.get("msgctxt")
            entries[f"{context}\x04{fields['msgid']}" if context else fields["msgid"]] = forms
    return entries


def template_strings() -> set[str]:
    """Every literal {% translate "..." %} in the package's templates."""
    found = set()
    for template in PACKAGE.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        found.update(re.findall(r'{% translate "([^"]+)"', text))
        found.update(re.findall(r"{% translate '([^']+)'", text))
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_string_is_translated_and_compiled(lang):
    po = read_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
    with open(LOCALE / lang / "LC_MESSAGES" / "django.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    assert len(po) > 100
    for msgid, forms in po.items():
        assert forms and all(forms), f"{lang}: no translation for {msgid!r}"
        # The .mo says the same as the .po: it was compiled after the last edit.
        compiled = mo.gettext(msgid) if len(forms) == 1 else mo.ngettext(msgid, msgid, 1)
        assert compiled in forms, f"{lang}: django.mo is older than django.po; compile it"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder(lang):
    for msgid, forms in read_po(LOCALE / lang / "LC_MESSAGES" / "django.po").items():
        wanted = sorted(set(PLACEHOLDER.findall(msgid)))
        for form in forms:
            assert sorted(set(PLACEHOLDER.findall(form))) == wanted, (lang, msgid, form)


def test_every_template_string_is_in_every_catalog():
    strings = template_strings()
    assert "Post a comment" in strings and "Interface language" in strings
    for lang in TRANSLATED:
        catalog = read_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
        missing = sorted(strings - set(catalog))
        assert not missing, f"{lang}: run makemessages and translate {missing}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_clause_of_the_default_policy_is_translated_by_its_id(lang):
    """The policy file is the one source of the English; each catalog translates
    every clause's text and message under the context "clause:<id>"."""
    policy = tomllib.loads((PACKAGE / "moderation" / "default_policy.toml").read_text("utf-8"))
    catalog = read_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
    for clause in policy["clause"]:
        for words in (clause["text"], clause["message"]):
            assert f"clause:{clause['id']}\x04{words}" in catalog, (lang, clause["id"], words)


def test_a_clause_is_translated_by_its_id_never_by_its_words_alone():
    with translation.override("tr"):
        assert i18n.clause_message("threats", "Rejected: threats are not allowed.") == (
            "Reddedildi: tehdit yasaktır."
        )
        # A publisher's own wording is shown as written.
        assert i18n.clause_message("threats", "No threats, please.") == "No threats, please."
        # The same words under another clause are that clause's, not a translation.
        assert i18n.clause_message("my_rule", "Rejected: threats are not allowed.") == (
            "Rejected: threats are not allowed."
        )


def test_all_five_languages_are_known_with_their_direction():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ar", "ckb", "kmr", "tr"]
    assert get_language_info("kmr")["bidi"] is False
    assert get_language_info("kmr")["name_local"] == "Kurmancî"
    assert get_language_info("ckb")["bidi"] is True
    for lang, rtl in {"en": False, "ar": True, "ckb": True, "kmr": False, "tr": False}.items():
        with translation.override(lang):
            assert translation.get_language_bidi() is rtl, lang
            assert translation.get_language() == lang


def test_errors_are_translated_by_code_and_unknown_ones_kept():
    from civility.abuse.rate_limits import TooManyPosts
    from civility.errors import ValidationFailed

    limited = TooManyPosts(
        "Too many comments from your address; please wait 5 seconds.", retry_after=5
    )
    other = TooManyPosts("Too many requests; please wait 5 seconds.", retry_after=5)
    bidi = ValidationFailed(
        "This contains a character that reorders text (U+202E); please remove it.",
        field="text",
        code="text_bidi_controls",
    )
    with translation.override("tr"):
        assert i18n.error_message(limited) == (
            "Adresinizden çok fazla yorum geldi; lütfen 5 saniye bekleyin."
        )
        assert i18n.error_message(other) == "Too many requests; please wait 5 seconds."
        assert i18n.error_message(bidi) == (
            "Bu metin, yazının sırasını değiştiren bir karakter içeriyor (U+202E); lütfen kaldırın."
        )
    with translation.override("ar"):
        one = TooManyPosts(
            "This text was just posted several times; please wait 4 seconds.",
            retry_after=4,
            field="text",
        )
        assert i18n.error_message(one) == "نُشر هذا النص للتو عدة مرات؛ يرجى الانتظار 4 ثوانٍ."
