"""Threats: the fixture through the whole engine, beside two peers.

    .venv/bin/python bench/threat_quality.py [--peers-python /tmp/peers/bin/python]

Prints, per language and in all, for the threat fixture
(tests/fixtures/threats/, 326 threats and 320 civil sentences that report or
discuss violence with the same words): threats published automatically
(the target is 0), civil reports rejected (0) and held (at most 10%), and
which rules caught the threats. Beside it, on the same rows, the peers'
flag rates: alt-profanity-check (``predict_prob >= 0.5``) and
better-profanity (``contains_profanity``), run in the peers' interpreter
(bench/requirements.txt). Neither is a threat detector; they are what a
newsroom would otherwise install, so their figures show what a word-list or
a bag-of-words filter lets through.

Then, with ``--data``, the threat rules on the labelled sets that mark
threats (hits at 0.5 or more: share of threat positives caught, share of
negatives hit) and on civil text (C3 news comments, the Kurdish news
sentences).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from civility.moderation import Context, Decision, get_engine  # noqa: E402
from civility.moderation.language import identify_language  # noqa: E402
from civility.moderation.normalise import normalise  # noqa: E402
from civility.moderation.rules import is_threat_rule, match_rules  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "threats" / "fixture.py"
LANGS = ("en", "ar", "tr", "ckb", "kmr")

PEERS_CHILD = r"""
import json, sys
texts = json.load(open(sys.argv[1]))
out = {}
try:
    from profanity_check import predict_prob
    out["alt-profanity-check"] = [float(p) >= 0.5 for p in predict_prob(texts)]
except Exception as exc:
    out["alt-profanity-check"] = f"{type(exc).__name__}: {exc}"
try:
    from better_profanity import profanity
    profanity.load_censor_words()
    out["better-profanity"] = [bool(profanity.contains_profanity(t)) for t in texts]
except Exception as exc:
    out["better-profanity"] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


def load_fixture():
    spec = importlib.util.spec_from_file_location("threat_fixture", FIXTURE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load()


def peers(python: str, texts: list[str]) -> dict[str, list[bool] | str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts))
        proc = subprocess.run(
            [python, "-c", PEERS_CHILD, str(path)], capture_output=True, text=True, check=False
        )
    if proc.returncode != 0:
        return {"peers": f"failed: {proc.stderr.strip().splitlines()[-1:]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def share(n: int, d: int) -> str:
    return f"{n:4d}/{d:<4d} {n / d:6.1%}" if d else "     -     "


def fixture_table(items, verdicts, peer_flags) -> None:
    print("Threat fixture through the whole engine (page language = the comment's)")
    head = f"{'lang':5} {'threats published':>18} {'rejected':>18} {'civil rejected':>18} {'civil held':>18}"
    print(head)
    for lang in (*LANGS, "all"):
        rows = [(i, v) for i, v in zip(items, verdicts, strict=True) if lang in ("all", i.lang)]
        threats = [v.decision for i, v in rows if i.expected == "threat"]
        civil = [v.decision for i, v in rows if i.expected == "civil"]
        print(
            f"{lang:5} {share(threats.count(Decision.APPROVE), len(threats)):>18}"
            f" {share(threats.count(Decision.REJECT), len(threats)):>18}"
            f" {share(civil.count(Decision.REJECT), len(civil)):>18}"
            f" {share(civil.count(Decision.REVIEW), len(civil)):>18}"
        )
    threats = [i for i in items if i.expected == "threat"]
    civil = [i for i in items if i.expected == "civil"]
    print("\nPeers on the same rows (flagged = would be stopped; not flagged = published)")
    for name, flags in peer_flags.items():
        if isinstance(flags, str):
            print(f"  {name}: {flags}")
            continue
        by_text = dict(zip([i.text for i in items], flags, strict=True))
        missed = sum(not by_text[i.text] for i in threats)
        hit = sum(by_text[i.text] for i in civil)
        print(
            f"  {name:20} threats not flagged {share(missed, len(threats))}"
            f"   civil flagged {share(hit, len(civil))}"
        )
    forms = Counter((i.form, str(v.decision)) for i, v in zip(items, verdicts, strict=True))
    print("\nBy form (expected: decision count)")
    for form in sorted({i.form for i in items}):
        cells = ", ".join(f"{d} {n}" for (f, d), n in sorted(forms.items()) if f == form)
        print(f"  {form:11} {cells}")


def rule_families(items) -> None:
    caught = Counter()
    for item in items:
        if item.expected != "threat":
            continue
        lang = identify_language(item.text, item.lang)
        rules = {
            h.rule.split(":")[2]
            for h in match_rules(normalise(item.text), lang)
            if is_threat_rule(h)
        }
        for family in rules or {"(no threat rule: the models and policy)"}:
            caught[family] += 1
    print("\nThreats by the rule family that caught them (a threat may have several)")
    for family, n in caught.most_common():
        print(f"  {n:4d}  {family}")


def labelled_sets(data: Path) -> None:
    from civility.training import datasets

    def strong(text: str, lang: str) -> bool:
        hits = match_rules(normalise(text), lang)
        return any(is_threat_rule(h) and h.strength >= 0.5 for h in hits)

    print("\nThreat rules on labelled sets (a rule hit at 0.5 or more)")
    for name in ("jigsaw", "gab", "reddit-misogyny", "edos"):
        rows = datasets.load(name, data)
        pos = [r.text for r in rows if r.labels.get("threat") == 1]
        neg = [r.text for r in rows if r.labels.get("threat") == 0]
        tp = sum(strong(t, "en") for t in pos)
        fp = sum(strong(t, "en") for t in neg)
        print(
            f"  {name:16} threats caught {share(tp, len(pos))}   others hit {share(fp, len(neg))}"
        )
    c3 = [r.text for r in datasets.load("c3", data)]
    print(f"  {'c3 (news)':16} hit {share(sum(strong(t, 'en') for t in c3), len(c3))}")
    folder = data / "kurdish_news_parallel_interdialect"
    for name, lang in (("CKB-KMR_ckb_no_tag.txt", "ckb"), ("CKB-KMR_kmr_no_tag.txt", "kmr")):
        lines = [t for t in (folder / name).read_text("utf-8").splitlines() if t.strip()]
        print(f"  {name:16} hit {share(sum(strong(t, lang) for t in lines), len(lines))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peers-python", default=sys.executable)
    parser.add_argument("--data", type=Path, default=None, help="also the labelled sets")
    args = parser.parse_args(argv)
    items = load_fixture()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    verdicts = get_engine().moderate_batch(
        [Context(text=i.text, lang_hint=i.lang, now=now) for i in items]
    )
    print(f"{len(items)} comments through the engine in {time.perf_counter() - started:.1f}s\n")
    fixture_table(items, verdicts, peers(args.peers_python, [i.text for i in items]))
    rule_families(items)
    if args.data:
        labelled_sets(args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
