"""The annotation form's requests: the form, a paragraph's text, live anchor feedback, a note's values, save.

Saving writes data/annotations/<id>.yml and nothing else, after checking the new file with the rules of
`make check` in a scratch copy of the project; the errors go back to the form, one line each.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Callable

from edition import blocks, check
from edition.annotations import FOLDER, article_path
from edition.annotations.anchoring import Passage, find, passages
from edition.annotations.load import ID_PATTERN, load_file
from edition.annotations.model import (KINDS, LANGUAGES, QUOTE_LANGUAGES, REVIEWERS, SOURCE_KINDS, VERDICTS,
                                       Annotation)
from edition.authoring import writer
from edition.authoring.selectors import SelectorProblem, place
from edition.authoring.templates import render
from edition.datafile import DataError

MAX_BODY = 1_000_000  # bytes of one request: far more than any annotation
SOURCE_FIELDS = ("url", "title", "publisher", "date", "kind", "quote", "language")
WORDS = {"fact-check": "Fact-check", "translator-note": "Translator's note"}


class Authoring:
    """Answers the form's requests for one project; `token` is the secret of this run of the preview."""

    def __init__(self, root: Path, token: str, lock: threading.Lock | None = None,
                 today: Callable[[], date] = date.today):
        self.root = root
        self.token = token
        self.lock = lock or threading.Lock()  # one save at a time
        self.today = today

    def handle(self, method: str, path: str, query: dict, body: bytes) -> tuple[str, bytes]:
        routes = {("GET", "api/form"): self.form, ("GET", "api/passage"): self.passage,
                  ("POST", "api/anchor"): self.anchor, ("GET", "api/annotation"): self.annotation,
                  ("POST", "api/save"): self.save}
        action = routes.get((method, path))
        if action is None:
            return "404 Not Found", _json({"errors": [f"no such request: {method} {path}"]})
        if method == "POST":
            try:
                request = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return "400 Bad Request", _json({"errors": ["the request is not JSON"]})
            if not isinstance(request, dict):
                return "400 Bad Request", _json({"errors": ["the request is not a JSON object"]})
        else:
            request = {key: values[0] for key, values in query.items()}
        status, answer = action(request)
        return status, _json(answer)

    # ---- Requests ----------------------------------------------------------------------

    def form(self, request: dict):
        html = render("form.html", verdicts=list(VERDICTS.values()), kinds=KINDS, words=WORDS,
                      reviewers=REVIEWERS, source_kinds=SOURCE_KINDS, quote_languages=QUOTE_LANGUAGES,
                      languages=LANGUAGES, today=self.today().isoformat())
        return "200 OK", {"html": html}

    def passage(self, request: dict):
        language, block_id = request.get("language"), request.get("block")
        if language not in LANGUAGES:
            return "400 Bad Request", {"errors": [f"unknown language {language!r}; allowed: de, en"]}
        text = next((item.text for item in self._texts(language) if item.block_id == block_id), None)
        if text is None:
            return "200 OK", {"text": None, "message": f"the {language} article has no block {block_id!r}"}
        return "200 OK", {"text": text}

    def anchor(self, request: dict):
        language = request.get("language")
        if language not in LANGUAGES:
            return "400 Bad Request", {"errors": [f"unknown language {language!r}; allowed: de, en"]}
        try:
            placed = place(self._texts(language), str(request.get("block", "")), str(request.get("exact", "")),
                           _integer(request.get("start")))
        except SelectorProblem as problem:
            return "200 OK", {"ok": False, "message": str(problem)}
        context = " and ".join(f"{name} “{value}”" for name, value in
                               (("prefix", placed.anchor.prefix), ("suffix", placed.anchor.suffix)) if value)
        message = (f"found once in {placed.block_id}" if placed.occurrences == 1 else
                   f"occurs {placed.occurrences} times; with {context} found once in {placed.block_id}")
        return "200 OK", {"ok": True, "message": message, "prefix": placed.anchor.prefix,
                          "suffix": placed.anchor.suffix}

    def annotation(self, request: dict):
        identifier = request.get("id", "")
        if not ID_PATTERN.fullmatch(identifier) or not self._file(identifier).is_file():
            return "404 Not Found", {"errors": [f"no annotation {identifier!r} in {FOLDER.as_posix()}/"]}
        try:
            item = load_file(self._file(identifier))
        except DataError as error:
            return "200 OK", {"errors": [self._shown(str(error))]}
        return "200 OK", {"values": self._values_of(item)}

    def save(self, request: dict):
        editing = request.get("editing") or None
        try:
            identifier, values = self._values(request)
        except _Refused as refused:
            return "422 Unprocessable Entity", {"errors": refused.lines}
        target = self._file(identifier)
        with self.lock:
            if editing is None and target.exists():
                return "422 Unprocessable Entity", {"errors": [
                    f"{self._shown(target)}: an annotation with the id {identifier!r} exists already; "
                    f"allowed: another id, or Edit on that note"]}
            if editing is not None and editing != identifier:
                return "422 Unprocessable Entity", {"errors": [
                    f"the id cannot change from {editing!r} to {identifier!r}; allowed: {editing!r}"]}
            if editing is not None and not target.is_file():
                return "422 Unprocessable Entity", {"errors": [f"{self._shown(target)} no longer exists"]}
            text = self._text(target, values, editing is not None)
            errors = self._check(identifier, text)
            if errors:
                return "422 Unprocessable Entity", {"errors": errors}
            scratch = target.with_name(f".{identifier}.yml.saving")  # hidden: the loader skips it
            scratch.write_text(text, encoding="utf-8")
            os.replace(scratch, target)
        return "200 OK", {"id": identifier, "path": self._shown(target)}

    # ---- Helpers -----------------------------------------------------------------------

    def _texts(self, language: str) -> list[Passage]:
        return passages(blocks.read(article_path(self.root, language)))

    def _file(self, identifier: str) -> Path:
        return self.root / FOLDER / f"{identifier}.yml"

    def _shown(self, text) -> str:
        return str(text).replace(str(self.root) + os.sep, "")

    def _values(self, request: dict) -> tuple[str, dict]:
        """The form's fields as the file's values, in the house order; _Refused with every problem."""
        problems = []
        identifier = _text(request.get("id"))
        if not ID_PATTERN.fullmatch(identifier):
            problems.append(f"id {identifier!r} is not a valid id; allowed: lowercase letters, digits and "
                            f"single hyphens (it becomes the file name)")
        kind = request.get("kind")
        if kind not in KINDS:
            raise _Refused([f"kind {kind!r}; allowed: {', '.join(KINDS)}"])
        values: dict = {"id": identifier, "kind": kind}
        if kind == "fact-check":
            values["verdict"] = _text(request.get("verdict"))
        anchors = {}
        for language, selected in (request.get("anchor") or {}).items():
            if language not in LANGUAGES or not isinstance(selected, dict) or not _text(selected.get("exact")):
                continue
            try:
                placed = place(self._texts(language), _text(selected.get("block")), _text(selected.get("exact")),
                               _integer(selected.get("start")))
            except SelectorProblem as problem:
                problems.append(f"anchor.{language}: {problem}")
                continue
            anchors[language] = {"exact": placed.anchor.exact, **{
                key: value for key, value in (("prefix", placed.anchor.prefix), ("suffix", placed.anchor.suffix))
                if value}}
        values["anchor"] = anchors
        fields = ("claim", "summary", "note") if kind == "fact-check" else ("summary", "note")
        for key in fields:
            texts = {language: _text((request.get(key) or {}).get(language)) for language in LANGUAGES}
            texts = {language: text for language, text in texts.items() if text}
            if texts or key != "summary" or kind == "fact-check":
                values[key] = texts
        sources = [_source(item) for item in request.get("sources") or [] if isinstance(item, dict)]
        sources = [item for item in sources if item]
        if sources or kind == "fact-check":
            values["sources"] = sources
        values["reviewed"] = {"date": self.today().isoformat(), "by": _text(request.get("reviewed_by"))}
        if problems:
            raise _Refused(problems)
        return identifier, values

    def _text(self, target: Path, values: dict, editing: bool) -> str:
        if editing:
            return writer.dump(writer.update(writer.parse(target.read_text(encoding="utf-8")), values))
        language, selected = next(iter(values["anchor"].items()), ("", {}))
        comment = (f"{WORDS[values['kind']]} on “{selected.get('exact', '')}” ({language}), written with the "
                   f"annotation form of make serve on {self.today().isoformat()}.\n"
                   f"Lines starting with # are notes for editors; readers never see them.")
        return writer.dump(writer.new_document(values, comment))

    def _check(self, identifier: str, text: str) -> list[str]:
        """Every error `make check` would report that saving this text adds (file names as in the project)."""
        before = set(self._project_errors(self.root))
        scratch = Path(tempfile.mkdtemp(prefix="edition-authoring-"))
        try:
            _mirror(self.root, scratch, identifier, text)
            mine = scratch / FOLDER / f"{identifier}.yml"
            try:
                load_file(mine)
            except DataError as error:
                return [self._in_project(str(error), scratch)]
            after = [self._in_project(line, scratch) for line in self._project_errors(scratch)]
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return [line for line in after if line not in before]

    def _project_errors(self, root: Path) -> list[str]:
        return [self._in_project(line, root) for line in check.run(root)]

    def _in_project(self, line: str, root: Path) -> str:
        return line.replace(str(root) + os.sep, "").replace(str(root.resolve()) + os.sep, "")

    def _values_of(self, item: Annotation) -> dict:
        anchors = {}
        for language, selector in item.anchor.items():
            found = find(selector, self._texts(language))
            anchors[language] = {"exact": selector.exact, "block": found[0].block_id if found else "",
                                 "start": found[0].start if found else None}
        return {
            "id": item.id, "kind": item.kind, "verdict": item.verdict.code if item.verdict else "",
            "anchor": anchors, "claim": dict(item.claim), "summary": dict(item.summary), "note": dict(item.note),
            "sources": [{**{key: getattr(source, key) for key in SOURCE_FIELDS},
                         "quote_translation": dict(source.quote_translation)} for source in item.sources],
            "reviewed_by": item.reviewed.by,
        }


class _Refused(Exception):
    def __init__(self, lines: list[str]):
        super().__init__("; ".join(lines))
        self.lines = lines


def _source(item: dict) -> dict:
    """One source row of the form as the file writes it: empty optional fields left out."""
    source = {key: _text(item.get(key)) for key in SOURCE_FIELDS}
    if not source["quote"]:
        source["language"] = ""
    translation = {language: _text((item.get("quote_translation") or {}).get(language)) for language in LANGUAGES
                   if language != source["language"]}
    source = {key: value for key, value in source.items() if value or key in ("url", "title", "publisher", "date")}
    if not any(source.values()):
        return {}
    translation = {language: text for language, text in translation.items() if text}
    if translation and source.get("quote"):
        source["quote_translation"] = translation
    return source


def _mirror(root: Path, scratch: Path, identifier: str, text: str) -> None:
    """A scratch project: links to the real files, and the annotations folder with this file in it."""
    (scratch / "data").mkdir()
    for name in ("docs", "mkdocs.yml", "mkdocs.en.yml"):
        if (root / name).exists():
            (scratch / name).symlink_to(root / name)
    for entry in (root / "data").iterdir():
        if entry.name != FOLDER.name:
            (scratch / "data" / entry.name).symlink_to(entry)
    folder = scratch / FOLDER
    folder.mkdir()
    for existing in (root / FOLDER).glob("*.yml"):
        if existing.stem != identifier:
            (folder / existing.name).symlink_to(existing)
    (folder / f"{identifier}.yml").write_text(text, encoding="utf-8")


def _text(value) -> str:
    return value.strip().replace("\r\n", "\n") if isinstance(value, str) else ""


def _integer(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")
