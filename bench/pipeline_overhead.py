"""How many comments a second the engine judges in one process (run by hand).

    .venv/bin/python bench/pipeline_overhead.py            # real steps + runner alone
    .venv/bin/python bench/pipeline_overhead.py --file comments.jsonl

Target: >= 2,000 comments/s through Engine.moderate_batch on 2 cores. The
"runner alone" figure replaces language, rules and models with trivial fakes,
so it measures what the pipeline itself costs per comment (steps, combine,
policy, decision). Numbers depend on the machine's load: run it twice.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import numpy as np

from civility.moderation import CATEGORIES, Context, Engine
from civility.moderation import steps as s
from civility.moderation.context import Normalised
from civility.moderation.steps import Classify, evolve, per_comment

WORDS = (
    "the ceasefire in Aleppo will not hold if Russia keeps bombing rebel positions "
    "Kurdistan Region Erbil Nusra Geneva talks government army people refugees "
    "you are an idiot stupid liar great report thank you Rudaw should ask more"
).split()


def synthetic(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(5, 40))) for _ in range(n)]


@per_comment
def _norm(c):
    return evolve(c, normalised=Normalised(c.text, tuple(range(len(c.text) + 1))))


@per_comment
def _lang(c):
    return evolve(c, lang="en")


@per_comment
def _rules(c):
    return c


class _Models:
    version = "bench"

    def predict_proba(self, texts, langs):
        return {k: np.full(len(texts), 0.02) for k in CATEGORIES}


def measure(engine: Engine, texts: list[str], batch: int) -> float:
    contexts = [Context(t) for t in texts]
    engine.moderate_batch(contexts[:batch])  # warm up: loads policy and models
    start = time.perf_counter()
    for i in range(0, len(contexts), batch):
        engine.moderate_batch(contexts[i : i + batch])
    return len(contexts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", help="JSON Lines with a 'text' field (default: synthetic)")
    parser.add_argument("-n", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()
    if args.file:
        with open(args.file, encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()][: args.n]
    else:
        texts = synthetic(args.n)

    fake = (_norm, _lang, _rules, s.repeat, Classify(_Models), s.combine, s.relevance)
    runner = Engine(steps=(*fake, s.apply_policy, s.decide))
    print(f"runner alone: {measure(runner, texts, args.batch):,.0f} comments/s")

    engine = Engine()
    rate = measure(engine, texts, args.batch)
    errors = {e.split(":")[0] for v in engine.moderate_batch([Context(texts[0])]) for e in v.errors}
    note = f" (failing steps: {', '.join(sorted(errors))})" if errors else ""
    print(f"whole engine: {rate:,.0f} comments/s on {len(texts)} comments{note}")


if __name__ == "__main__":
    main()
