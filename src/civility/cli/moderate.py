"""`civility moderate`: JSON Lines of comments in, one verdict per line out.

The contract is docs/moderation-output.md. The command streams: a reader
thread feeds input lines into a bounded queue, and the main loop takes
whatever lines are waiting (up to BATCH_SIZE) as one batch, so output starts
before the input ends, a slow producer is never kept waiting for a full
batch, and memory stays flat however long the input is.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
from typing import Any, BinaryIO

BATCH_SIZE = 256
# Lines read ahead of the engine; bounds memory when the input is faster.
QUEUE_SIZE = 4 * BATCH_SIZE

_END = object()
_SCALARS = (str, int, float, bool, type(None))


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "moderate",
        help="moderate comments: JSON Lines in, one verdict per line out",
        description=(
            "Read JSON Lines ({'id', 'text', 'article', 'lang'}) from FILE or standard "
            "input and write one verdict per line, in order. Exit status 2 when a line "
            "could not be read. See docs/moderation-output.md."
        ),
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="JSON Lines (default: stdin)")
    parser.add_argument("--policy", metavar="POLICY", help="policy TOML file (default: shipped)")
    parser.add_argument("--text", help="moderate this one comment and print a readable verdict")
    parser.add_argument("--lang", help="language hint for --text (the engine still identifies it)")
    parser.set_defaults(func=run)


def run(args) -> int:
    import logging

    from civility.moderation import Engine, PolicyError, load_policy

    logging.basicConfig(level=logging.WARNING, format="civility: %(levelname)s %(message)s")
    try:
        policy = load_policy(args.policy)
    except PolicyError as exc:
        print(f"civility moderate: {exc}", file=sys.stderr)
        return 1
    engine = Engine(policy=policy)
    if args.text is not None:
        verdict = engine.moderate(args.text, lang=args.lang)
        print(render_verdict(args.text, verdict, policy))
        return 0
    if args.file:
        try:
            source = open(args.file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            print(f"civility moderate: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 1
        with source:
            return stream(source, sys.stdout.buffer, engine)
    return stream(sys.stdin.buffer, sys.stdout.buffer, engine)


def stream(source: BinaryIO, sink: BinaryIO, engine, batch_size: int = BATCH_SIZE) -> int:
    """Moderate every line of ``source`` into ``sink``; 2 if any line failed, else 0."""
    from civility.moderation import Context

    lines: queue.Queue = queue.Queue(maxsize=QUEUE_SIZE)
    reader = threading.Thread(target=_read, args=(source, lines), daemon=True)
    reader.start()
    failed = False
    done = False
    while not done:
        batch = [lines.get()]
        while len(batch) < batch_size:
            try:
                batch.append(lines.get_nowait())
            except queue.Empty:
                break
        if batch[-1] is _END:
            batch.pop()
            done = True
        outputs: list[dict[str, Any] | None] = []
        contexts = []
        places = []
        for number, raw in batch:
            parsed = parse_line(number, raw)
            if parsed is None:
                continue
            if "error" in parsed:
                failed = True
                outputs.append(parsed)
                continue
            places.append((len(outputs), parsed["id"], number))
            outputs.append(None)
            contexts.append(Context(**parsed["context"]))
        try:
            verdicts = engine.moderate_batch(contexts)
        except Exception as exc:  # noqa: BLE001 - the run goes on; the lines say why
            failed = True
            for index, comment_id, number in places:
                outputs[index] = {"line": number, "id": comment_id, "error": f"engine: {exc!r}"}
        else:
            for (index, comment_id, _), verdict in zip(places, verdicts, strict=True):
                outputs[index] = {"id": comment_id, **verdict.to_json()}
        try:
            for obj in outputs:
                sink.write(json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n")
            sink.flush()
        except BrokenPipeError:
            # The reader of our output went away (`| head`): stop quietly.
            return 2 if failed else 0
    return 2 if failed else 0


def _read(source: BinaryIO, lines: queue.Queue) -> None:
    number = 0
    try:
        for number, raw in enumerate(source, 1):  # noqa: B007 - number is used after the loop
            lines.put((number, raw))
    except Exception as exc:  # noqa: BLE001 - reported as one error line
        lines.put((number + 1, exc))
    finally:
        lines.put(_END)


def parse_line(number: int, raw: bytes | BaseException) -> dict[str, Any] | None:
    """``{"id", "context": {...}}`` for a good line, ``{"line", "error"[, "id"]}``
    for a bad one, None for a blank line (skipped, as JSON Lines allows)."""
    if isinstance(raw, BaseException):
        return {"line": number, "error": f"cannot read input: {raw}"}
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return {"line": number, "error": f"not UTF-8: {exc.reason} at byte {exc.start}"}
    if not text.strip():
        return None
    try:
        obj = json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"not valid JSON: {exc.msg} at column {exc.colno}"}
    except ValueError as exc:
        return {"line": number, "error": f"not valid JSON: {exc}"}
    except RecursionError:
        return {"line": number, "error": "not valid JSON: nested too deeply"}
    if not isinstance(obj, dict):
        return {"line": number, "error": "each line must be a JSON object"}

    def bad(message: str, known_id: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"line": number}
        if known_id and "id" in obj:
            out["id"] = obj["id"]
        out["error"] = message
        return out

    comment_id = obj.get("id")
    if not isinstance(comment_id, _SCALARS):
        return bad("id: must be a JSON scalar (string, number, boolean or null)", known_id=False)
    comment = obj.get("text")
    if comment is None:
        return bad("text: missing")
    if not isinstance(comment, str):
        return bad("text: must be a string")
    lang = obj.get("lang")
    if lang is not None and not isinstance(lang, str):
        return bad("lang: must be a string or null")
    article = obj.get("article")
    if article is not None:
        article, problem = _article(article)
        if problem:
            return bad(problem)
    context = {"text": comment, "article": article, "lang_hint": lang or None}
    return {"id": comment_id, "context": context}


def _not_json(name: str):
    # Python's json accepts NaN and Infinity, which JSON does not: echoing
    # such an id back would write a line no other JSON reader can parse.
    raise ValueError(f"{name} is not a JSON value")


def _article(raw: Any):
    from civility.moderation import Article

    if not isinstance(raw, dict):
        return None, "article: must be an object with 'title' and 'body', or null"
    title = raw.get("title")
    body = raw.get("body", "")
    lang = raw.get("lang")
    if not isinstance(title, str):
        return None, "article.title: must be a string"
    if not isinstance(body, str):
        return None, "article.body: must be a string"
    if lang is not None and not isinstance(lang, str):
        return None, "article.lang: must be a string or null"
    return Article(title=title, body=body, lang=lang or None), None


def render_verdict(text: str, verdict, policy) -> str:
    """The readable form of a verdict, for `--text`."""
    lines = [f"decision: {verdict.decision}", f"language: {verdict.lang}"]
    first = verdict.reasons[0] if verdict.reasons else None
    if verdict.decision == "reject" and first is not None:
        try:
            lines.append(f"message:  {policy.clause(first.clause_id).message}")
        except KeyError:
            pass
    elif verdict.decision == "review":
        if verdict.errors:
            why = "a check failed (see below)"
        elif first is not None:
            why = f"may break '{first.clause_id}' ({first.score:.2f}); a moderator decides"
        else:
            why = f"this policy does not approve '{verdict.lang}' comments automatically"
        lines.append(f"held:     {why}")
    if verdict.reasons:
        lines.append("reasons:")
        for reason in verdict.reasons:
            lines.append(f"  - {reason.category} {reason.score:.2f}: {reason.guideline}")
            if reason.evidence:
                quoted = ", ".join(
                    json.dumps(text[s:e], ensure_ascii=False) for s, e in reason.evidence
                )
                lines.append(f"    evidence: {quoted}")
    else:
        lines.append("reasons:  none")
    scored = [(name, value) for name, value in verdict.scores.items() if value is not None]
    top = sorted(scored, key=lambda item: -item[1])[:5]
    lines.append("scores:   " + ", ".join(f"{name} {value:.2f}" for name, value in top))
    note = getattr(verdict, "relevance", None)
    if verdict.scores.get("off_topic") is None:
        why = note.reason if note is not None and note.reason else "no article"
        lines.append(f"off_topic: not scored ({why})")
    elif note is not None:
        pair = f"{note.comment_lang} comment, {note.article_lang} article"
        lines.append(f"off_topic: judged by {note.method} ({pair})")
    lines.append(f"model:    {verdict.model}")
    for error in verdict.errors:
        lines.append(f"held because a check failed: {error}")
    return "\n".join(lines)
