"""The engine's CPU per comment, step by step, and a check that a change kept the verdicts.

    PYTHONPATH=src .venv/bin/python bench/engine_steps.py --n 1500 --save /tmp/before.pkl
    (change the engine)
    PYTHONPATH=src .venv/bin/python bench/engine_steps.py --n 1500 --save /tmp/after.pkl \\
        --compare /tmp/before.pkl

Run by hand, never as a test (timings depend on the machine and its load).
The comments are bench/engine_throughput.py's seeded mix of the dev splits;
each is posted under an article in English, Arabic or Turkish in turn, so
that the multilingual encoder and relevance run, one comment per call as
posting moderates it. CPU of the process per comment, and CPU of each of
the engine's steps (``time.thread_time`` around each). ``--compare``
reports the comments whose decision, reasons (clause, evidence, order),
language, model label or errors differ, and the largest score difference.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_throughput import mixed_comments  # noqa: E402

from civility.moderation import engine as engine_module  # noqa: E402
from civility.moderation.context import Article  # noqa: E402
from civility.moderation.steps import step_name  # noqa: E402
from civility.training.records import default_data_dir  # noqa: E402

ARTICLES = (
    Article(
        title="Ceasefire talks resume in Geneva",
        body="Negotiators from both sides met on Monday to discuss a ceasefire and the "
        "exchange of prisoners.",
        lang="en",
    ),
    Article(
        title="محادثات وقف إطلاق النار تستأنف في جنيف",
        body="التقى المفاوضون من الجانبين يوم الاثنين لمناقشة وقف إطلاق النار وتبادل الأسرى.",
        lang="ar",
    ),
    Article(
        title="Cenevre'de ateşkes görüşmeleri yeniden başladı",
        body="Her iki taraftan müzakereciler pazartesi günü ateşkes ve esir takasını "
        "görüşmek için bir araya geldi.",
        lang="tr",
    ),
)


def compare(before: list, after: list) -> str:
    if [t for t, _ in before] != [t for t, _ in after]:
        return "the two runs moderated different comments"
    decisions = others = 0
    largest, where = 0.0, None
    for (_, x), (_, y) in zip(before, after, strict=True):
        decisions += x.decision != y.decision
        shape = [
            (
                tuple((r.category, r.clause_id, r.evidence) for r in v.reasons),
                v.model,
                v.lang,
                v.errors,
                v.relevance and v.relevance.method,
            )
            for v in (x, y)
        ]
        others += shape[0] != shape[1]
        for r, q in zip(x.reasons, y.reasons, strict=False):
            if abs(r.score - q.score) > largest:
                largest, where = abs(r.score - q.score), f"reason {r.category}"
        for k in set(x.scores) | set(y.scores):
            p, q = x.scores.get(k), y.scores.get(k)
            if (p is None) != (q is None):
                decisions += 1
            elif p is not None and abs(p - q) > largest:
                largest, where = abs(p - q), k
    return (
        f"{len(before)} comments: decisions differing {decisions}; reasons (clause, evidence, "
        f"order), model, language or errors differing {others}; largest score difference "
        f"{largest:.3g} ({where})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--n", type=int, default=1500)
    parser.add_argument("--save", type=Path, help="keep the verdicts here (pickle)")
    parser.add_argument("--compare", type=Path, help="verdicts saved by an earlier run")
    args = parser.parse_args(argv)

    texts = mixed_comments(args.data, args.n)
    spent: dict[str, int] = {}

    def timed(name, step):
        def run(contexts):
            started = time.thread_time_ns()
            try:
                return step(contexts)
            finally:
                spent[name] = spent.get(name, 0) + time.thread_time_ns() - started

        return run

    engine_module.DEFAULT_STEPS = tuple(timed(step_name(s), s) for s in engine_module.DEFAULT_STEPS)
    engine_module.warm_up()
    engine = engine_module.get_engine()
    engine.moderate("warm-up", article=ARTICLES[0])
    spent.clear()
    started = time.process_time()
    verdicts = [engine.moderate(t, article=ARTICLES[i % 3]) for i, t in enumerate(texts)]
    cpu = (time.process_time() - started) * 1000 / len(texts)
    load = open("/proc/loadavg").read().split()[:3]
    print(f"{len(texts)} comments, one per call: {cpu:.2f} ms CPU per comment (load {load})")
    for name, ns in spent.items():
        print(f"  {name:12s} {ns / 1e6 / len(texts):.3f} ms")
    rows = list(zip(texts, verdicts, strict=True))
    if args.save:
        args.save.write_bytes(pickle.dumps(rows))
    if args.compare:
        print(compare(pickle.loads(args.compare.read_bytes()), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
